import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/types';

/**
 * The aggregate queries of the engine. Each one reads its records once and aggregates them in SQL
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
	statuses: string[];
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
			where qr.quarter >= ${s.from} and qr.quarter <= ${s.to}
				and qr.status = any(${s.statuses}::text[])
		)`;
}

const GROUPS = sql`grouping sets ((unit_id, quarter), (unit_id), (quarter), ())`;

/**
 * Distinct counts at every level in one pass: first the distinct (level, value) pairs by hashing
 * (grouping sets that include the value), then a count per level. Much cheaper than
 * count(distinct) per grouping set, which sorts. `facts` yields unit_id, quarter, v, extra.
 */
function distinctByLevel<T>(s: Selection, facts: RawBuilder<unknown>, alias: string) {
	const pairs = s.totalsOnly
		? sql`select null::int as unit_id, null::text as quarter, 3 as g, sum(extra) as extra
			from facts group by v`
		: sql`select unit_id, quarter, grouping(unit_id, quarter) as g, sum(extra) as extra
			from facts
			group by grouping sets ((unit_id, quarter, v), (unit_id, v), (quarter, v), (v))`;
	return sql<T & { g: number }>`with ${reports(s)}, facts as (${facts})
		select unit_id, quarter, g, count(*) as ${sql.ref(alias)}, coalesce(sum(extra), 0) as extra
		from (${pairs}) d
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

const ACTIVITY_AGGREGATES = sql`count(*) as bijeenkomsten,
	count(*) filter (where a.is_public and a.kind = 'kennisbijeenkomst') as openbare_kennisbijeenkomsten,
	coalesce(sum(a.participants_total), 0) as deelnemers,
	coalesce(sum(a.participants_professionals), 0) as professionals,
	coalesce(sum(a.participants_bewoners), 0) as bewoners,
	coalesce(sum(a.participants_studenten), 0) as studenten,
	coalesce(sum(a.participants_beleidsmedewerkers), 0) as beleidsmedewerkers,
	coalesce(sum(a.participants_onderzoekers_docenten), 0) as onderzoekers_docenten,
	coalesce(sum(a.participants_ervaringsdeskundigen), 0) as ervaringsdeskundigen`;

/** Activities: counts and participant sums per level, plus a count per kind for the total. */
export function activityTotals(db: Kysely<Database>, s: Selection) {
	return sql<KindRow & ActivityRow>`
		with ${reports(s)}
		select r.unit_id, r.quarter, a.kind,
			grouping(r.unit_id, r.quarter, a.kind) as gk,
			${ACTIVITY_AGGREGATES}
		from activities a join r on r.id = a.report_id
		group by grouping sets ((r.unit_id, r.quarter), (r.unit_id), (r.quarter), (), (a.kind))`
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
		distinctByLevel(
			s,
			sql`select r.unit_id, r.quarter, sp.student_id as v, 0 as extra
				from student_participations sp join r on r.id = sp.report_id`,
			'actieve_studenten'
		)
	);
}

/** Distinct organisations: partner involvements and organisations named at activities. */
export function organisationCounts(db: Kysely<Database>, s: Selection) {
	return grouped<{ partnerorganisaties: number }>(
		db,
		distinctByLevel(
			s,
			sql`select r.unit_id, r.quarter, pi.organisation_id as v, 0 as extra
				from partner_involvements pi join r on r.id = pi.report_id
				union all
				select r.unit_id, r.quarter, ao.organisation_id, 0
				from activities a
				join r on r.id = a.report_id
				join activity_organisations ao on ao.activity_id = a.id`,
			'partnerorganisaties'
		)
	);
}

/** Distinct locations (activities and reach); `extra` carries the resident conversations. */
export async function locationCounts(db: Kysely<Database>, s: Selection) {
	const rows = await grouped<{ wijken_stadsdelen: number; extra: number }>(
		db,
		distinctByLevel(
			s,
			sql`select r.unit_id, r.quarter, a.location_id as v, 0 as extra
				from activities a join r on r.id = a.report_id
				where a.location_id is not null
				union all
				select r.unit_id, r.quarter, x.location_id, x.resident_conversations
				from reach x join r on r.id = x.report_id`,
			'wijken_stadsdelen'
		)
	);
	return rows.map((r) => ({ ...r, gesprekken_bewoners: r.extra }));
}

/** Publications per level, and per kind for the total. */
export function publicationCounts(db: Kysely<Database>, s: Selection) {
	return sql<KindRow & { publicaties: number }>`
		with ${reports(s)}
		select r.unit_id, r.quarter, p.kind,
			grouping(r.unit_id, r.quarter, p.kind) as gk,
			count(*) as publicaties
		from publications p join r on r.id = p.report_id
		group by grouping sets ((r.unit_id, r.quarter), (r.unit_id), (r.quarter), (), (p.kind))`
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
 * active in that quarter), independent of the data scope.
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
			join q on a.active_from <= q.quarter and (a.active_to is null or q.quarter <= a.active_to)
		)
		select unit_id, quarter, grouping(unit_id, quarter) as g,
			count(distinct atelier_id) as leerateliers
		from act
		group by ${GROUPS}`
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
		join q on a.active_from <= q.quarter and (a.active_to is null or q.quarter <= a.active_to)
		left join quarter_reports qr on qr.atelier_id = a.id and qr.quarter = q.quarter
		where a.id = any(${s.atelierIds}::int[])
			and (qr.status is null or qr.status <> 'goedgekeurd')
		order by q.quarter, a.name`.execute(db);
	return rows;
}
