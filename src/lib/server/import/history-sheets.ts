import type ExcelJS from 'exceljs';
import type { RecordType } from '../../records/fields';
import { cellText, cellValue, ImportFileError, loadWorkbook, UnreadableCell } from './read';
import { columns, ID_SHEET, SHEETS } from './sheets';

// The werkplaats-wide history workbook (/beheer/historie): the quarter template's record sheets,
// each with two leading columns for the atelier and the quarter, plus a sheet for the quarter's
// own details (network members, "geen activiteiten"). The same field names and headers as the
// quarter template, so the same schemas check every row.

export const HISTORY_MARKER = 'jaarbeeld-historie-v1';
export const DETAILS_SHEET = 'Kwartalen';
export const ATELIER_HEADER = 'Atelier (naam of adres)';
export const QUARTER_HEADER = 'Kwartaal (bijv. 2022Q4)';

export type HistoryKind = RecordType | 'details';

export const DETAIL_COLUMNS = [
	{ name: 'network_members', header: 'Netwerkleden' },
	{ name: 'no_activities', header: 'Geen activiteiten (ja/nee)' }
];

/** The sheets in order; Partners before Bijeenkomsten, so a new partner can be named at a meeting. */
export const HISTORY_SHEETS: { name: string; type: HistoryKind }[] = [
	{ name: DETAILS_SHEET, type: 'details' },
	...SHEETS.filter((s) => s.type === 'partner'),
	...SHEETS.filter((s) => s.type !== 'partner')
];

/** The columns of a history sheet: atelier, quarter, then the fields of the record kind. */
export function historyColumns(type: HistoryKind): { name: string; header: string }[] {
	const fields =
		type === 'details'
			? DETAIL_COLUMNS
			: columns(type).map((c) => ({ name: c.spec.name, header: c.header }));
	return [
		{ name: '_atelier', header: ATELIER_HEADER },
		{ name: '_quarter', header: QUARTER_HEADER },
		...fields
	];
}

export interface HistoryRow {
	sheet: string;
	type: HistoryKind;
	row: number;
	atelier: string;
	quarter: string;
	values: Record<string, string>;
	headers: Record<string, string>;
	/** field name -> why its cell cannot be read (an error value, a formula without a value). */
	unreadable: Record<string, string>;
}

/** Opens an uploaded workbook and checks that it is a history workbook. */
export async function openHistoryWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
	const wb = await loadWorkbook(
		bytes,
		HISTORY_SHEETS.map((s) => s.name)
	);
	const marker = cellText(wb.getWorksheet(ID_SHEET)?.getCell(1, 1).value ?? null);
	if (marker !== HISTORY_MARKER)
		throw new ImportFileError(
			'Dit is geen Jaarbeeld-historiebestand. Download het sjabloon op deze pagina en vul dat in (een kwartaalsjabloon lees je in op de kwartaalpagina).'
		);
	return wb;
}

/** The filled-in rows of every history sheet, by column header (empty rows skipped). */
export function readHistoryRows(wb: ExcelJS.Workbook): HistoryRow[] {
	const rows: HistoryRow[] = [];
	for (const { name, type } of HISTORY_SHEETS) {
		const ws = wb.getWorksheet(name);
		if (!ws) continue;
		const cols = historyColumns(type);
		const byColumn = new Map<number, string>();
		ws.getRow(1).eachCell((cell, col) => {
			const found = cols.find((c) => c.header === cellText(cell.value));
			if (found) byColumn.set(col, found.name);
		});
		const headers = Object.fromEntries(cols.map((c) => [c.name, c.header]));
		ws.eachRow((row, number) => {
			if (number === 1) return;
			const values: Record<string, string> = {};
			const unreadable: Record<string, string> = {};
			for (const [col, field] of byColumn) {
				const value = cellValue(row.getCell(col).value);
				if (value instanceof UnreadableCell) unreadable[field] = value.message;
				values[field] = value instanceof UnreadableCell ? '' : value;
			}
			if (!Object.values(values).some((v) => v !== '') && !Object.keys(unreadable).length) return;
			const { _atelier = '', _quarter = '', ...fields } = values;
			rows.push({
				sheet: name,
				type,
				row: number,
				atelier: _atelier,
				quarter: _quarter,
				values: fields,
				headers,
				unreadable
			});
		});
	}
	return rows;
}
