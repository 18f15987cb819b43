import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import {
	ACTIVITY_KIND_LABELS,
	PARTICIPANT_GROUP_LABELS,
	PUBLICATION_KIND_LABELS,
	RECORDED_PARTICIPANT_GROUPS
} from '../../labels';
import { quarterLabel } from '../../quarters';
import type { Database, ReportStatus } from '../db/types';
import type { Table as RecordTable } from '../records/definitions';
import type { IndicatorCode } from './catalogue';
import type { MetricsQuery } from './engine';
import { reportInSelection } from './scope';

/**
 * The records behind a selection, listed (not aggregated) for the workbook's record sheets and
 * the report's highlights: the same reports the engine counts (metrics/scope.ts). The exports
 * take these lists from here and never query the database themselves. Rows are fetched in
 * keyset pages so a large selection streams instead of sitting in memory. Students appear only as
 * a participation row, never by name.
 */
export type ColumnType = 'text' | 'int' | 'date';
export interface RecordColumn {
	header: string;
	type: ColumnType;
	width: number;
}
export type RecordCell = string | number | null;
export interface RecordSheet {
	name: string;
	/** The one indicator the sheet lists the records of, when it serves no other. */
	onlyFor?: IndicatorCode;
	columns: RecordColumn[];
	rows: (db: Kysely<Database>, query: MetricsQuery) => AsyncIterable<RecordCell[]>;
}

// Rows per keyset page. On PGlite every result passes through its WebAssembly memory, which grows
// to the largest result and never shrinks: pages of 5,000 rows grew a 100,000-record workbook
// export by about 45 MB, pages of 2,000 by about 5 MB, at the same speed (docs/prestaties.md).
const PAGE = 2000;

const col = (header: string, type: ColumnType, width: number): RecordColumn => ({
	header,
	type,
	width
});
const SOURCE = [
	col('Leeratelier', 'text', 28),
	col('Kwartaal', 'text', 10),
	col('Status', 'text', 13)
];

/** In SOURCE's column order: sourceCells reads them back in that order. */
const SOURCE_SELECTION = ['a.name as atelier', 'qr.quarter', 'qr.status'] as const;
interface SourceRow {
	id: number;
	atelier: string;
	quarter: string;
	status: ReportStatus;
}
// people read quarters as 'K1 2020' (the URL and the database keep '2020Q1')
const sourceCells = (r: SourceRow): RecordCell[] => [r.atelier, quarterLabel(r.quarter), r.status];

/** The reports of the selection, for a query that joins quarter_reports as `qr`. */
const inSelection = (query: MetricsQuery) => reportInSelection('qr', query);

async function* keyset<T extends { id: number }>(
	page: (after: number) => Promise<T[]>,
	toCells: (row: T) => RecordCell[]
): AsyncIterable<RecordCell[]> {
	let after = 0;
	for (;;) {
		const rows = await page(after);
		for (const row of rows) yield toCells(row);
		if (rows.length < PAGE) return;
		after = rows[rows.length - 1].id;
	}
}

/** One page of record table `x` in the selection, joined to its report `qr` and atelier `a`. */
type SourcePage<T extends RecordTable> = SelectQueryBuilder<
	Database & { x: Database[T]; qr: Database['quarter_reports']; a: Database['ateliers'] },
	'x' | 'qr' | 'a',
	SourceRow
>;

function sourcePage<T extends RecordTable>(
	db: Kysely<Database>,
	table: T,
	query: MetricsQuery,
	after: number
): SourcePage<T> {
	// Kysely cannot resolve the columns of a table named by a type parameter, so this is typed on
	// one record table; the columns it uses (id, report_id) are the same in all of them.
	const page: SourcePage<'activities'> = db
		.selectFrom(`${table} as x` as 'activities as x')
		.innerJoin('quarter_reports as qr', 'qr.id', 'x.report_id')
		.innerJoin('ateliers as a', 'a.id', 'qr.atelier_id')
		.where(inSelection(query))
		.where('x.id', '>', after)
		.select(['x.id', ...SOURCE_SELECTION])
		.orderBy('x.id')
		.limit(PAGE);
	return page as unknown as SourcePage<T>;
}

/**
 * A sheet of one report record table: the SOURCE columns, then `columns`, whose values `select`
 * adds to the page query (joins included) and `cells` reads from each row.
 */
function recordSheet<T extends RecordTable, R extends SourceRow>(sheet: {
	name: string;
	table: T;
	columns: RecordColumn[];
	select: (page: SourcePage<T>) => { execute(): Promise<R[]> };
	cells: (row: R) => RecordCell[];
}): RecordSheet {
	return {
		name: sheet.name,
		columns: [...SOURCE, ...sheet.columns],
		rows: (db, query) =>
			keyset(
				(after) => sheet.select(sourcePage(db, sheet.table, query, after)).execute(),
				(r) => [...sourceCells(r), ...sheet.cells(r)]
			)
	};
}

const yesNo = (value: boolean) => (value ? 'ja' : 'nee');

export const RECORD_SHEETS: RecordSheet[] = [
	recordSheet({
		name: 'Bijeenkomsten',
		table: 'activities',
		columns: [
			col('Datum', 'date', 12),
			col('Titel', 'text', 40),
			col('Soort', 'text', 20),
			col('Openbaar', 'text', 10),
			col('Deelnemers', 'int', 12),
			...RECORDED_PARTICIPANT_GROUPS.map((g) => col(PARTICIPANT_GROUP_LABELS[g], 'int', 13)),
			col('Wijk of stadsdeel', 'text', 20),
			col('Gemeente', 'text', 16),
			col('Locatie', 'text', 24),
			col('Partnerorganisaties', 'text', 40)
		],
		select: (page) =>
			page.leftJoin('locations as l', 'l.id', 'x.location_id').select([
				'x.date',
				'x.title',
				'x.kind',
				'x.is_public',
				'x.participants_total',
				...RECORDED_PARTICIPANT_GROUPS.map((g) => `x.participants_${g}` as const),
				'l.name as location',
				'l.municipality',
				'x.venue',
				sql<string>`(select string_agg(o.name, ', ' order by o.name)
						from activity_organisations ao join organisations o on o.id = ao.organisation_id
						where ao.activity_id = x.id)`.as('organisations')
			]),
		cells: (r) => [
			r.date,
			r.title,
			ACTIVITY_KIND_LABELS[r.kind],
			yesNo(r.is_public),
			r.participants_total,
			...RECORDED_PARTICIPANT_GROUPS.map((g) => r[`participants_${g}`]),
			r.location,
			r.municipality,
			r.venue,
			r.organisations
		]
	}),
	recordSheet({
		name: 'Studentdeelnames',
		table: 'student_participations',
		columns: [col('Soort deelname', 'text', 18)],
		select: (page) => page.select('x.activity'),
		cells: (r) => [r.activity]
	}),
	recordSheet({
		name: 'Partnerbetrokkenheid',
		table: 'partner_involvements',
		columns: [
			col('Organisatie', 'text', 36),
			col('Soort', 'text', 20),
			col('Gemeente', 'text', 16),
			col('Rol', 'text', 30)
		],
		select: (page) =>
			page
				.innerJoin('organisations as o', 'o.id', 'x.organisation_id')
				.select(['o.name', 'o.kind', 'o.municipality', 'x.role']),
		cells: (r) => [r.name, r.kind, r.municipality, r.role]
	}),
	recordSheet({
		name: 'Publicaties',
		table: 'publications',
		columns: [
			col('Datum', 'date', 12),
			col('Titel', 'text', 40),
			col('Soort', 'text', 14),
			col('Auteurs', 'text', 30),
			col('Adres (URL)', 'text', 40)
		],
		select: (page) => page.select(['x.date', 'x.title', 'x.kind', 'x.authors', 'x.url']),
		cells: (r) => [r.date, r.title, PUBLICATION_KIND_LABELS[r.kind], r.authors, r.url]
	}),
	recordSheet({
		name: 'Bereik',
		table: 'reach',
		columns: [
			col('Wijk of stadsdeel', 'text', 22),
			col('Gemeente', 'text', 16),
			col('Gesprekken met bewoners', 'int', 14),
			col('Professionals bereikt', 'int', 14)
		],
		select: (page) =>
			page
				.innerJoin('locations as l', 'l.id', 'x.location_id')
				.select([
					'l.name',
					'l.municipality',
					'x.resident_conversations',
					'x.professionals_reached'
				]),
		cells: (r) => [r.name, r.municipality, r.resident_conversations, r.professionals_reached]
	}),
	{
		// The report itself is the record here, so it pages on qr.id and has no `x`.
		name: 'Netwerkleden',
		onlyFor: 'netwerkleden',
		columns: [...SOURCE, col('Netwerkleden', 'int', 14)],
		rows: (db, query) =>
			keyset(
				(after) =>
					db
						.selectFrom('quarter_reports as qr')
						.innerJoin('ateliers as a', 'a.id', 'qr.atelier_id')
						.where(inSelection(query))
						.where('qr.id', '>', after)
						.where('qr.network_members', 'is not', null)
						.select(['qr.id', ...SOURCE_SELECTION, 'qr.network_members'])
						.orderBy('qr.id')
						.limit(PAGE)
						.execute(),
				(r) => [...sourceCells(r), r.network_members]
			)
	},
	recordSheet({
		name: 'Trots op',
		table: 'highlights',
		columns: [
			col('Titel', 'text', 30),
			col('Tekst', 'text', 60),
			col('Citaat', 'text', 50),
			col('Door', 'text', 20),
			col('Rol', 'text', 20),
			col('Link', 'text', 30),
			col('In rapport', 'text', 10)
		],
		select: (page) =>
			page.select([
				'x.title',
				'x.body',
				'x.quote',
				'x.quote_speaker',
				'x.quote_role',
				'x.url',
				'x.in_report'
			]),
		cells: (r) => [
			r.title,
			r.body,
			r.quote,
			r.quote_speaker,
			r.quote_role,
			r.url,
			yesNo(r.in_report)
		]
	})
];

/** The highlights approved for the funder report: in_report, in an approved quarter report. */
export async function reportHighlights(db: Kysely<Database>, query: MetricsQuery) {
	return db
		.selectFrom('highlights as h')
		.innerJoin('quarter_reports as qr', 'qr.id', 'h.report_id')
		.where('h.in_report', '=', true)
		.where(inSelection({ ...query, scope: 'approved' }))
		.select([
			'qr.atelier_id',
			'qr.quarter',
			'h.id',
			'h.title',
			'h.body',
			'h.quote',
			'h.quote_speaker',
			'h.quote_role',
			'h.url'
		])
		.orderBy('qr.quarter')
		.orderBy('h.id')
		.execute();
}

/** The publications the report lists: in an approved quarter report of the selection. */
export async function reportPublications(db: Kysely<Database>, query: MetricsQuery) {
	return db
		.selectFrom('publications as p')
		.innerJoin('quarter_reports as qr', 'qr.id', 'p.report_id')
		.where(inSelection({ ...query, scope: 'approved' }))
		.select([
			'qr.atelier_id',
			'qr.quarter',
			'p.id',
			'p.date',
			'p.title',
			'p.kind',
			'p.url',
			'p.authors'
		])
		.orderBy('p.date')
		.orderBy('p.id')
		.execute();
}

/**
 * The places the selection reached (locations of activities and of reach, as the engine's
 * "Wijken en stadsdelen" counts them), per municipality and kind: the brochure's "4 stadsdelen
 * van Sittard-Geleen en 2 wijken in Stein". The counts add up to the engine's distinct total.
 */
export async function reportPlaces(db: Kysely<Database>, query: MetricsQuery) {
	const { rows } = await sql<{ municipality: string; kind: 'wijk' | 'stadsdeel'; places: number }>`
		with r as (
			select qr.id from quarter_reports qr where ${inSelection(query)}
		),
		ids as (
			select a.location_id as id from activities a join r on r.id = a.report_id
			where a.location_id is not null
			union
			select b.location_id from reach b join r on r.id = b.report_id
		)
		select l.municipality, l.kind, count(*)::int as places
		from ids join locations l on l.id = ids.id
		group by l.municipality, l.kind
		order by count(*) desc, l.municipality, l.kind`.execute(db);
	return rows.map((r) => ({ ...r, places: Number(r.places) }));
}

/** Per atelier its theme and its kartrekkers (active accounts), for the report's sections. */
export async function reportAtelierDetails(db: Kysely<Database>, atelierIds: number[]) {
	if (atelierIds.length === 0) return [];
	const [ateliers, kartrekkers] = await Promise.all([
		db.selectFrom('ateliers').select(['id', 'theme']).where('id', 'in', atelierIds).execute(),
		db
			.selectFrom('atelier_assignments as aa')
			.innerJoin('app_users as u', 'u.id', 'aa.user_id')
			.where('aa.atelier_id', 'in', atelierIds)
			.where('u.active', '=', true)
			.where('u.role', '=', 'kartrekker')
			.select(['aa.atelier_id', 'u.name'])
			.orderBy('u.name')
			.execute()
	]);
	return ateliers.map((a) => ({
		id: a.id,
		theme: a.theme,
		kartrekkers: kartrekkers.filter((k) => k.atelier_id === a.id).map((k) => k.name)
	}));
}
