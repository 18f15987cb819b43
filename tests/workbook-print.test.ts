import ExcelJS from 'exceljs';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../seeds/demo';
import type { DbHandle } from '../src/lib/server/db/connect';
import { loadReportData } from '../src/lib/server/exports/report-data';
import type { DashboardSelection } from '../src/lib/server/metrics/dashboard';
import { WORKBOOK_FONT, workbookStream } from '../src/lib/server/exports/xlsx';
import { sessionUser } from './helpers/demo-db';
import { streamToBuffer } from './helpers/export-readers';
import { createTestDb } from './helpers/test-db';

const run = promisify(execFile);
const management = sessionUser('management', [], 1);

interface Box {
	page: number;
	x0: number;
	y0: number;
	x1: number;
	y1: number;
	text: string;
}

/** LibreOffice prints the workbook to PDF; poppler gives every word with its box. */
async function printedWords(xlsx: Buffer): Promise<Box[]> {
	const dir = await mkdtemp(join(tmpdir(), 'jaarbeeld-print-'));
	try {
		await writeFile(join(dir, 'werkboek.xlsx'), xlsx);
		const profile = `-env:UserInstallation=file://${dir}/profile`;
		await run(
			'soffice',
			['--headless', profile, '--convert-to', 'pdf', '--outdir', dir, join(dir, 'werkboek.xlsx')],
			{
				timeout: 120_000
			}
		);
		const html = (
			await run('pdftotext', ['-bbox', join(dir, 'werkboek.pdf'), '-'], { maxBuffer: 64 << 20 })
		).stdout;
		return html
			.split('<page ')
			.slice(1)
			.flatMap((page, i) =>
				[
					...page.matchAll(
						/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g
					)
				].map((m) => ({
					page: i + 1,
					x0: Number(m[1]),
					y0: Number(m[2]),
					x1: Number(m[3]),
					y1: Number(m[4]),
					text: m[5]!
				}))
			);
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

describe('the workbook on paper', { timeout: 240_000 }, () => {
	let handle: DbHandle;
	let xlsx: Buffer;
	beforeAll(async () => {
		handle = await createTestDb();
		await seedDemo(handle.db);
		const selection: DashboardSelection = {
			from: '2020Q1',
			to: '2022Q4',
			ateliers: [],
			lineage: false
		};
		const data = await loadReportData(handle.db, management, selection);
		xlsx = await streamToBuffer(workbookStream(handle.db, data));
	});
	afterAll(async () => handle?.close());

	it('names its font, sizes wrapped header rows, repeats them on every printed page', async () => {
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
		expect(workbook.worksheets.length).toBeGreaterThan(5);
		for (const sheet of workbook.worksheets) {
			const headerRow = Number(/^1:(\d)$/.exec(sheet.pageSetup.printTitlesRow ?? '')?.[1]);
			expect(headerRow, sheet.name).toBeGreaterThanOrEqual(1);
			const header = sheet.getRow(headerRow);
			expect(header.height, sheet.name).toBeGreaterThanOrEqual(13);
			expect(header.getCell(1).font?.name, sheet.name).toBe(WORKBOOK_FONT.name);
			const data = sheet.getRow(headerRow + 1);
			if (data.cellCount) expect(data.getCell(1).font?.name, sheet.name).toBe(WORKBOOK_FONT.name);
		}
		const record = workbook.getWorksheet('Bijeenkomsten')!;
		// many columns: printed at a readable scale across pages, not squeezed onto one
		expect(record.pageSetup.fitToPage).toBeFalsy();
		expect(record.pageSetup.scale).toBeGreaterThanOrEqual(75);
		// quarters as people read them
		expect(record.getRow(2).getCell(2).value).toMatch(/^K[1-4] \d{4}$/);
	});

	it('prints (LibreOffice) without a line of text on top of another', async () => {
		const words = await printedWords(xlsx);
		expect(words.length).toBeGreaterThan(100);
		const overlaps: string[] = [];
		const byPage = new Map<number, Box[]>();
		for (const w of words) byPage.set(w.page, [...(byPage.get(w.page) ?? []), w]);
		for (const [page, list] of byPage)
			for (let i = 0; i < list.length; i++)
				for (let j = i + 1; j < list.length; j++) {
					const [a, b] = [list[i]!, list[j]!];
					// more than a sliver in both directions: one word printed over another
					const dx = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
					const dy = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
					if (dx > 1 && dy > 2) overlaps.push(`p${page}: ${a.text} / ${b.text}`);
				}
		expect(overlaps).toEqual([]);
	});
});
