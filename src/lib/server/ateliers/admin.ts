import type { Kysely } from 'kysely';
import { addQuarters, quarterLabel } from '../../quarters';
import { recordAudit, type Executor } from '../audit/index';
import type { SessionUser } from '../auth/guards';
import { assertCan } from '../auth/policy';
import { lockSetUp } from '../db/locks';
import type { Atelier, Database } from '../db/types';
import { ActionError, ConflictError, fieldError, ValidationError } from '../errors';
import {
	slugify,
	type AtelierEditInput,
	type ContinueAtelierInput,
	type NewAtelierInput
} from './forms';

// Management's set-up of the ateliers (/beheer/ateliers): every write locks the atelier row, checks
// the version the form showed, and audits before/after in the same transaction.

const audited = (a: Atelier) => ({
	slug: a.slug,
	name: a.name,
	theme: a.theme,
	activeFrom: a.active_from,
	activeTo: a.active_to,
	predecessorId: a.predecessor_id
});

/** The edit form's values of the atelier as it is now (the conflict view shows them). */
export const editValuesOf = (a: Atelier) => ({
	name: a.name,
	theme: a.theme,
	slug: a.slug,
	activeFrom: a.active_from,
	activeTo: a.active_to ?? ''
});

async function lockAtelier(trx: Executor, id: number, version: number): Promise<Atelier> {
	const row = await trx
		.selectFrom('ateliers')
		.selectAll()
		.where('id', '=', id)
		.forUpdate()
		.executeTakeFirst();
	if (!row || row.version !== version)
		throw new ConflictError(row ? { values: editValuesOf(row), version: row.version } : null);
	return row;
}

/** The requested slug when free, or (left empty) one made from the name with -2, -3 as needed. */
async function chooseSlug(
	trx: Executor,
	requested: string,
	name: string,
	exceptId: number | null
): Promise<string> {
	const taken = async (slug: string) => {
		let query = trx.selectFrom('ateliers').select('name').where('slug', '=', slug);
		if (exceptId !== null) query = query.where('id', '<>', exceptId);
		return query.executeTakeFirst();
	};
	if (requested) {
		const other = await taken(requested);
		if (other) throw fieldError(`Dit adres wordt al gebruikt door “${other.name}”.`, 'slug', 409);
		return requested;
	}
	const base = slugify(name) || 'atelier';
	for (let n = 1; ; n++) {
		const slug = n === 1 ? base : `${base}-${n}`;
		if (!(await taken(slug))) return slug;
	}
}

/** Refuses a range that leaves quarter reports of the atelier outside it, naming them. */
async function assertRangeKeepsReports(
	trx: Executor,
	id: number,
	from: string,
	to: string | null
): Promise<void> {
	const outside = await trx
		.selectFrom('quarter_reports')
		.select('quarter')
		.where('atelier_id', '=', id)
		.where((eb) =>
			to === null
				? eb('quarter', '<', from)
				: eb.or([eb('quarter', '<', from), eb('quarter', '>', to)])
		)
		.orderBy('quarter')
		.execute();
	if (outside.length === 0) return;
	const field = outside[0].quarter < from ? 'activeFrom' : 'activeTo';
	const list = outside.map((r) => quarterLabel(r.quarter)).join(', ');
	throw new ValidationError(
		{
			[field]: `Dit atelier heeft kwartaalrapportages buiten deze periode: ${list}. Kies een periode die ze omvat; rapportages worden nooit losgemaakt van hun atelier.`
		},
		409
	);
}

/** Creates an atelier; the slug is made from the name unless one is given. */
export async function createAtelier(
	db: Kysely<Database>,
	actor: SessionUser,
	input: NewAtelierInput
): Promise<{ id: number; slug: string }> {
	assertCan(actor, 'ateliers.manage');
	return db.transaction().execute(async (trx) => {
		await lockSetUp(trx, 'ateliers');
		const slug = await chooseSlug(trx, input.slug, input.name, null);
		const row = await trx
			.insertInto('ateliers')
			.values({
				slug,
				name: input.name,
				theme: input.theme,
				active_from: input.activeFrom,
				active_to: null,
				predecessor_id: null
			})
			.returningAll()
			.executeTakeFirstOrThrow();
		await recordAudit(trx, {
			actorId: actor.id,
			entity: 'atelier',
			entityId: row.id,
			atelierId: row.id,
			action: 'create',
			after: audited(row)
		});
		return { id: row.id, slug };
	});
}

/** Changes name, theme, slug and active range, on the version the form showed. */
export async function updateAtelier(
	db: Kysely<Database>,
	actor: SessionUser,
	id: number,
	version: number,
	input: AtelierEditInput
): Promise<{ slug: string }> {
	assertCan(actor, 'ateliers.manage');
	return db.transaction().execute(async (trx) => {
		await lockSetUp(trx, 'ateliers');
		const before = await lockAtelier(trx, id, version);
		const slug = await chooseSlug(trx, input.slug || before.slug, input.name, id);
		await assertRangeKeepsReports(trx, id, input.activeFrom, input.activeTo);
		const after = await trx
			.updateTable('ateliers')
			.set({
				slug,
				name: input.name,
				theme: input.theme,
				active_from: input.activeFrom,
				active_to: input.activeTo,
				version: before.version + 1,
				updated_at: new Date()
			})
			.where('id', '=', id)
			.returningAll()
			.executeTakeFirstOrThrow();
		await recordAudit(trx, {
			actorId: actor.id,
			entity: 'atelier',
			entityId: id,
			atelierId: id,
			action: 'update',
			before: audited(before),
			after: audited(after)
		});
		return { slug };
	});
}

/** Ends the atelier after its last active quarter. */
export async function endAtelier(
	db: Kysely<Database>,
	actor: SessionUser,
	id: number,
	version: number,
	activeTo: string
): Promise<void> {
	assertCan(actor, 'ateliers.manage');
	await db.transaction().execute(async (trx) => {
		await lockSetUp(trx, 'ateliers');
		const before = await lockAtelier(trx, id, version);
		await endLocked(trx, actor, before, activeTo, 'end');
	});
}

async function endLocked(
	trx: Executor,
	actor: SessionUser,
	before: Atelier,
	activeTo: string,
	action: string
): Promise<Atelier> {
	if (activeTo < before.active_from)
		throw fieldError(
			`Het laatste kwartaal ligt vóór het eerste (${quarterLabel(before.active_from)}).`,
			'activeTo'
		);
	await assertRangeKeepsReports(trx, before.id, before.active_from, activeTo);
	const after = await trx
		.updateTable('ateliers')
		.set({ active_to: activeTo, version: before.version + 1, updated_at: new Date() })
		.where('id', '=', before.id)
		.returningAll()
		.executeTakeFirstOrThrow();
	await recordAudit(trx, {
		actorId: actor.id,
		entity: 'atelier',
		entityId: before.id,
		atelierId: before.id,
		action,
		before: audited(before),
		after: audited(after)
	});
	return after;
}

/**
 * Continues the atelier as a new one: this one ends after `lastQuarter`, the successor starts the
 * next quarter with this one as predecessor (the lineage the dashboards group by), optionally with
 * the same kartrekkers. An atelier may have several successors.
 */
export async function continueAtelier(
	db: Kysely<Database>,
	actor: SessionUser,
	id: number,
	version: number,
	input: ContinueAtelierInput
): Promise<{ id: number; slug: string }> {
	assertCan(actor, 'ateliers.manage');
	return db.transaction().execute(async (trx) => {
		await lockSetUp(trx, 'ateliers');
		const before = await lockAtelier(trx, id, version);
		const ended = await endLocked(trx, actor, before, input.lastQuarter, 'continue');
		const slug = await chooseSlug(trx, input.slug, input.name, null);
		const successor = await trx
			.insertInto('ateliers')
			.values({
				slug,
				name: input.name,
				theme: input.theme,
				active_from: addQuarters(input.lastQuarter, 1),
				active_to: null,
				predecessor_id: ended.id
			})
			.returningAll()
			.executeTakeFirstOrThrow();
		let kartrekkerIds: number[] = [];
		if (input.carryKartrekkers) {
			const carried = await trx
				.insertInto('atelier_assignments')
				.columns(['atelier_id', 'user_id'])
				.expression((eb) =>
					eb
						.selectFrom('atelier_assignments')
						.select([eb.val(successor.id).as('atelier_id'), 'user_id'])
						.where('atelier_id', '=', id)
				)
				.returning('user_id')
				.execute();
			kartrekkerIds = carried.map((r) => r.user_id).sort((a, b) => a - b);
		}
		await recordAudit(trx, {
			actorId: actor.id,
			entity: 'atelier',
			entityId: successor.id,
			atelierId: successor.id,
			action: 'create',
			after: { ...audited(successor), kartrekkerIds }
		});
		return { id: successor.id, slug };
	});
}

/** Deletes an atelier that never had a quarter report and that no atelier continues. */
export async function deleteAtelier(
	db: Kysely<Database>,
	actor: SessionUser,
	id: number,
	version: number
): Promise<void> {
	assertCan(actor, 'ateliers.manage');
	await db.transaction().execute(async (trx) => {
		await lockSetUp(trx, 'ateliers');
		const before = await lockAtelier(trx, id, version);
		const reports = await trx
			.selectFrom('quarter_reports')
			.select('quarter')
			.where('atelier_id', '=', id)
			.orderBy('quarter')
			.execute();
		if (reports.length)
			throw new ActionError(
				`${before.name} heeft kwartaalrapportages (${reports.map((r) => quarterLabel(r.quarter)).join(', ')}) en kan daarom niet worden verwijderd. Beëindig het atelier in plaats daarvan.`,
				409
			);
		const successors = await trx
			.selectFrom('ateliers')
			.select('name')
			.where('predecessor_id', '=', id)
			.execute();
		if (successors.length)
			throw new ActionError(
				`${before.name} wordt voortgezet door ${successors.map((s) => s.name).join(', ')} en kan daarom niet worden verwijderd.`,
				409
			);
		const kartrekkers = await trx
			.selectFrom('atelier_assignments')
			.select('user_id')
			.where('atelier_id', '=', id)
			.execute();
		await trx.deleteFrom('ateliers').where('id', '=', id).execute();
		await recordAudit(trx, {
			actorId: actor.id,
			entity: 'atelier',
			entityId: id,
			action: 'delete',
			before: { ...audited(before), kartrekkerIds: kartrekkers.map((k) => k.user_id) },
			after: null
		});
	});
}
