import { sql, type RawBuilder } from 'kysely';
import type { ReportStatus } from '../db/types';

/**
 * Which records count (DESIGN.md section 4), in one place: the quarter reports of a selection are
 * those in the period, of the selected ateliers, whose status belongs to the data scope. The
 * engine's aggregates, the drill-down and every record listing of the exports build on this, so
 * a number and the records shown behind it can never be taken from different reports.
 */
export type MetricsScope = 'approved' | 'approved+submitted';

/** The report statuses each data scope counts. */
export const SCOPE_STATUSES: Record<MetricsScope, readonly ReportStatus[]> = {
	approved: ['goedgekeurd'],
	'approved+submitted': ['goedgekeurd', 'ingediend']
};

export interface ReportSelection {
	from: string;
	to: string;
	/** The selected ateliers; null means all. */
	atelierIds: number[] | null;
	scope: MetricsScope;
}

/**
 * The condition on a `quarter_reports` row (under `alias`) that puts it in the selection. Callers
 * that restrict the ateliers by a join of their own pass `atelierIds: null`.
 */
export function reportInSelection(alias: string, s: ReportSelection): RawBuilder<boolean> {
	const ateliers =
		s.atelierIds === null
			? sql`true`
			: sql`${sql.ref(`${alias}.atelier_id`)} = any(${s.atelierIds}::int[])`;
	const column = (name: string) => sql.ref(`${alias}.${name}`);
	return sql<boolean>`(${column('quarter')} >= ${s.from} and ${column('quarter')} <= ${s.to}
		and ${column('status')} = any(${[...SCOPE_STATUSES[s.scope]]}::text[]) and ${ateliers})`;
}

/**
 * The condition that an atelier (under `alias`) was active at some time between `from` and `to`
 * (quarters, as values or SQL expressions): what "Leerateliers" counts, and which quarters a
 * report is expected for.
 */
export function atelierActive(
	alias: string,
	from: string | RawBuilder<unknown>,
	to: string | RawBuilder<unknown> = from
): RawBuilder<boolean> {
	const column = (name: string) => sql.ref(`${alias}.${name}`);
	return sql<boolean>`(${column('active_from')} <= ${to}
		and (${column('active_to')} is null or ${column('active_to')} >= ${from}))`;
}

/** The same rule as `atelierActive`, for an atelier already loaded. */
export function isAtelierActive(
	atelier: { activeFrom: string; activeTo: string | null },
	from: string,
	to: string = from
): boolean {
	return atelier.activeFrom <= to && (atelier.activeTo === null || atelier.activeTo >= from);
}
