import ExcelJS from 'exceljs';
import type { RecordType } from '../../records/fields';
import { columns, ID_SHEET, MARKER, MAX_BYTES, SHEETS } from './sheets';
import {
	checkWorkbookLimits,
	MAX_CELLS,
	MAX_UNPACKED_BYTES,
	ZipLimitError,
	type ZipLimit
} from './zip-limits';

/** A refusal of the whole file, with a message for the page. */
export class ImportFileError extends Error {}

export interface SheetRow {
	sheet: string;
	type: RecordType;
	/** The row number as Excel shows it. */
	row: number;
	values: Record<string, string>;
	/** field name -> column header, for problem messages. */
	headers: Record<string, string>;
	/** field name -> why its cell cannot be read (an error value, a formula without a value). */
	unreadable: Record<string, string>;
}

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

/** A cell whose value cannot be trusted: an Excel error, or a formula Excel never calculated. */
export class UnreadableCell {
	constructor(readonly message: string) {}
}

export function cellValue(value: ExcelJS.CellValue): string | UnreadableCell {
	if (value && typeof value === 'object' && !(value instanceof Date)) {
		if ('error' in value)
			return new UnreadableCell(
				`De cel bevat de foutwaarde ${String(value.error)}; vul een waarde in.`
			);
		const formula = 'formula' in value || 'sharedFormula' in value;
		if (formula) {
			const result = (value as { result?: ExcelJS.CellValue }).result;
			if (result === undefined || result === null)
				return new UnreadableCell(
					'De cel bevat een formule zonder berekende waarde; open het bestand in Excel, sla het op en upload het opnieuw, of vul de waarde zelf in.'
				);
			return cellValue(result);
		}
	}
	return cellText(value);
}

export function cellText(value: ExcelJS.CellValue): string {
	if (value === null || value === undefined) return '';
	if (value instanceof Date) return value.toISOString().slice(0, 10);
	if (typeof value === 'boolean') return value ? 'ja' : 'nee';
	if (typeof value === 'number' || typeof value === 'string') return String(value).trim();
	if (typeof value === 'object') {
		if ('richText' in value)
			return value.richText
				.map((r) => r.text)
				.join('')
				.trim();
		if ('hyperlink' in value) return String(value.hyperlink).trim();
		if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
		if ('text' in value) return String(value.text).trim();
	}
	return '';
}

export const TOO_LARGE = 'Dit bestand is groter dan 10 MB en wordt niet ingelezen.';

const nl = (n: number) => n.toLocaleString('nl-NL');

function limitMessage(limit: ZipLimit): string {
	switch (limit.kind) {
		case 'rows':
			return `Het tabblad “${limit.sheet}” heeft meer dan ${nl(limit.limit)} regels; er is niets ingelezen. Verdeel de gegevens over meer bestanden van hoogstens ${nl(limit.limit)} regels per tabblad.`;
		case 'cells':
			return `Dit bestand heeft meer dan ${nl(MAX_CELLS)} cellen; er is niets ingelezen. Verdeel de gegevens over meer bestanden.`;
		case 'unpacked':
			return `Dit bestand is uitgepakt groter dan ${MAX_UNPACKED_BYTES / 1024 / 1024} MB en wordt niet ingelezen. Upload het ingevulde sjabloon zonder extra tabbladen, afbeeldingen of opmaak.`;
		case 'damaged':
			return DAMAGED;
	}
}

const DAMAGED = 'Dit bestand is beschadigd of geen geldig .xlsx-bestand.';

/**
 * Checks size, zip signature and the limits of zip-limits.ts (rows per sheet for these sheets),
 * and opens the workbook: for the quarter template and the history workbook alike.
 */
export async function loadWorkbook(
	bytes: Uint8Array,
	sheetNames: string[]
): Promise<ExcelJS.Workbook> {
	if (bytes.byteLength === 0) throw new ImportFileError('Kies een bestand om te uploaden.');
	if (bytes.byteLength > MAX_BYTES) throw new ImportFileError(TOO_LARGE);
	if (!ZIP_SIGNATURE.every((b, i) => bytes[i] === b))
		throw new ImportFileError(
			'Dit is geen Excel-bestand (.xlsx). Download het sjabloon, vul het in en upload het als .xlsx.'
		);
	try {
		await checkWorkbookLimits(bytes, sheetNames);
	} catch (e) {
		if (e instanceof ZipLimitError) throw new ImportFileError(limitMessage(e.limit));
		throw e;
	}
	const wb = new ExcelJS.Workbook();
	try {
		await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
	} catch {
		throw new ImportFileError(DAMAGED);
	}
	return wb;
}

/** Opens the workbook and checks that it is this quarter's template. */
export async function openTemplate(
	bytes: Uint8Array,
	expected: { slug: string; quarter: string }
): Promise<ExcelJS.Workbook> {
	const wb = await loadWorkbook(
		bytes,
		SHEETS.map((s) => s.name)
	);
	const id = wb.getWorksheet(ID_SHEET);
	const [marker, slug, quarter] = [1, 2, 3].map((r) => cellText(id?.getCell(r, 1).value ?? null));
	if (!id || marker !== MARKER)
		throw new ImportFileError(
			'Dit is geen Jaarbeeld-kwartaalsjabloon. Download het sjabloon van dit kwartaal en vul dat in.'
		);
	if (slug !== expected.slug || quarter !== expected.quarter)
		throw new ImportFileError(
			`Dit sjabloon hoort bij een ander atelier of kwartaal (${slug}, ${quarter}). Download het sjabloon van dit kwartaal.`
		);
	return wb;
}

/** The filled-in rows of every record sheet (empty rows skipped), by column header. */
export function readRows(wb: ExcelJS.Workbook): SheetRow[] {
	const rows: SheetRow[] = [];
	for (const { name, type } of SHEETS) {
		const ws = wb.getWorksheet(name);
		if (!ws) continue;
		const cols = columns(type);
		const byHeader = new Map<number, string>();
		ws.getRow(1).eachCell((cell, col) => {
			const found = cols.find((c) => c.header === cellText(cell.value));
			if (found) byHeader.set(col, found.spec.name);
		});
		const headers = Object.fromEntries(cols.map((c) => [c.spec.name, c.header]));
		ws.eachRow((row, number) => {
			if (number === 1) return;
			const values: Record<string, string> = {};
			const unreadable: Record<string, string> = {};
			for (const [col, field] of byHeader) {
				const value = cellValue(row.getCell(col).value);
				if (value instanceof UnreadableCell) unreadable[field] = value.message;
				values[field] = value instanceof UnreadableCell ? '' : value;
			}
			if (Object.values(values).some((v) => v !== '') || Object.keys(unreadable).length)
				rows.push({ sheet: name, type, row: number, values, headers, unreadable });
		});
	}
	return rows;
}
