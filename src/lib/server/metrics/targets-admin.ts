import type { Kysely } from 'kysely';
import { z } from 'zod';
import { DECIMAL_NUMBER_HINT, readDutchNumber } from '../../number-input';
import { makeQuarter } from '../../quarters';
import { recordAudit } from '../audit/index';
import type { Database } from '../db/types';
import { INDICATOR_CODES, isIndicatorCode, type IndicatorCode } from './catalogue';

/** A target cell: an indicator for the werkplaats (atelierId null) or one atelier. */
export interface TargetEntry {
	code: IndicatorCode;
	atelierId: number | null;
	target: number | null;
}

export interface TargetGrid {
	year: number;
	indicators: { code: IndicatorCode; name: string }[];
	ateliers: { id: number; name: string }[];
	/** Field name -> value as text, e.g. 't:bijeenkomsten:all' -> '40'. */
	values: Record<string, string>;
}

export const fieldName = (code: string, atelierId: number | null) =>
	`t:${code}:${atelierId ?? 'all'}`;

/** The targets of one year, with the ateliers active in that year. */
export async function loadTargetGrid(db: Kysely<Database>, year: number): Promise<TargetGrid> {
	const [indicators, ateliers, targets] = await Promise.all([
		db.selectFrom('indicators').select(['code', 'name']).orderBy('sort_order').execute(),
		db
			.selectFrom('ateliers')
			.select(['id', 'name'])
			.where('active_from', '<=', makeQuarter(year, 4))
			.where((eb) =>
				eb.or([eb('active_to', 'is', null), eb('active_to', '>=', makeQuarter(year, 1))])
			)
			.orderBy('name')
			.execute(),
		db
			.selectFrom('indicator_targets')
			.select(['indicator_code', 'atelier_id', 'target'])
			.where('year', '=', year)
			.execute()
	]);
	const values: Record<string, string> = {};
	for (const t of targets)
		values[fieldName(t.indicator_code, t.atelier_id)] = String(Number(t.target));
	return {
		year,
		indicators: indicators.filter((i) => isIndicatorCode(i.code)) as TargetGrid['indicators'],
		ateliers,
		values
	};
}

const targetValue = z
	.string()
	.trim()
	.refine(
		(v) => v === '' || (Number.isFinite(readDutchNumber(v, 2)) && readDutchNumber(v, 2) < 1e10),
		{
			message: `Vul een getal van 0 of meer in (hoogstens twee decimalen, ${DECIMAL_NUMBER_HINT}), of laat het vak leeg.`
		}
	)
	.transform((v) => (v === '' ? null : readDutchNumber(v, 2)));

export const yearSchema = z.coerce
	.number({ message: 'Kies een jaar.' })
	.int('Kies een jaar.')
	.min(2000, 'Kies een jaar vanaf 2000.')
	.max(2100, 'Kies een jaar tot en met 2100.');

/** Reads the form: every field `t:<code>:<atelier id|all>`; errors keyed by field name. */
export function parseTargetForm(
	form: FormData,
	atelierIds: number[]
): { entries: TargetEntry[]; values: Record<string, string>; errors: Record<string, string> } {
	const entries: TargetEntry[] = [];
	const values: Record<string, string> = {};
	const errors: Record<string, string> = {};
	for (const code of INDICATOR_CODES)
		for (const atelierId of [null, ...atelierIds]) {
			const name = fieldName(code, atelierId);
			const raw = form.get(name);
			if (raw === null) continue;
			values[name] = String(raw);
			const parsed = targetValue.safeParse(String(raw));
			if (!parsed.success) errors[name] = parsed.error.issues[0].message;
			else entries.push({ code, atelierId, target: parsed.data });
		}
	return { entries, values, errors };
}

/**
 * Saves the targets of one year in one transaction. Each target that really changes gets an
 * audit entry with its value before and after (issue 13: target changes were not audited);
 * re-saving the same grid records nothing.
 */
export async function saveTargets(
	db: Kysely<Database>,
	actorId: number | null,
	year: number,
	entries: TargetEntry[]
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		for (const e of entries) {
			let del = trx
				.deleteFrom('indicator_targets')
				.where('indicator_code', '=', e.code)
				.where('year', '=', year);
			del =
				e.atelierId === null
					? del.where('atelier_id', 'is', null)
					: del.where('atelier_id', '=', e.atelierId);
			const removed = await del.returning('target').execute();
			const before = removed.length ? Number(removed[0].target) : null;
			if (e.target !== null)
				await trx
					.insertInto('indicator_targets')
					.values({ indicator_code: e.code, year, atelier_id: e.atelierId, target: e.target })
					.execute();
			if (before === e.target) continue;
			await recordAudit(trx, {
				actorId,
				entity: 'indicator_target',
				entityId: `${e.code}:${year}:${e.atelierId ?? 'werkplaats'}`,
				atelierId: e.atelierId,
				action: before === null ? 'create' : e.target === null ? 'delete' : 'update',
				before: before === null ? null : { indicator: e.code, year, target: before },
				after: e.target === null ? null : { indicator: e.code, year, target: e.target }
			});
		}
	});
}
