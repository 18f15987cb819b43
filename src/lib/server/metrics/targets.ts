import type { Kysely } from 'kysely';
import { parseQuarter } from '../../quarters';
import type { Database } from '../db/types';
import { INDICATOR_RULES, isIndicatorCode, type IndicatorCode } from './catalogue';
import type { MetricsUnit } from './units';

export type TargetValues = Partial<Record<IndicatorCode, number>>;

export interface Targets {
	/** Werkplaats-wide targets; empty when only some ateliers are selected. */
	total: TargetValues;
	/** Per atelier (by unit id); empty under lineage grouping. */
	perUnit: Record<number, TargetValues>;
}

/**
 * Targets are set per calendar year. For a period: count and sum indicators add up the yearly
 * targets in proportion to the quarters of each year in the period; distinct and stock indicators
 * take the target of the period's last year. Without a target for every year needed: no target.
 */
export function periodTarget(
	code: IndicatorCode,
	quarters: string[],
	byYear: Map<number, number>
): number | undefined {
	const quartersPerYear = new Map<number, number>();
	for (const q of quarters) {
		const { year } = parseQuarter(q);
		quartersPerYear.set(year, (quartersPerYear.get(year) ?? 0) + 1);
	}
	if (!INDICATOR_RULES[code].additive) return byYear.get(parseQuarter(quarters.at(-1)!).year);
	let sum = 0;
	for (const [year, count] of quartersPerYear) {
		const yearly = byYear.get(year);
		if (yearly === undefined) return undefined;
		sum += (yearly * count) / 4;
	}
	return Math.round(sum * 100) / 100;
}

export async function loadTargets(
	db: Kysely<Database>,
	quarters: string[],
	units: MetricsUnit[],
	options: { total: boolean; perUnit: boolean }
): Promise<Targets> {
	const first = parseQuarter(quarters[0]).year;
	const last = parseQuarter(quarters.at(-1)!).year;
	const rows = await db
		.selectFrom('indicator_targets')
		.select(['indicator_code', 'year', 'atelier_id', 'target'])
		.where('year', '>=', first)
		.where('year', '<=', last)
		.execute();
	// key: atelier id or 'all' -> indicator -> year -> target
	const table = new Map<string, Map<IndicatorCode, Map<number, number>>>();
	for (const row of rows) {
		if (!isIndicatorCode(row.indicator_code)) continue;
		const key = row.atelier_id === null ? 'all' : String(row.atelier_id);
		const byCode = table.get(key) ?? new Map();
		const byYear = byCode.get(row.indicator_code) ?? new Map();
		byYear.set(row.year, Number(row.target));
		byCode.set(row.indicator_code, byYear);
		table.set(key, byCode);
	}
	const resolve = (key: string): TargetValues => {
		const result: TargetValues = {};
		for (const [code, byYear] of table.get(key) ?? []) {
			const value = periodTarget(code, quarters, byYear);
			if (value !== undefined) result[code] = value;
		}
		return result;
	};
	const perUnit: Record<number, TargetValues> = {};
	if (options.perUnit) for (const u of units) perUnit[u.id] = resolve(String(u.id));
	return { total: options.total ? resolve('all') : {}, perUnit };
}
