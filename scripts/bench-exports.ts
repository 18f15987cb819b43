// One case of the export bench, run in its own process so its peak RSS is its own:
//   tsx scripts/bench-exports.ts bare|full   the workbook of the whole database (bench data)
// Prints one JSON line: { case, ms, rows?, bytes, maxRssMb }.
import ExcelJS from 'exceljs';
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { SessionUser } from '../src/lib/server/auth/guards';
import { openDatabase } from '../src/lib/server/db/connect';
import { dbOptionsFromEnv } from '../src/lib/server/db/env';
import { RECORD_SHEETS } from '../src/lib/server/metrics/sources';
import { loadReportData } from '../src/lib/server/exports/report-data';
import { writeWorkbook } from '../src/lib/server/exports/xlsx';

const which = process.argv[2];
const FROM = '2020Q1';
const TO = '2026Q4';
const management: SessionUser = {
	id: 0,
	name: 'Bench',
	email: 'bench@voorbeeld.nl',
	role: 'management',
	atelierIds: []
};
const out = join(tmpdir(), `jaarbeeld-bench-${process.pid}-${which}`);
const maxRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function workbookCase(bare: boolean) {
	const handle = await openDatabase(dbOptionsFromEnv());
	try {
		const data = await loadReportData(handle.db, management, {
			from: FROM,
			to: TO,
			ateliers: [],
			lineage: false
		});
		const started = performance.now();
		let rows = 0;
		const file = createWriteStream(`${out}.xlsx`);
		if (bare) {
			// The lower bound: exceljs' streaming writer with its defaults, the same record rows from
			// the same listing, no styles, formats, widths, atelier sheets or notes.
			const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: file });
			for (const spec of RECORD_SHEETS) {
				const sheet = workbook.addWorksheet(spec.name);
				sheet.addRow(spec.columns.map((c) => c.header)).commit();
				for await (const row of spec.rows(handle.db, data.query)) {
					sheet.addRow(row).commit();
					rows++;
				}
				sheet.commit();
			}
			await workbook.commit();
		} else {
			await writeWorkbook(handle.db, data, file);
		}
		await finished(file);
		const ms = Math.round(performance.now() - started);
		if (!bare)
			for (const spec of RECORD_SHEETS)
				for await (const row of spec.rows(handle.db, data.query)) if (row) rows++;
		return { rows, ms, bytes: (await stat(`${out}.xlsx`)).size };
	} finally {
		await handle.close();
	}
}

const result = await workbookCase(which === 'bare');
console.log(JSON.stringify({ case: which, ...result, maxRssMb: maxRssMb() }));
