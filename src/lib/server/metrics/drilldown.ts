import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { SessionUser } from '../auth/guards';
import { can, rosterAtelierIds } from '../auth/policy';
import type { Database } from '../db/types';
import { mayOpenQuarterReport } from '../reports/access';
import type { IndicatorCode } from './catalogue';
import type { MetricsQuery } from './engine';
import { atelierActive, reportInSelection } from './scope';

/** Where a listed record comes from: an atelier, and the quarter unless it is the atelier itself. */
export interface DrilldownSource {
	slug: string;
	name: string;
	quarter: string | null;
	/** The quarter report (or, without a quarter, the atelier page); null if the viewer may not open it. */
	href: string | null;
}

/** One record behind a number: a row of the drill-down table. */
export interface DrilldownRow {
	key: string;
	/** Column values in the order of `columns`. */
	cells: (string | number | null)[];
	/** The ateliers and quarters the record belongs to (for links to their reports). */
	sources: DrilldownSource[];
}

export interface Drilldown {
	columns: string[];
	/** Index of the column that adds up to the number, if any. */
	sumColumn: number | null;
	/** The sum of that column over all rows (every page), if there is one. */
	sum: number | null;
	/** The rows of this page. */
	rows: DrilldownRow[];
	/** Rows found in total, on all pages. */
	found: number;
	/** The page listed (1-based): the requested one, or the last one if that lies beyond the end. */
	page: number;
	pages: number;
	pageSize: number;
}

export const DRILLDOWN_PAGE_SIZE = 100;
/** Keeps the offset a small number; a page this far is beyond the end of any list anyway. */
const MAX_PAGE = 1_000_000;

interface RawSource {
	slug: string;
	name: string;
	quarter: string | null;
	atelierId: number;
	status: string | null;
	activeFrom: string;
	activeTo: string | null;
}

interface Raw {
	key: string;
	cells: (string | number | null)[];
	sources: RawSource[];
	found: number | string;
	total?: number | string | null;
}

/** A link to where a record comes from, only if the viewer may open that page (no link to a 403). */
function sourceHref(viewer: SessionUser, s: RawSource): string | null {
	const slug = encodeURIComponent(s.slug);
	if (s.quarter === null)
		return can(viewer, 'atelier.read', { atelierId: s.atelierId }) ? `/ateliers/${slug}` : null;
	const atelier = { id: s.atelierId, activeFrom: s.activeFrom, activeTo: s.activeTo };
	return mayOpenQuarterReport(viewer, atelier, s.quarter, s.status)
		? `/ateliers/${slug}/${s.quarter}`
		: null;
}

/**
 * The records that produced one indicator for a selection, under the same rules as the engine
 * (period, scope, ateliers), one page at a time in a stable order. Distinct indicators list each
 * distinct thing once, with its sources. A page beyond the end gives the last page.
 */
export async function drilldown(
	db: Kysely<Database>,
	code: IndicatorCode,
	query: MetricsQuery,
	options: { viewer: SessionUser; page?: number; pageSize?: number }
): Promise<Drilldown> {
	const pageSize = options.pageSize ?? DRILLDOWN_PAGE_SIZE;
	// a name only where the viewer may read the roster of every atelier the student appears in
	const rosterIds = rosterAtelierIds(options.viewer);
	const studentName =
		rosterIds === null ? sql`true` : sql`bool_and(r.atelier_id = any(${rosterIds}::int[]))`;
	const ids = query.atelierIds;
	const reports = sql`r as (
		select qr.id, qr.quarter, qr.status, qr.network_members,
			a.id as atelier_id, a.slug, a.name, a.active_from, a.active_to
		from quarter_reports qr join ateliers a on a.id = qr.atelier_id
		where ${reportInSelection('qr', query)}
	)`;
	// one source, built from a row of r
	const source = sql`jsonb_build_object('slug', r.slug, 'name', r.name, 'quarter', r.quarter,
		'atelierId', r.atelier_id, 'status', r.status, 'activeFrom', r.active_from, 'activeTo', r.active_to)`;
	const src = sql`json_build_array(${source})`;
	const aggSrc = sql`json_agg(distinct ${source})`;
	type Paged = (page: RawBuilder<unknown>) => RawBuilder<Raw>;
	const activity =
		(where: RawBuilder<unknown>, total: RawBuilder<unknown> = sql`null`): Paged =>
		(page) => sql<Raw>`
		with ${reports}
		select 'a' || x.id as key, json_build_array(x.date, x.title, x.kind,
			case when x.is_public then 'ja' else 'nee' end, x.participants_total) as cells,
			${src} as sources, count(*) over () as found, ${total} as total
		from activities x join r on r.id = x.report_id where ${where}
		order by x.date, x.title, x.id ${page}`;

	const spec: Record<IndicatorCode, { columns: string[]; sum: number | null; query: Paged }> = {
		leerateliers: {
			columns: ['Leeratelier', 'Actief vanaf', 'Actief tot en met'],
			sum: null,
			query: (page) => sql<Raw>`
				select 'l' || a.id as key, json_build_array(a.name, a.active_from, coalesce(a.active_to, '')) as cells,
					json_build_array(jsonb_build_object('slug', a.slug, 'name', a.name, 'quarter', null,
						'atelierId', a.id, 'status', null, 'activeFrom', a.active_from, 'activeTo', a.active_to)) as sources,
					count(*) over () as found
				from ateliers a where (${ids === null} or a.id = any(${ids ?? []}::int[]))
					and ${atelierActive('a', query.from, query.to)}
				order by a.name, a.id ${page}`
		},
		bijeenkomsten: { columns: ACTIVITY_COLUMNS, sum: null, query: activity(sql`true`) },
		openbare_kennisbijeenkomsten: {
			columns: ACTIVITY_COLUMNS,
			sum: null,
			query: activity(sql`x.is_public_knowledge_event`)
		},
		deelnemers: {
			columns: ACTIVITY_COLUMNS,
			sum: 4,
			query: activity(sql`true`, sql`sum(x.participants_total) over ()`)
		},
		actieve_studenten: {
			columns: ['Student', 'Deelnames', 'Soorten'],
			sum: null,
			query: (page) => sql<Raw>`
				with ${reports}
				select 's' || s.id as key,
					json_build_array(case when ${studentName} then s.display_name else '(afgeschermd)' end,
						count(*), string_agg(distinct sp.activity, ', ')) as cells,
					${aggSrc} as sources, count(*) over () as found
				from student_participations sp join r on r.id = sp.report_id
				join students s on s.id = sp.student_id
				group by s.id
				order by case when ${studentName} then s.display_name end, s.id ${page}`
		},
		partnerorganisaties: {
			columns: ['Organisatie', 'Soort', 'Betrokkenheden'],
			sum: null,
			query: (page) => sql<Raw>`
				with ${reports}, o as (
					select pi.organisation_id, ${source} as src
					from partner_involvements pi join r on r.id = pi.report_id
					union all
					select ao.organisation_id, ${source} as src
					from activity_organisations ao join activities x on x.id = ao.activity_id
					join r on r.id = x.report_id
				)
				select 'o' || g.id as key, json_build_array(g.name, g.kind, count(*)) as cells,
					json_agg(distinct o.src) as sources, count(*) over () as found
				from o join organisations g on g.id = o.organisation_id
				group by g.id order by g.name, g.id ${page}`
		},
		gesprekken_bewoners: {
			columns: ['Wijk of stadsdeel', 'Gemeente', 'Gesprekken met bewoners'],
			sum: 2,
			query: (page) => sql<Raw>`
				with ${reports}
				select 'r' || x.id as key, json_build_array(l.name, l.municipality, x.resident_conversations) as cells,
					${src} as sources, count(*) over () as found,
					sum(x.resident_conversations) over () as total
				from reach x join r on r.id = x.report_id join locations l on l.id = x.location_id
				order by r.quarter, l.name, x.id ${page}`
		},
		publicaties: {
			columns: ['Datum', 'Titel', 'Soort', 'Auteurs'],
			sum: null,
			query: (page) => sql<Raw>`
				with ${reports}
				select 'p' || x.id as key, json_build_array(x.date, x.title, x.kind, x.authors) as cells,
					${src} as sources, count(*) over () as found
				from publications x join r on r.id = x.report_id
				order by x.date, x.title, x.id ${page}`
		},
		wijken_stadsdelen: {
			columns: ['Wijk of stadsdeel', 'Soort', 'Gemeente'],
			sum: null,
			query: (page) => sql<Raw>`
				with ${reports}, p as (
					select x.location_id, ${source} as src from activities x join r on r.id = x.report_id
					where x.location_id is not null
					union all
					select x.location_id, ${source} as src from reach x join r on r.id = x.report_id
				)
				select 'w' || l.id as key, json_build_array(l.name, l.kind, l.municipality) as cells,
					json_agg(distinct p.src) as sources, count(*) over () as found
				from p join locations l on l.id = p.location_id
				group by l.id order by l.municipality, l.name, l.id ${page}`
		},
		netwerkleden: {
			columns: ['Leeratelier', 'Kwartaal', 'Netwerkleden'],
			sum: null,
			query: (page) => sql<Raw>`
				with ${reports}
				select 'n' || r.id as key, json_build_array(r.name, r.quarter, r.network_members) as cells,
					${src} as sources, count(*) over () as found
				from r where r.network_members is not null
				order by r.name, r.quarter, r.id ${page}`
		}
	};
	const chosen = spec[code];
	const fetchPage = async (n: number) =>
		(await chosen.query(sql`limit ${pageSize} offset ${(n - 1) * pageSize}`).execute(db)).rows;

	const requested = options.page ?? 1;
	let page = Number.isFinite(requested)
		? Math.min(Math.max(1, Math.floor(requested)), MAX_PAGE)
		: 1;
	let rows = await fetchPage(page);
	if (rows.length === 0 && page > 1) {
		// beyond the end: the total from the first row, then the last page
		const first = await fetchPage(1);
		const found = Number(first[0]?.found ?? 0);
		page = Math.max(1, Math.ceil(found / pageSize));
		rows = page === 1 ? first : await fetchPage(page);
	}
	const found = Number(rows[0]?.found ?? 0);
	return {
		columns: chosen.columns,
		sumColumn: chosen.sum,
		sum: chosen.sum === null ? null : Number(rows[0]?.total ?? 0),
		rows: rows.map((r) => ({
			key: r.key,
			cells: r.cells,
			sources: [...r.sources]
				.sort((a, b) => `${a.name}${a.quarter}`.localeCompare(`${b.name}${b.quarter}`, 'nl'))
				.map((s) => ({
					slug: s.slug,
					name: s.name,
					quarter: s.quarter,
					href: sourceHref(options.viewer, s)
				}))
		})),
		found,
		page,
		pages: Math.max(1, Math.ceil(found / pageSize)),
		pageSize
	};
}

const ACTIVITY_COLUMNS = ['Datum', 'Titel', 'Soort', 'Openbaar', 'Deelnemers'];

/**
 * The `pagina` parameter: 1 when absent or empty, a whole number from 1 up, or null when it is no
 * page number at all ('abc', '0', '-2', '1.5').
 */
export function parsePage(value: string | null): number | null {
	if (value === null || value.trim() === '') return 1;
	const text = value.trim();
	if (!/^\d+$/.test(text)) return null;
	const page = Number(text);
	return page >= 1 ? page : null;
}
