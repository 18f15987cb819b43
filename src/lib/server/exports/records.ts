import { sql, type Kysely } from 'kysely';
import { ACTIVITY_KIND_LABELS, PUBLICATION_KIND_LABELS } from '../../labels';
import type { Database } from '../db/types';
import type { MetricsQuery } from '../metrics/engine';

/**
 * The records behind a selection, listed (not aggregated) for the workbook's record sheets: the
 * same reports the engine counts (period, ateliers, statuses of the scope). Rows are fetched in
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
	columns: RecordColumn[];
	rows: (db: Kysely<Database>, query: MetricsQuery) => AsyncIterable<RecordCell[]>;
}

const PAGE = 5000;
const STATUSES = { approved: ['goedgekeurd'], 'approved+submitted': ['goedgekeurd', 'ingediend'] };

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

/** The reports of the selection, for a query that joins quarter_reports as `qr`. */
function inSelection(query: MetricsQuery) {
	const ids = query.atelierIds;
	return sql<boolean>`qr.quarter >= ${query.from} and qr.quarter <= ${query.to}
		and qr.status = any(${STATUSES[query.scope]}::text[])
		and (${ids === null} or qr.atelier_id = any(${ids ?? []}::int[]))`;
}

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

export const RECORD_SHEETS: RecordSheet[] = [
	{
		name: 'Bijeenkomsten',
		columns: [
			...SOURCE,
			col('Datum', 'date', 12),
			col('Titel', 'text', 40),
			col('Soort', 'text', 20),
			col('Openbaar', 'text', 10),
			col('Deelnemers', 'int', 12),
			col('Professionals', 'int', 13),
			col('Bewoners', 'int', 11),
			col('Studenten', 'int', 11),
			col('Beleidsmedewerkers', 'int', 13),
			col('Onderzoekers en docenten', 'int', 13),
			col('Ervaringsdeskundigen', 'int', 13),
			col('Wijk of stadsdeel', 'text', 20),
			col('Gemeente', 'text', 16),
			col('Locatie', 'text', 24),
			col('Partnerorganisaties', 'text', 40)
		],
		rows: (db, query) =>
			keyset(
				(after) =>
					db
						.selectFrom('activities as x')
						.innerJoin('quarter_reports as qr', 'qr.id', 'x.report_id')
						.innerJoin('ateliers as a', 'a.id', 'qr.atelier_id')
						.leftJoin('locations as l', 'l.id', 'x.location_id')
						.where(inSelection(query))
						.where('x.id', '>', after)
						.select([
							'x.id',
							'a.name as atelier',
							'qr.quarter',
							'qr.status',
							'x.date',
							'x.title',
							'x.kind',
							'x.is_public',
							'x.participants_total',
							'x.participants_professionals',
							'x.participants_bewoners',
							'x.participants_studenten',
							'x.participants_beleidsmedewerkers',
							'x.participants_onderzoekers_docenten',
							'x.participants_ervaringsdeskundigen',
							'l.name as location',
							'l.municipality',
							'x.venue',
							sql<string>`(select string_agg(o.name, ', ' order by o.name)
								from activity_organisations ao join organisations o on o.id = ao.organisation_id
								where ao.activity_id = x.id)`.as('organisations')
						])
						.orderBy('x.id')
						.limit(PAGE)
						.execute(),
				(r) => [
					r.atelier,
					r.quarter,
					r.status,
					r.date,
					r.title,
					ACTIVITY_KIND_LABELS[r.kind],
					r.is_public ? 'ja' : 'nee',
					r.participants_total,
					r.participants_professionals,
					r.participants_bewoners,
					r.participants_studenten,
					r.participants_beleidsmedewerkers,
					r.participants_onderzoekers_docenten,
					r.participants_ervaringsdeskundigen,
					r.location,
					r.municipality,
					r.venue,
					r.organisations
				]
			)
	},
	{
		name: 'Studentdeelnames',
		columns: [...SOURCE, col('Soort deelname', 'text', 18)],
		rows: (db, query) =>
			keyset(
				(after) =>
					db
						.selectFrom('student_participations as x')
						.innerJoin('quarter_reports as qr', 'qr.id', 'x.report_id')
						.innerJoin('ateliers as a', 'a.id', 'qr.atelier_id')
						.where(inSelection(query))
						.where('x.id', '>', after)
						.select(['x.id', 'a.name as atelier', 'qr.quarter', 'qr.status', 'x.activity'])
						.orderBy('x.id')
						.limit(PAGE)
						.execute(),
				(r) => [r.atelier, r.quarter, r.status, r.activity]
			)
	},
	{
		name: 'Partnerbetrokkenheid',
		columns: [
			...SOURCE,
			col('Organisatie', 'text', 36),
			col('Soort', 'text', 20),
			col('Gemeente', 'text', 16),
			col('Rol', 'text', 30)
		],
		rows: (db, query) =>
			keyset(
				(after) =>
					db
						.selectFrom('partner_involvements as x')
						.innerJoin('quarter_reports as qr', 'qr.id', 'x.report_id')
						.innerJoin('ateliers as a', 'a.id', 'qr.atelier_id')
						.innerJoin('organisations as o', 'o.id', 'x.organisation_id')
						.where(inSelection(query))
						.where('x.id', '>', after)
						.select([
							'x.id',
							'a.name as atelier',
							'qr.quarter',
							'qr.status',
							'o.name',
							'o.kind',
							'o.municipality',
							'x.role'
						])
						.orderBy('x.id')
						.limit(PAGE)
						.execute(),
				(r) => [r.atelier, r.quarter, r.status, r.name, r.kind, r.municipality, r.role]
			)
	},
	{
		name: 'Publicaties',
		columns: [
			...SOURCE,
			col('Datum', 'date', 12),
			col('Titel', 'text', 40),
			col('Soort', 'text', 14),
			col('Auteurs', 'text', 30),
			col('Adres (URL)', 'text', 40)
		],
		rows: (db, query) =>
			keyset(
				(after) =>
					db
						.selectFrom('publications as x')
						.innerJoin('quarter_reports as qr', 'qr.id', 'x.report_id')
						.innerJoin('ateliers as a', 'a.id', 'qr.atelier_id')
						.where(inSelection(query))
						.where('x.id', '>', after)
						.select([
							'x.id',
							'a.name as atelier',
							'qr.quarter',
							'qr.status',
							'x.date',
							'x.title',
							'x.kind',
							'x.authors',
							'x.url'
						])
						.orderBy('x.id')
						.limit(PAGE)
						.execute(),
				(r) => [
					r.atelier,
					r.quarter,
					r.status,
					r.date,
					r.title,
					PUBLICATION_KIND_LABELS[r.kind],
					r.authors,
					r.url
				]
			)
	},
	{
		name: 'Bereik',
		columns: [
			...SOURCE,
			col('Wijk of stadsdeel', 'text', 22),
			col('Gemeente', 'text', 16),
			col('Gesprekken met bewoners', 'int', 14),
			col('Professionals bereikt', 'int', 14)
		],
		rows: (db, query) =>
			keyset(
				(after) =>
					db
						.selectFrom('reach as x')
						.innerJoin('quarter_reports as qr', 'qr.id', 'x.report_id')
						.innerJoin('ateliers as a', 'a.id', 'qr.atelier_id')
						.innerJoin('locations as l', 'l.id', 'x.location_id')
						.where(inSelection(query))
						.where('x.id', '>', after)
						.select([
							'x.id',
							'a.name as atelier',
							'qr.quarter',
							'qr.status',
							'l.name',
							'l.municipality',
							'x.resident_conversations',
							'x.professionals_reached'
						])
						.orderBy('x.id')
						.limit(PAGE)
						.execute(),
				(r) => [
					r.atelier,
					r.quarter,
					r.status,
					r.name,
					r.municipality,
					r.resident_conversations,
					r.professionals_reached
				]
			)
	},
	{
		name: 'Netwerkleden',
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
						.select(['qr.id', 'a.name as atelier', 'qr.quarter', 'qr.status', 'qr.network_members'])
						.orderBy('qr.id')
						.limit(PAGE)
						.execute(),
				(r) => [r.atelier, r.quarter, r.status, r.network_members]
			)
	},
	{
		name: 'Trots op',
		columns: [
			...SOURCE,
			col('Titel', 'text', 30),
			col('Tekst', 'text', 60),
			col('Citaat', 'text', 50),
			col('Door', 'text', 20),
			col('Rol', 'text', 20),
			col('Link', 'text', 30),
			col('In rapport', 'text', 10)
		],
		rows: (db, query) =>
			keyset(
				(after) =>
					db
						.selectFrom('highlights as x')
						.innerJoin('quarter_reports as qr', 'qr.id', 'x.report_id')
						.innerJoin('ateliers as a', 'a.id', 'qr.atelier_id')
						.where(inSelection(query))
						.where('x.id', '>', after)
						.select([
							'x.id',
							'a.name as atelier',
							'qr.quarter',
							'qr.status',
							'x.title',
							'x.body',
							'x.quote',
							'x.quote_speaker',
							'x.quote_role',
							'x.url',
							'x.in_report'
						])
						.orderBy('x.id')
						.limit(PAGE)
						.execute(),
				(r) => [
					r.atelier,
					r.quarter,
					r.status,
					r.title,
					r.body,
					r.quote,
					r.quote_speaker,
					r.quote_role,
					r.url,
					r.in_report ? 'ja' : 'nee'
				]
			)
	}
];

/** The highlights approved for the funder report: in_report, in an approved quarter report. */
export async function reportHighlights(db: Kysely<Database>, query: MetricsQuery) {
	let q = db
		.selectFrom('highlights as h')
		.innerJoin('quarter_reports as qr', 'qr.id', 'h.report_id')
		.where('h.in_report', '=', true)
		.where('qr.status', '=', 'goedgekeurd')
		.where('qr.quarter', '>=', query.from)
		.where('qr.quarter', '<=', query.to);
	if (query.atelierIds !== null)
		q = q.where('qr.atelier_id', 'in', query.atelierIds.length ? query.atelierIds : [-1]);
	return q
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
