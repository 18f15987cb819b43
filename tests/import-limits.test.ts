import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../src/lib/server/db/connect';
import {
	BUSY,
	ImportBusy,
	importTemplate,
	ImportProblems,
	MAX_CONCURRENT_IMPORTS,
	withImportSlot
} from '../src/lib/server/import/import';
import { ImportFileError } from '../src/lib/server/import/read';
import { writeTemplate } from '../src/lib/server/import/template';
import { recordsFixture, type RecordsFixture } from './helpers/records';
import { createTestDb } from './helpers/test-db';
import { collect, fillTemplate } from './helpers/template';
import { tableChecksums as checksums } from './helpers/table-checksums';
import { bombPart, manyRowsSheet, replaceParts, sheetPart } from './helpers/xlsx-files';

// Issue 13: uploads that cannot stall the server. Each file here was accepted (or parsed in full)
// by the old import.

describe('upload limits of the quarter import', () => {
	let handle: DbHandle;
	let f: RecordsFixture;
	let template: Buffer;
	const ref = () => ({ atelierId: f.atelierId, quarter: '2024Q1', slug: 'l-a' });
	const importing = (bytes: Uint8Array) =>
		importTemplate(handle.db, f.kartrekker, ref(), bytes).catch((e: unknown) => e);

	const fill = (rows: Record<string, ExcelJS.CellValue[][]>) => fillTemplate(template, rows);

	beforeAll(async () => {
		handle = await createTestDb();
		f = await recordsFixture(handle.db, 'l');
		await handle.db
			.updateTable('ateliers')
			.set({ slug: 'l-a' })
			.where('id', '=', f.atelierId)
			.execute();
		template = await collect(
			await writeTemplate(
				handle.db,
				{ id: f.atelierId, slug: 'l-a', name: 'Atelier l-a' },
				'2024Q1'
			)
		);
	});
	afterAll(async () => handle?.close());

	it('refuses a 1,000,000-row sheet before reading it, naming the limit; nothing changes', async () => {
		const before = await checksums(handle.db);
		const part = sheetPart(template, 'Bijeenkomsten');
		const file = replaceParts(template, [manyRowsSheet(part, 1_000_000)]);
		expect(file.length).toBeLessThan(10 * 1024 * 1024);
		const e = await importing(file);
		expect(e).toBeInstanceOf(ImportFileError);
		expect((e as Error).message).toBe(
			'Het tabblad “Bijeenkomsten” heeft meer dan 2.000 regels; er is niets ingelezen. Verdeel de gegevens over meer bestanden van hoogstens 2.000 regels per tabblad.'
		);
		expect(await checksums(handle.db)).toEqual(before);
	});

	it("states the row limit in the template's instructions", async () => {
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(template as never);
		const lines: string[] = [];
		wb.getWorksheet('Instructies')!.eachRow((row) => lines.push(String(row.getCell(1).value)));
		expect(lines).toContain(
			'Hoogstens 2.000 regels per tabblad; meer gegevens verdeel je over meer bestanden.'
		);
	});

	it('refuses 2,001 rows in a record sheet, and a list sheet past its own limit', async () => {
		const rows = replaceParts(template, [manyRowsSheet(sheetPart(template, 'Trots op'), 2001)]);
		expect(((await importing(rows)) as Error).message).toMatch(/“Trots op” heeft meer dan 2\.000/);
		const lists = replaceParts(template, [manyRowsSheet(sheetPart(template, 'Lijsten'), 20_001)]);
		expect(((await importing(lists)) as Error).message).toMatch(/“Lijsten” heeft meer dan 20\.000/);
	});

	it('refuses a zip bomb (a small file that unpacks to a gigabyte) without unpacking it', async () => {
		const before = await checksums(handle.db);
		const file = replaceParts(template, [bombPart('xl/sharedStrings.xml', 1024)]);
		expect(file.length).toBeLessThan(2 * 1024 * 1024);
		const e = await importing(file);
		expect(e).toBeInstanceOf(ImportFileError);
		expect((e as Error).message).toMatch(/uitgepakt groter dan 40 MB/);
		expect(await checksums(handle.db)).toEqual(before);
	});

	it('imports a valid 2,000-row sheet whole, and keeps nothing of one with a bad last row', async () => {
		const activity = (i: number): ExcelJS.CellValue[] => [
			'2024-02-01',
			`Bijeenkomst ${i}`,
			'workshop',
			'nee',
			10,
			2,
			3,
			0,
			0,
			0,
			0,
			'Geleen-Zuid (Sittard-Geleen)',
			'Zaal',
			'',
			'MIK & PIW Groep'
		];
		const rows = Array.from({ length: 2000 }, (_, i) => activity(i));
		const bad = [...rows.slice(0, 1999), ['2024-02-01', 'Te veel', 'workshop', 'nee', 3, 5]];
		const before = await checksums(handle.db);
		const refused = (await importing(await fill({ Bijeenkomsten: bad }))) as ImportProblems;
		expect(refused.problems.map((p) => p.row)).toEqual([2001]);
		expect(await checksums(handle.db)).toEqual(before);

		expect(await importing(await fill({ Bijeenkomsten: rows }))).toEqual({
			created: 2000,
			skipped: 0
		});
		const stored = await handle.db.selectFrom('activities').select('title').execute();
		expect(stored).toHaveLength(2000);
		const links = await handle.db
			.selectFrom('activity_organisations')
			.select('activity_id')
			.execute();
		expect(links).toHaveLength(2000);
		const audits = await handle.db
			.selectFrom('audit_log')
			.select('after')
			.where('entity', '=', 'activities')
			.execute();
		expect(audits).toHaveLength(2000);
		expect(audits[0].after).toMatchObject({ organisations: ['MIK & PIW Groep'], venue: 'Zaal' });
		// the summaries the dashboard reads were recomputed from all 2,000
		const summary = await handle.db
			.selectFrom('metrics_report_activities')
			.select(['activities'])
			.executeTakeFirstOrThrow();
		expect(Number(summary.activities)).toBe(2000);
		await handle.db.deleteFrom('activities').execute();
	});

	it('turns error cells and formulas without a value into problems, not zeros', async () => {
		const file = await fill({
			Bijeenkomsten: [
				[
					'2024-02-01',
					'Deling door nul',
					'workshop',
					'nee',
					{ formula: 'A1/0', result: { error: '#DIV/0!' } } as never
				],
				['2024-02-02', 'Ongerekend', 'workshop', 'nee', { formula: 'B2*2' } as never],
				['2024-02-03', 'Fout', 'workshop', 'nee', { error: '#N/A' } as never]
			]
		});
		const e = (await importing(file)) as ImportProblems;
		expect(e).toBeInstanceOf(ImportProblems);
		expect(e.problems.map((p) => [p.row, p.column, p.message])).toEqual([
			[2, 'Deelnemers totaal', 'De cel bevat de foutwaarde #DIV/0!; vul een waarde in.'],
			[
				3,
				'Deelnemers totaal',
				'De cel bevat een formule zonder berekende waarde; open het bestand in Excel, sla het op en upload het opnieuw, of vul de waarde zelf in.'
			],
			[4, 'Deelnemers totaal', 'De cel bevat de foutwaarde #N/A; vul een waarde in.']
		]);
		expect(await handle.db.selectFrom('activities').select('id').execute()).toEqual([]);
	});

	it('counts a title of only zero-width spaces as empty', async () => {
		const e = (await importing(
			await fill({ 'Trots op': [['\u200b\u200b\u2060\ufeff', 'Tekst']] })
		)) as ImportProblems;
		expect(e).toBeInstanceOf(ImportProblems);
		expect(e.problems.map((p) => p.column)).toEqual(['Titel']);
	});

	it('lists the first 200 problems and counts the rest', async () => {
		const rows = Array.from({ length: 300 }, () => ['', 'Tekst'] as ExcelJS.CellValue[]);
		const e = (await importing(await fill({ 'Trots op': rows }))) as ImportProblems;
		expect(e.total).toBe(300);
		expect(e.problems).toHaveLength(200);
		expect(e.message).toBe(
			'300 problemen gevonden; er is niets opgeslagen. Hieronder de eerste 200; nog 100 andere worden niet getoond.'
		);
	});

	it(`runs ${MAX_CONCURRENT_IMPORTS} imports at once, queues a few, refuses the rest with a clear message`, async () => {
		const gates: (() => void)[] = [];
		let active = 0;
		let most = 0;
		const work = () =>
			withImportSlot(async () => {
				active++;
				most = Math.max(most, active);
				await new Promise<void>((resolve) => gates.push(resolve));
				active--;
				return 'klaar';
			});
		const started = Array.from({ length: 6 }, work);
		const refused = await work().catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(ImportBusy);
		expect((refused as Error).message).toBe(BUSY);
		while (gates.length || active) {
			gates.shift()?.();
			await new Promise((r) => setTimeout(r, 1));
		}
		expect(await Promise.all(started)).toEqual(Array(6).fill('klaar'));
		expect(most).toBe(MAX_CONCURRENT_IMPORTS);
	});
});
