import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/lib/server/db/types';
import { writeTemplate } from '../../src/lib/server/import/template';

/** A Node stream read to its end. */
export async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
	return Buffer.concat(chunks);
}

/** The quarter template as the download gives it. */
export async function downloadTemplate(
	db: Kysely<Database>,
	atelier: { id: number; slug: string; name: string },
	quarter: string
): Promise<Buffer> {
	return collect(await writeTemplate(db, atelier, quarter));
}

/** Fills a downloaded template: sheet name -> rows (arrays in column order), from row 2. */
export async function fillTemplate(
	template: Buffer,
	rows: Record<string, unknown[][]>
): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(template as never);
	for (const [sheet, values] of Object.entries(rows)) {
		const ws = wb.getWorksheet(sheet)!;
		values.forEach((v, i) => (ws.getRow(i + 2).values = v as ExcelJS.CellValue[]));
	}
	return new Uint8Array(await wb.xlsx.writeBuffer());
}
