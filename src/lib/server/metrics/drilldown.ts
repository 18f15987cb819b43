import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types';
import type { IndicatorCode } from './catalogue';
import type { MetricsQuery } from './engine';

/** One record behind a number: a row of the drill-down table. */
export interface DrilldownRow {
	key: string;
	/** Column values in the order of `columns`. */
	cells: (string | number | null)[];
	/** The ateliers and quarters the record belongs to (for links to their reports). */
	sources: { slug: string; name: string; quarter: string | null }[];
}

export interface Drilldown {
	columns: string[];
	/** Index of the column that adds up to the number, if any. */
	sumColumn: number | null;
	rows: DrilldownRow[];
	/** Rows found in total; at most LIMIT are listed. */
	found: number;
}

const LIMIT = 1000;
const STATUSES = { approved: ['goedgekeurd'], 'approved+submitted': ['goedgekeurd', 'ingediend'] };

interface Raw {
	key: string;
	cells: (string | number | null)[];
	sources: { slug: string; name: string; quarter: string | null }[];
	found: number;
}

/**
 * The records that produced one indicator for a selection, under the same rules as the engine
 * (period, scope, ateliers). Distinct indicators list each distinct thing once, with its sources.
 */
export async function drilldown(
	db: Kysely<Database>,
	code: IndicatorCode,
	query: MetricsQuery,
	options: { showStudentNames: boolean }
): Promise<Drilldown> {
	const ids =
		query.atelierIds ?? (await db.selectFrom('ateliers').select('id').execute()).map((a) => a.id);
	const reports = sql`r as (
		select qr.id, qr.quarter, qr.network_members, a.slug, a.name
		from quarter_reports qr join ateliers a on a.id = qr.atelier_id
		where qr.atelier_id = any(${ids}::int[])
			and qr.quarter >= ${query.from} and qr.quarter <= ${query.to}
			and qr.status = any(${STATUSES[query.scope]}::text[])
	)`;
	const src = sql`json_build_array(json_build_object('slug', r.slug, 'name', r.name, 'quarter', r.quarter))`;
	const aggSrc = sql`json_agg(distinct jsonb_build_object('slug', r.slug, 'name', r.name, 'quarter', r.quarter))`;
	const activity = (where: ReturnType<typeof sql>) => sql<Raw>`
		with ${reports}
		select 'a' || x.id as key, json_build_array(x.date, x.title, x.kind,
			case when x.is_public then 'ja' else 'nee' end, x.participants_total) as cells,
			${src} as sources, count(*) over () as found
		from activities x join r on r.id = x.report_id where ${where}
		order by x.date, x.title limit ${LIMIT}`;

	const spec: Record<
		IndicatorCode,
		{ columns: string[]; sum: number | null; query: () => ReturnType<typeof sql<Raw>> }
	> = {
		leerateliers: {
			columns: ['Leeratelier', 'Actief vanaf', 'Actief tot en met'],
			sum: null,
			query: () => sql<Raw>`
				select 'l' || a.id as key, json_build_array(a.name, a.active_from, coalesce(a.active_to, '')) as cells,
					json_build_array(json_build_object('slug', a.slug, 'name', a.name, 'quarter', null)) as sources,
					count(*) over () as found
				from ateliers a where a.id = any(${ids}::int[])
					and a.active_from <= ${query.to} and (a.active_to is null or a.active_to >= ${query.from})
				order by a.name`
		},
		bijeenkomsten: { columns: ACTIVITY_COLUMNS, sum: null, query: () => activity(sql`true`) },
		openbare_kennisbijeenkomsten: {
			columns: ACTIVITY_COLUMNS,
			sum: null,
			query: () => activity(sql`x.is_public and x.kind = 'kennisbijeenkomst'`)
		},
		deelnemers: { columns: ACTIVITY_COLUMNS, sum: 4, query: () => activity(sql`true`) },
		actieve_studenten: {
			columns: ['Student', 'Deelnames', 'Soorten'],
			sum: null,
			query: () => sql<Raw>`
				with ${reports}
				select 's' || s.id as key,
					json_build_array(${options.showStudentNames ? sql`s.display_name` : sql`'(afgeschermd)'`},
						count(*), string_agg(distinct sp.activity, ', ')) as cells,
					${aggSrc} as sources, count(*) over () as found
				from student_participations sp join r on r.id = sp.report_id
				join students s on s.id = sp.student_id
				group by s.id order by ${options.showStudentNames ? sql`s.display_name` : sql`s.id`} limit ${LIMIT}`
		},
		partnerorganisaties: {
			columns: ['Organisatie', 'Soort', 'Betrokkenheden'],
			sum: null,
			query: () => sql<Raw>`
				with ${reports}, o as (
					select pi.organisation_id, r.slug, r.name, r.quarter
					from partner_involvements pi join r on r.id = pi.report_id
					union all
					select ao.organisation_id, r.slug, r.name, r.quarter
					from activity_organisations ao join activities x on x.id = ao.activity_id
					join r on r.id = x.report_id
				)
				select 'o' || g.id as key, json_build_array(g.name, g.kind, count(*)) as cells,
					json_agg(distinct jsonb_build_object('slug', o.slug, 'name', o.name, 'quarter', o.quarter)) as sources,
					count(*) over () as found
				from o join organisations g on g.id = o.organisation_id
				group by g.id order by g.name limit ${LIMIT}`
		},
		gesprekken_bewoners: {
			columns: ['Wijk of stadsdeel', 'Gemeente', 'Gesprekken met bewoners'],
			sum: 2,
			query: () => sql<Raw>`
				with ${reports}
				select 'r' || x.id as key, json_build_array(l.name, l.municipality, x.resident_conversations) as cells,
					${src} as sources, count(*) over () as found
				from reach x join r on r.id = x.report_id join locations l on l.id = x.location_id
				order by r.quarter, l.name limit ${LIMIT}`
		},
		publicaties: {
			columns: ['Datum', 'Titel', 'Soort', 'Auteurs'],
			sum: null,
			query: () => sql<Raw>`
				with ${reports}
				select 'p' || x.id as key, json_build_array(x.date, x.title, x.kind, x.authors) as cells,
					${src} as sources, count(*) over () as found
				from publications x join r on r.id = x.report_id
				order by x.date, x.title limit ${LIMIT}`
		},
		wijken_stadsdelen: {
			columns: ['Wijk of stadsdeel', 'Soort', 'Gemeente'],
			sum: null,
			query: () => sql<Raw>`
				with ${reports}, p as (
					select x.location_id, r.slug, r.name, r.quarter from activities x join r on r.id = x.report_id
					where x.location_id is not null
					union all
					select x.location_id, r.slug, r.name, r.quarter from reach x join r on r.id = x.report_id
				)
				select 'w' || l.id as key, json_build_array(l.name, l.kind, l.municipality) as cells,
					json_agg(distinct jsonb_build_object('slug', p.slug, 'name', p.name, 'quarter', p.quarter)) as sources,
					count(*) over () as found
				from p join locations l on l.id = p.location_id
				group by l.id order by l.municipality, l.name limit ${LIMIT}`
		},
		netwerkleden: {
			columns: ['Leeratelier', 'Kwartaal', 'Netwerkleden'],
			sum: null,
			query: () => sql<Raw>`
				with ${reports}
				select 'n' || r.id as key, json_build_array(r.name, r.quarter, r.network_members) as cells,
					${src} as sources, count(*) over () as found
				from r where r.network_members is not null
				order by r.name, r.quarter limit ${LIMIT}`
		}
	};
	const chosen = spec[code];
	const { rows } = await chosen.query().execute(db);
	return {
		columns: chosen.columns,
		sumColumn: chosen.sum,
		rows: rows.map((r) => ({
			key: r.key,
			cells: r.cells,
			sources: [...r.sources].sort((a, b) =>
				`${a.name}${a.quarter}`.localeCompare(`${b.name}${b.quarter}`, 'nl')
			)
		})),
		found: Number(rows[0]?.found ?? 0)
	};
}

const ACTIVITY_COLUMNS = ['Datum', 'Titel', 'Soort', 'Openbaar', 'Deelnemers'];
