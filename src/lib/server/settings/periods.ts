import { sql, type Kysely, type Transaction } from 'kysely';
import { z } from 'zod';
import { isQuarter, quarterLabel } from '../../quarters';
import { recordAudit } from '../audit/index';
import type { SessionUser } from '../auth/guards';
import { assertCan } from '../auth/policy';
import type { Database } from '../db/types';
import { ConflictError, fieldError, parseInput } from '../errors';
import { listSubsidyPeriods, type SubsidyPeriod } from './werkplaats';

/**
 * Subsidy periods: named ranges of whole quarters that may not overlap. They are the presets of
 * the dashboard and the ateliers page, so a change shows there at once.
 */

const quarter = (what: string) => z.string().trim().refine(isQuarter, `Kies het ${what}kwartaal.`);

export const periodSchema = z
	.object({
		name: z
			.string()
			.trim()
			.min(1, 'Geef de periode een naam, bijvoorbeeld 2023-2026.')
			.max(80, 'Deze naam is te lang (hoogstens 80 tekens).'),
		startQuarter: quarter('eerste '),
		endQuarter: quarter('laatste ')
	})
	.refine((p) => p.startQuarter <= p.endQuarter, {
		message: 'Het laatste kwartaal ligt vóór het eerste.',
		path: ['endQuarter']
	});

export type PeriodInput = z.output<typeof periodSchema>;

export function periodFormValues(form: FormData): Record<string, string> {
	return {
		name: String(form.get('name') ?? ''),
		startQuarter: String(form.get('startQuarter') ?? ''),
		endQuarter: String(form.get('endQuarter') ?? '')
	};
}

const valuesOf = (p: SubsidyPeriod) => ({
	name: p.name,
	startQuarter: p.startQuarter,
	endQuarter: p.endQuarter
});

/** One change of the periods at a time, so two overlapping periods cannot both pass the check. */
async function lockPeriods(trx: Transaction<Database>): Promise<SubsidyPeriod[]> {
	await sql`lock table subsidy_periods in share row exclusive mode`.execute(trx);
	return listSubsidyPeriods(trx);
}

function assertFits(periods: SubsidyPeriod[], input: PeriodInput, exceptId: number | null) {
	const others = periods.filter((p) => p.id !== exceptId);
	const sameName = others.find((p) => p.name.toLowerCase() === input.name.toLowerCase());
	if (sameName) throw fieldError('Er is al een periode met deze naam.', 'name', 409);
	const overlap = others.find(
		(p) => p.startQuarter <= input.endQuarter && input.startQuarter <= p.endQuarter
	);
	if (overlap)
		throw fieldError(
			`Deze periode overlapt met ${overlap.name} (${quarterLabel(overlap.startQuarter)} – ${quarterLabel(overlap.endQuarter)}). Periodes mogen elkaar niet overlappen.`,
			'startQuarter',
			409
		);
}

export async function createSubsidyPeriod(
	db: Kysely<Database>,
	actor: SessionUser,
	raw: Record<string, unknown>
): Promise<number> {
	assertCan(actor, 'werkplaats.manage');
	const input = parseInput(periodSchema, raw);
	return db.transaction().execute(async (trx) => {
		assertFits(await lockPeriods(trx), input, null);
		const { id } = await trx
			.insertInto('subsidy_periods')
			.values({
				name: input.name,
				start_quarter: input.startQuarter,
				end_quarter: input.endQuarter
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await recordAudit(trx, {
			actorId: actor.id,
			entity: 'subsidy_period',
			entityId: id,
			action: 'create',
			before: null,
			after: input
		});
		return id;
	});
}

/** Renames or moves a period, on the version the form showed. */
export async function updateSubsidyPeriod(
	db: Kysely<Database>,
	actor: SessionUser,
	id: number,
	version: number,
	raw: Record<string, unknown>
): Promise<void> {
	assertCan(actor, 'werkplaats.manage');
	const input = parseInput(periodSchema, raw);
	await db.transaction().execute(async (trx) => {
		const periods = await lockPeriods(trx);
		const before = periods.find((p) => p.id === id);
		if (!before || before.version !== version)
			throw new ConflictError(
				before ? { values: valuesOf(before), version: before.version } : null
			);
		assertFits(periods, input, id);
		await trx
			.updateTable('subsidy_periods')
			.set({
				name: input.name,
				start_quarter: input.startQuarter,
				end_quarter: input.endQuarter,
				version: before.version + 1
			})
			.where('id', '=', id)
			.execute();
		await recordAudit(trx, {
			actorId: actor.id,
			entity: 'subsidy_period',
			entityId: id,
			action: 'update',
			before: valuesOf(before),
			after: input
		});
	});
}

/** Removes a period (the quarters' data stays: a period is only a named range). */
export async function deleteSubsidyPeriod(
	db: Kysely<Database>,
	actor: SessionUser,
	id: number,
	version: number
): Promise<void> {
	assertCan(actor, 'werkplaats.manage');
	await db.transaction().execute(async (trx) => {
		const before = (await lockPeriods(trx)).find((p) => p.id === id);
		if (!before || before.version !== version)
			throw new ConflictError(
				before ? { values: valuesOf(before), version: before.version } : null
			);
		await trx.deleteFrom('subsidy_periods').where('id', '=', id).execute();
		await recordAudit(trx, {
			actorId: actor.id,
			entity: 'subsidy_period',
			entityId: id,
			action: 'delete',
			before: valuesOf(before),
			after: null
		});
	});
}
