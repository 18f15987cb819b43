import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { PassThrough, Readable, type Writable } from 'node:stream';
import {
	ACTIVITY_KIND_LABELS,
	ACTIVITY_KINDS,
	PARTICIPANT_GROUP_LABELS,
	PARTICIPANT_GROUPS,
	PUBLICATION_KIND_LABELS,
	PUBLICATION_KINDS
} from '../../labels';
import { quarterLabel } from '../../quarters';
import type { Database } from '../db/types';
import type { IndicatorCode } from '../metrics/catalogue';
import {
	RECORD_SHEETS,
	type ColumnType,
	type RecordCell,
	type RecordColumn
} from '../metrics/sources';
import { periodLabel, ruleText, SCOPE_TEXT, type ReportData } from './report-data';
import { log } from '../log';
import { SheetNames } from './sheet-names';

type Sheet = ExcelJS.Worksheet;

const INT = '#,##0';
const DEC = '#,##0.00';
const PCT = '0.0%';
const DATE = 'dd-mm-yyyy';
/** The PDF report's typeface, named so LibreOffice and Excel do not fall back to a serif. */
export const WORKBOOK_FONT = { name: 'Roboto', family: 2, size: 10 } as const;
const HEADER_FONT = { ...WORKBOOK_FONT, bold: true };
const PT_PER_LINE = 13;
/** A sheet wider than this (in character widths) prints across pages at a readable scale. */
const FIT_WIDTH_CHARS = 160;
const HEADER_FILL: ExcelJS.Fill = {
	type: 'pattern',
	pattern: 'solid',
	fgColor: { argb: 'FFDCE6F0' }
};

const COLUMN_STYLE: Record<Column['type'], Partial<ExcelJS.Style>> = {
	// long text wraps within its column (and the row is made tall enough, see addRecordRow)
	// instead of running under the next column on paper
	text: { font: WORKBOOK_FONT, alignment: { vertical: 'top', wrapText: true } },
	int: { numFmt: INT, font: WORKBOOK_FONT },
	number: { numFmt: INT, font: WORKBOOK_FONT },
	percent: { numFmt: PCT, font: WORKBOOK_FONT },
	date: { numFmt: DATE, font: WORKBOOK_FONT }
};

const FORMAT_STYLE = {
	int: { numFmt: INT, font: WORKBOOK_FONT },
	decimal: { numFmt: DEC, font: WORKBOOK_FONT },
	percent: { numFmt: PCT, font: WORKBOOK_FONT },
	date: { numFmt: DATE, font: WORKBOOK_FONT }
} satisfies Record<string, Partial<ExcelJS.Style>>;

/** Lines a wrapped text needs in a column `width` characters wide (a little slack per line). */
function textLines(text: string, width: number): number {
	const perLine = Math.max(1, Math.floor(width * 0.95) - 1);
	return text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(part.length / perLine)), 0);
}

/** Lines a wrapped header needs in its column (a column is `width` characters wide). */
function headerLines(columns: Column[]): number {
	return Math.max(1, ...columns.map((c) => Math.ceil(c.header.length / Math.max(1, c.width - 1))));
}

const dateTime = new Intl.DateTimeFormat('nl-NL', {
	dateStyle: 'long',
	timeStyle: 'short',
	timeZone: 'Europe/Amsterdam'
});

/**
 * Streams the workbook for a selection as a web ReadableStream (for a SvelteKit response). The
 * workbook is written row by row by exceljs' streaming WorkbookWriter into a PassThrough; nothing
 * holds the whole file.
 */
export function workbookStream(db: Kysely<Database>, data: ReportData): ReadableStream<Uint8Array> {
	const pass = new PassThrough();
	writeWorkbook(db, data, pass).catch((err: unknown) => {
		// the response is already under way: end it broken (the download fails) and say why in the log
		log.error({ err }, 'workbook export failed');
		pass.destroy(err as Error);
	});
	return Readable.toWeb(pass) as ReadableStream<Uint8Array>;
}

/** Writes the workbook into a Node stream and resolves when it is complete. */
export async function writeWorkbook(
	db: Kysely<Database>,
	data: ReportData,
	output: Writable
): Promise<void> {
	const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
		stream: output,
		useStyles: true,
		// Strings go inline in each cell (t="str" with a value and no formula part): a shared-strings
		// table would have to be kept in memory to the end and cost a third more time here.
		useSharedStrings: false
	});
	workbook.creator = `Jaarbeeld (${data.generatedBy})`;
	workbook.created = data.generatedAt;
	// the workbook's own tabs keep their names whatever the ateliers are called
	const names = new SheetNames([
		'In cijfers',
		'Verdeling',
		...RECORD_SHEETS.map((s) => s.name),
		'Toelichting'
	]);
	const ctx = { workbook, names, data };

	await writeFigures(ctx);
	await writeBreakdowns(ctx);
	for (const unit of data.metrics.units) await writeUnit(ctx, unit.id);
	for (const spec of RECORD_SHEETS) {
		const sheet = addSheet(ctx, spec.name, spec.columns);
		for await (const row of spec.rows(db, data.query)) addRecordRow(sheet, row, spec.columns);
		sheet.commit();
	}
	await writeNotes(ctx);
	await workbook.commit();
}

interface Ctx {
	workbook: ExcelJS.stream.xlsx.WorkbookWriter;
	names: SheetNames;
	data: ReportData;
}

interface Column {
	header: string;
	type: ColumnType | 'number' | 'percent';
	width: number;
}

/**
 * A tab with a header row. `caption` (an atelier's full name) goes in a first row above the
 * header, for tabs whose name may be shortened.
 */
function addSheet(ctx: Ctx, title: string, columns: Column[], caption?: string): Sheet {
	const { data } = ctx;
	const name = caption === undefined ? ctx.names.fixed(title) : ctx.names.take(title);
	const headerRow = caption === undefined ? 1 : 2;
	const wide = columns.reduce((sum, c) => sum + c.width, 0) > FIT_WIDTH_CHARS;
	const sheet = ctx.workbook.addWorksheet(name, {
		views: [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }],
		pageSetup: {
			paperSize: 9,
			orientation: columns.length > 6 ? 'landscape' : 'portrait',
			// a sheet of many columns squeezed onto one page width prints too small to read: it
			// prints at 80 % across pages instead, the header rows repeated on each
			...(wide
				? { fitToPage: false, scale: 80 }
				: { fitToPage: true, fitToWidth: 1, fitToHeight: 0 }),
			printTitlesRow: `1:${headerRow}`,
			margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 }
		},
		headerFooter: {
			oddHeader: `&L${escapeHeader(data.werkplaats.name)}&R${escapeHeader(
				`${title} · ${periodLabel(data.metrics.from, data.metrics.to)}`
			)}`,
			oddFooter: '&LJaarbeeld&RPagina &P van &N'
		}
	});
	// Number formats per column: every cell of the column takes them, no per-cell styling needed.
	sheet.columns = columns.map((c) => ({ width: c.width, style: COLUMN_STYLE[c.type] }));
	if (caption !== undefined) {
		const top = sheet.addRow([caption]);
		top.font = { ...WORKBOOK_FONT, bold: true, size: 12 };
		// the full name runs across the columns on one line, it does not wrap in the first one
		top.getCell(1).alignment = { vertical: 'top', wrapText: false };
		top.height = 18;
		top.commit();
	}
	const header = sheet.addRow(columns.map((c) => c.header));
	header.font = HEADER_FONT;
	// LibreOffice does not grow a row for wrapped text it reads: without a height the header's
	// second line overlaps the first data row
	header.height = headerLines(columns) * PT_PER_LINE + 4;
	header.eachCell((cell) => {
		cell.fill = HEADER_FILL;
		cell.alignment = { vertical: 'top', wrapText: true };
	});
	header.commit();
	sheet.autoFilter = {
		from: { row: headerRow, column: 1 },
		to: { row: headerRow, column: columns.length }
	};
	return sheet;
}

/**
 * The fast path for record rows: column styles carry the formats, dates become real dates. Strings
 * are written as string cells, so text starting with =, +, - or @ stays text: exceljs
 * writes a formula only for a { formula } value, never for a string.
 */
function addRecordRow(sheet: Sheet, cells: RecordCell[], columns: RecordColumn[]) {
	const values: (RecordCell | Date)[] = cells;
	for (let i = 0; i < values.length; i++) {
		const v = values[i];
		if (v === '') values[i] = null;
		else if (columns[i].type === 'date' && typeof v === 'string')
			values[i] = new Date(`${v.slice(0, 10)}T00:00:00Z`);
	}
	const row = sheet.addRow(values);
	let lines = 1;
	for (let i = 0; i < values.length; i++)
		if (columns[i].type === 'text' && typeof values[i] === 'string')
			lines = Math.max(lines, textLines(values[i] as string, columns[i].width));
	if (lines > 1) row.height = lines * PT_PER_LINE + 2;
	// One shared style object per column type: exceljs caches a style by object identity, so the
	// style is worked out once per sheet instead of once per cell.
	row.eachCell((cell, col) => {
		cell.style = COLUMN_STYLE[columns[col - 1].type];
	});
	row.commit();
}

/** Adds a row; text is always a string cell (never a formula), numbers and dates get formats. */
function addRow(sheet: Sheet, cells: RecordCell[] | (RecordCell | undefined)[], columns: Column[]) {
	const row = sheet.addRow([]);
	let lines = 1;
	cells.forEach((value, i) => {
		if (value === null || value === undefined || value === '') return;
		const cell = row.getCell(i + 1);
		const type = columns[i]?.type ?? 'text';
		// shared style objects, as in addRecordRow: `cell.numFmt = ...` would give every cell a style
		// object of its own, which exceljs then works out again cell by cell
		if (type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) {
			cell.value = new Date(`${value.slice(0, 10)}T00:00:00Z`);
			cell.style = FORMAT_STYLE.date;
		} else if (typeof value === 'number') {
			cell.value = value;
			cell.style =
				type === 'percent'
					? FORMAT_STYLE.percent
					: Number.isInteger(value)
						? FORMAT_STYLE.int
						: FORMAT_STYLE.decimal;
		} else {
			// A plain string value: exceljs writes it as a string cell, so text starting with
			// =, +, - or @ stays text and is never evaluated as a formula.
			cell.value = String(value);
			if (type === 'text') lines = Math.max(lines, textLines(cell.value, columns[i]?.width ?? 10));
		}
	});
	if (lines > 1) row.height = lines * PT_PER_LINE + 2;
	row.commit();
}

function indicatorName(data: ReportData, code: IndicatorCode): string {
	return (
		data.indicatorTexts.find((t) => t.code === code)?.name ??
		data.metrics.indicators.find((i) => i.code === code)!.name
	);
}

async function writeFigures(ctx: Ctx) {
	const { data } = ctx;
	const { metrics, previous } = data;
	const columns: Column[] = [
		{ header: 'Indicator', type: 'text', width: 30 },
		{ header: 'Definitie', type: 'text', width: 60 },
		{ header: 'Telling', type: 'text', width: 10 },
		{ header: `Waarde ${periodLabel(metrics.from, metrics.to)}`, type: 'number', width: 14 },
		{ header: 'Streefwaarde', type: 'number', width: 13 },
		{
			header: `Vorige periode ${periodLabel(previous.from, previous.to)}`,
			type: 'number',
			width: 16
		},
		{ header: 'Verandering', type: 'number', width: 13 },
		{ header: 'Verandering (%)', type: 'percent', width: 13 }
	];
	const sheet = addSheet(ctx, 'In cijfers', columns);
	for (const rule of metrics.indicators) {
		const value = metrics.total[rule.code];
		// no comparison (nothing active before): the cells stay empty
		const change = previous.changes[rule.code];
		addRow(
			sheet,
			[
				indicatorName(data, rule.code),
				data.indicatorTexts.find((t) => t.code === rule.code)?.definition ?? '',
				rule.unique ? 'uniek' : rule.aggregation === 'last' ? 'stand' : 'som',
				value,
				metrics.targets.total[rule.code] ?? null,
				change?.previous ?? null,
				change?.change ?? null,
				change?.ratio ?? null
			],
			columns
		);
	}
	sheet.commit();
}

async function writeBreakdowns(ctx: Ctx) {
	const { breakdowns } = ctx.data.metrics;
	const columns: Column[] = [
		{ header: 'Onderdeel', type: 'text', width: 34 },
		{ header: 'Soort of groep', type: 'text', width: 28 },
		{ header: 'Aantal', type: 'number', width: 12 }
	];
	const sheet = addSheet(ctx, 'Verdeling', columns);
	for (const k of ACTIVITY_KINDS)
		addRow(
			sheet,
			['Bijeenkomsten per soort', ACTIVITY_KIND_LABELS[k], breakdowns.activitiesByKind[k]],
			columns
		);
	for (const g of PARTICIPANT_GROUPS)
		addRow(
			sheet,
			['Deelnemers per groep', PARTICIPANT_GROUP_LABELS[g], breakdowns.participantsByGroup[g]],
			columns
		);
	for (const k of PUBLICATION_KINDS)
		addRow(
			sheet,
			[
				'Publicaties en producten per soort',
				PUBLICATION_KIND_LABELS[k],
				breakdowns.publicationsByKind[k]
			],
			columns
		);
	sheet.commit();
}

async function writeUnit(ctx: Ctx, unitId: number) {
	const { data } = ctx;
	const { metrics } = data;
	const unit = metrics.units.find((u) => u.id === unitId)!;
	const columns: Column[] = [
		{ header: 'Indicator', type: 'text', width: 30 },
		{ header: 'Telling', type: 'text', width: 10 },
		{ header: `Waarde ${periodLabel(metrics.from, metrics.to)}`, type: 'number', width: 14 },
		{ header: 'Streefwaarde', type: 'number', width: 13 },
		...metrics.quarters.map((q) => ({ header: quarterLabel(q), type: 'number' as const, width: 9 }))
	];
	const caption =
		unit.ateliers.length > 1
			? `Lijn: ${unit.ateliers.map((a) => a.name).join(' → ')}`
			: `Leeratelier: ${unit.name}`;
	const sheet = addSheet(ctx, unit.name, columns, caption);
	const targets = metrics.targets.perUnit[unit.id] ?? {};
	for (const rule of metrics.indicators)
		addRow(
			sheet,
			[
				indicatorName(data, rule.code),
				rule.unique ? 'uniek' : rule.aggregation === 'last' ? 'stand' : 'som',
				unit.values[rule.code],
				targets[rule.code] ?? null,
				...unit.perQuarter.map((v) => v[rule.code])
			],
			columns
		);
	sheet.commit();
}

async function writeNotes(ctx: Ctx) {
	const { data } = ctx;
	const { metrics } = data;
	const columns: Column[] = [
		{ header: 'Onderdeel', type: 'text', width: 26 },
		{ header: 'Naam', type: 'text', width: 32 },
		{ header: 'Toelichting', type: 'text', width: 90 }
	];
	const sheet = addSheet(ctx, 'Toelichting', columns);
	const put = (a: string, b: string, c: string) => addRow(sheet, [a, b, c], columns);
	put('Selectie', 'Werkplaats', data.werkplaats.name);
	put('Selectie', 'Periode', periodLabel(metrics.from, metrics.to));
	put(
		'Selectie',
		'Leerateliers',
		metrics.atelierIds === null
			? 'Alle leerateliers'
			: data.ateliers.map((a) => a.name).join(', ') || 'Geen'
	);
	put('Selectie', 'Gegevens', SCOPE_TEXT[data.scope]);
	if (metrics.groupByLineage) put('Selectie', 'Indeling', 'Per lijn van leerateliers');
	put('Selectie', 'Gemaakt op', dateTime.format(data.generatedAt));
	put('Selectie', 'Gemaakt door', data.generatedBy);
	for (const rule of metrics.indicators) {
		const definition = data.indicatorTexts.find((t) => t.code === rule.code)?.definition ?? '';
		put(
			'Indicator',
			indicatorName(data, rule.code),
			`${definition} ${ruleText(rule.aggregation)}`.trim()
		);
	}
	if (metrics.openQuarters.length === 0)
		put('Niet goedgekeurd', '', 'Alle kwartalen van de selectie zijn goedgekeurd.');
	for (const open of metrics.openQuarters)
		for (const a of open.ateliers)
			put('Niet goedgekeurd', quarterLabel(open.quarter), `${a.name}: ${a.status}`);
	put(
		'Privacy',
		'Studenten',
		'Studenten staan nooit met naam in deze export: alleen aantallen en deelnames.'
	);
	sheet.commit();
}

function escapeHeader(text: string): string {
	return text.replace(/&/g, '&&');
}
