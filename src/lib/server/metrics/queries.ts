import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/types';
import { atelierActive, reportInSelection, type MetricsScope } from './scope';

/**
 * The aggregate queries of the engine. Each one reads the per-report summaries of its records
 * (kept by triggers, migration 2026_11_30_0300) once and aggregates them in SQL
 * over the grouping sets (unit, quarter), (unit), (quarter) and () — and, for breakdowns, (kind) —
 * so the number of queries is fixed, whatever the number of ateliers or quarters.
 *
 * `unit` is the atelier, or the line of ateliers under lineage grouping: the caller passes the
 * mapping atelier -> unit as two arrays, which also restrict the data to the selected ateliers.
 */
export interface Selection {
	from: string;
	to: string;
	atelierIds: number[];
	unitIds: number[];
	scope: MetricsScope;
	/** Only the werkplaats total is needed (e.g. for the previous period). */
	totalsOnly?: boolean;
}

/** Grouping level of a result row, from `grouping(unit_id, quarter)`. */
export type Level = 'unit-quarter' | 'unit' | 'quarter' | 'total';
const LEVELS: Record<number, Level> = { 0: 'unit-quarter', 1: 'unit', 2: 'quarter', 3: 'total' };

export interface Row {
	level: Level;
	unit_id: number | null;
	quarter: string | null;
}

/** Reports in the period, the scope and the selection, each with the unit it counts for. */
function reports(s: Selection): RawBuilder<unknown> {
	return sql`unit_map (atelier_id, unit_id) as (
			select * from unnest(${s.atelierIds}::int[], ${s.unitIds}::int[])
		),
		r as (
			select qr.id, qr.quarter, m.unit_id, qr.network_members
			from quarter_reports qr
			join unit_map m on m.atelier_id = qr.atelier_id
			where ${reportInSelection('qr', { ...s, atelierIds: null })}
		)`;
}

const GROUPS = sql`grouping sets ((unit_id, quarter), (unit_id), (quarter), ())`;

/**
 * Distinct counts at every level from the per-report bitmaps of `metrics_report_sets` (migration
 * 2026_11_30_0300): OR the bitmaps of every chunk of ids per level, then count the bits. Exact,
 * and it reads a few rows per report instead of every record.
 */
function distinctByLevel<T>(s: Selection, dimension: string, alias: string) {
	const levels = s.totalsOnly
		? sql`null::int as unit_id, null::text as quarter, 3 as g, bit_or(bits) as bits
			from sets group by chunk`
		: sql`unit_id, quarter, grouping(unit_id, quarter) as g, bit_or(bits) as bits
			from sets
			group by grouping sets ((unit_id, quarter, chunk), (unit_id, chunk), (quarter, chunk), (chunk))`;
	return sql<T & { g: number }>`with ${reports(s)},
		sets as (
			select r.unit_id, r.quarter, m.chunk, m.bits
			from metrics_report_sets m join r on r.id = m.report_id
			where m.dimension = ${dimension}
		)
		select unit_id, quarter, g, sum(bit_count(bits)) as ${sql.ref(alias)}
		from (select ${levels}) d
		group by unit_id, quarter, g`;
}

async function grouped<T>(db: Kysely<Database>, query: RawBuilder<T & { g: number }>) {
	const { rows } = await query.execute(db);
	return rows.map((row) => ({ ...row, level: LEVELS[row.g] })) as unknown as (T & Row)[];
}

export interface ActivityRow {
	bijeenkomsten: number;
	openbare_kennisbijeenkomsten: number;
	deelnemers: number;
	professionals: number;
	bewoners: number;
	studenten: number;
	beleidsmedewerkers: number;
	onderzoekers_docenten: number;
	ervaringsdeskundigen: number;
}

/** Activities: counts and participant sums per level, plus a count per kind for the total. */
export function activityTotals(db: Kysely<Database>, s: Selection) {
	return sql<KindRow & ActivityRow>`
		with ${reports(s)}
		select r.unit_id, r.quarter, m.kind,
			grouping(r.unit_id, r.quarter, m.kind) as gk,
			sum(m.activities) as bijeenkomsten,
			sum(m.public_knowledge_events) as openbare_kennisbijeenkomsten,
			sum(m.participants_total) as deelnemers,
			sum(m.participants_professionals) as professionals,
			sum(m.participants_bewoners) as bewoners,
			sum(m.participants_studenten) as studenten,
			sum(m.participants_beleidsmedewerkers) as beleidsmedewerkers,
			sum(m.participants_onderzoekers_docenten) as onderzoekers_docenten,
			sum(m.participants_ervaringsdeskundigen) as ervaringsdeskundigen
		from metrics_report_activities m join r on r.id = m.report_id
		group by grouping sets ((r.unit_id, r.quarter), (r.unit_id), (r.quarter), (), (m.kind))`
		.execute(db)
		.then(({ rows }) => rows);
}

interface KindRow {
	unit_id: number | null;
	quarter: string | null;
	kind: string | null;
	/** grouping(unit_id, quarter, kind): 1 unit+quarter, 3 unit, 5 quarter, 7 total, 6 kind */
	gk: number;
}

/** Distinct students with a participation. */
export function studentCounts(db: Kysely<Database>, s: Selection) {
	return grouped<{ actieve_studenten: number }>(
		db,
		distinctByLevel(s, 'student', 'actieve_studenten')
	);
}

/** Distinct organisations: partner involvements and organisations named at activities. */
export function organisationCounts(db: Kysely<Database>, s: Selection) {
	return grouped<{ partnerorganisaties: number }>(
		db,
		distinctByLevel(s, 'organisation', 'partnerorganisaties')
	);
}

/** Distinct locations: of activities and of reach. */
export function locationCounts(db: Kysely<Database>, s: Selection) {
	return grouped<{ wijken_stadsdelen: number }>(
		db,
		distinctByLevel(s, 'location', 'wijken_stadsdelen')
	);
}

/** Resident conversations (reach), summed per level. */
export function conversationSums(db: Kysely<Database>, s: Selection) {
	return grouped<{ gesprekken_bewoners: number }>(
		db,
		sql`with ${reports(s)}
		select r.unit_id, r.quarter, grouping(r.unit_id, r.quarter) as g,
			sum(m.resident_conversations) as gesprekken_bewoners
		from metrics_report_reach m join r on r.id = m.report_id
		group by ${GROUPS}`
	);
}

/** Publications per level, and per kind for the total. */
export function publicationCounts(db: Kysely<Database>, s: Selection) {
	return sql<KindRow & { publicaties: number }>`
		with ${reports(s)}
		select r.unit_id, r.quarter, m.kind,
			grouping(r.unit_id, r.quarter, m.kind) as gk,
			sum(m.publications) as publicaties
		from metrics_report_publications m join r on r.id = m.report_id
		group by grouping sets ((r.unit_id, r.quarter), (r.unit_id), (r.quarter), (), (m.kind))`
		.execute(db)
		.then(({ rows }) => rows);
}

/**
 * Netwerkleden, a stock: per unit and quarter the reported value (summed over the unit's ateliers
 * reporting in that quarter); per unit the value of its latest quarter with a value; the total is
 * the sum over units of their latest value; per quarter the sum of what was reported then.
 */
export function networkMembers(db: Kysely<Database>, s: Selection) {
	return grouped<{ netwerkleden: number }>(
		db,
		sql`with ${reports(s)},
		uq as (
			select unit_id, quarter, sum(network_members) as v
			from r where network_members is not null
			group by unit_id, quarter
		),
		latest as (
			select distinct on (unit_id) unit_id, v from uq order by unit_id, quarter desc
		)
		select unit_id, quarter, 0 as g, v as netwerkleden from uq
		union all select unit_id, null, 1, v from latest
		union all select null, quarter, 2, sum(v) from uq group by quarter
		union all select null, null, 3, coalesce(sum(v), 0) from latest`
	);
}

/**
 * Leerateliers: distinct selected ateliers whose active range overlaps the period (per quarter:
 * active in that quarter), independent of the data scope. For totals only, the total alone:
 * every active atelier would otherwise come back as a unit of zeros (issue 15).
 */
export function activeAteliers(db: Kysely<Database>, s: Selection, quarters: string[]) {
	return grouped<{ leerateliers: number }>(
		db,
		sql`with unit_map (atelier_id, unit_id) as (
			select * from unnest(${s.atelierIds}::int[], ${s.unitIds}::int[])
		),
		q (quarter) as (select unnest(${quarters}::text[])),
		act as (
			select m.unit_id, q.quarter, a.id as atelier_id
			from unit_map m
			join ateliers a on a.id = m.atelier_id
			join q on ${atelierActive('a', sql`q.quarter`)}
		)
		${
			s.totalsOnly
				? sql`select null::int as unit_id, null::text as quarter, 3 as g,
					count(distinct atelier_id) as leerateliers from act`
				: sql`select unit_id, quarter, grouping(unit_id, quarter) as g,
					count(distinct atelier_id) as leerateliers
				from act
				group by ${GROUPS}`
		}`
	);
}

export interface OpenQuarterRow {
	quarter: string;
	atelier_id: number;
	status: string | null;
}

/** Quarters of active selected ateliers that have no approved report (yet). */
export async function openQuarters(
	db: Kysely<Database>,
	s: Selection,
	quarters: string[]
): Promise<OpenQuarterRow[]> {
	const { rows } = await sql<OpenQuarterRow>`
		with q (quarter) as (select unnest(${quarters}::text[]))
		select q.quarter, a.id as atelier_id, qr.status
		from ateliers a
		join q on ${atelierActive('a', sql`q.quarter`)}
		left join quarter_reports qr on qr.atelier_id = a.id and qr.quarter = q.quarter
		where a.id = any(${s.atelierIds}::int[])
			and (qr.status is null or qr.status <> 'goedgekeurd')
		order by q.quarter, a.name`.execute(db);
	return rows;
}
