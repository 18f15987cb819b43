import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quarterLabel, quartersBetween } from '../src/lib/quarters';
import type { DbHandle } from '../src/lib/server/db/connect';
import type { ReportStatus } from '../src/lib/server/db/types';
import { renderReport } from '../src/lib/server/exports/pdf';
import { loadReportData } from '../src/lib/server/exports/report-data';
import { MAX_SHEET_NAME, SheetNames, shortSheetName } from '../src/lib/server/exports/sheet-names';
import { workbookStream } from '../src/lib/server/exports/xlsx';
import type { DashboardSelection } from '../src/lib/server/metrics/dashboard';
import { computeMetrics } from '../src/lib/server/metrics/engine';
import { sessionUser } from './helpers/demo-db';
import { expectWorkbookMatches } from './helpers/export-checks';
import { popplerWords, readWorkbook, streamToBuffer } from './helpers/export-readers';
import { popplerStructure, tablesOf } from './helpers/pdf-structure';
import { closePdfBrowser } from '../src/lib/server/exports/chromium';
import { createTestDb } from './helpers/test-db';

// Exports that fit whatever the period and whatever the ateliers are called: the council PDF over
// five years keeps every column on the page, and atelier tabs are unique and recognisable.

const boss = sessionUser('management', [], 1);
const LONG = 'Samenwerken in de wijk rond jeugd en gezin';
const LONG2 = 'Samenwerken in de wijk rond ouderen en mantelzorg';

describe('exports for long periods and long names', { timeout: 180_000 }, () => {
	let handle: DbHandle;

	beforeAll(async () => {
		handle = await createTestDb();
		const { db } = handle;
		const ateliers = [
			{ slug: 'jeugd', name: LONG, active_from: '2020Q1', active_to: null },
			{ slug: 'ouderen', name: LONG2, active_from: '2020Q1', active_to: null },
			// an atelier named like one of the workbook's own tabs
			{ slug: 'bereik', name: 'Bereik', active_from: '2021Q1', active_to: '2024Q4' },
			{ slug: 'kort', name: 'Kort: en/of [goed]?', active_from: '2023Q1', active_to: null }
		];
		const ids: number[] = [];
		for (const a of ateliers)
			ids.push(
				(
					await db
						.insertInto('ateliers')
						.values({ ...a, predecessor_id: null })
						.returning('id')
						.executeTakeFirstOrThrow()
				).id
			);
		// every active quarter approved with some network members, one returned at the very end
		for (const [i, a] of ateliers.entries())
			for (const quarter of quartersBetween(a.active_from, '2024Q4')) {
				const status: ReportStatus =
					i === 0 && quarter === '2024Q4' ? 'teruggestuurd' : 'goedgekeurd';
				await db
					.insertInto('quarter_reports')
					.values({ atelier_id: ids[i], quarter, status, network_members: 10 + i })
					.execute();
			}
	});
	afterAll(async () => handle?.close());

	it('fits the council PDF of five years on the page, every quarter and status included', async () => {
		const selection: DashboardSelection = {
			from: '2020Q1',
			to: '2024Q4',
			ateliers: [],
			lineage: false
		};
		const data = await loadReportData(handle.db, boss, selection, { approvedOnly: true });
		const pdf = await renderReport(handle.db, data, 'programmaraad');
		const { words, pageWidths } = await popplerWords(pdf);
		for (const w of words)
			expect(w.xMax, `"${w.text}" op pagina ${w.page}`).toBeLessThanOrEqual(pageWidths[w.page - 1]);
		// the completeness matrix, read from the tagged tables: every quarter a column header
		const { tree } = await popplerStructure(pdf);
		const matrix = tablesOf(tree).filter((t) => t.caption.startsWith('Volledigheid'));
		const headers = matrix.flatMap((t) => t.rows[0].slice(1).map((c) => c.text));
		expect(headers).toEqual(quartersBetween('2020Q1', '2024Q4').map(quarterLabel));
		// the returned quarter (K4 2024, the last column) is there as T for that atelier
		const last = matrix.at(-1)!;
		const row = last.rows.find((r) => r[0].text.replace(/\s+/g, '') === LONG.replace(/\s+/g, ''))!;
		expect(last.rows[0].at(-1)!.text).toBe('K4 2024');
		expect(row.at(-1)!.text).toBe('T');
		await closePdfBrowser();
	});

	it('gives atelier tabs unique, recognisable names with the full name in the first row', async () => {
		const selection: DashboardSelection = {
			from: '2023Q1',
			to: '2024Q4',
			ateliers: [],
			lineage: false
		};
		const data = await loadReportData(handle.db, boss, selection);
		const { sheets } = await readWorkbook(await streamToBuffer(workbookStream(handle.db, data)));
		const engine = await computeMetrics(handle.db, data.query);
		const previous = await computeMetrics(handle.db, {
			...data.query,
			from: '2021Q3',
			to: '2022Q4'
		});
		expectWorkbookMatches(sheets, data, engine, previous);
		const tab = (caption: string) => sheets.find((s) => s.rows[0]?.[0] === caption)!.name;
		expect(tab(`Leeratelier: ${LONG}`)).toBe('Samenwerken in…jeugd en gezin');
		expect(tab(`Leeratelier: ${LONG2}`)).toBe('Samenwerken in de…en mantelzorg');
		// the workbook's own Bereik tab keeps its name; the atelier Bereik gets a number
		expect(tab('Leeratelier: Bereik')).toBe('Bereik (2)');
		expect(sheets.find((s) => s.name === 'Bereik')!.rows[0]?.[0]).toBe('Leeratelier');
		expect(tab('Leeratelier: Kort: en/of [goed]?')).toBe('Kort en of goed');
	});

	it('hands out unique names within 31 characters for any set of names', () => {
		const names = [
			LONG,
			LONG,
			LONG.toUpperCase(),
			`${LONG} 2`,
			'History',
			"'quoted'",
			'',
			'[]:*?/\\',
			'x'.repeat(40),
			'x'.repeat(40) + 'y',
			'😀'.repeat(20),
			'In cijfers',
			'Toelichting'
		];
		const sheetNames = new SheetNames(['In cijfers', 'Toelichting']);
		const taken = names.map((n) => sheetNames.take(n));
		expect(sheetNames.fixed('In cijfers')).toBe('In cijfers');
		const all = [...taken, 'In cijfers'].map((n) => n.toLowerCase());
		expect(new Set(all).size).toBe(all.length);
		for (const n of taken) {
			expect(n.length).toBeLessThanOrEqual(MAX_SHEET_NAME);
			expect(n).not.toMatch(/[[\]:*?/\\]|^'|'$|^history$/i);
			expect(n).not.toMatch(/[\uD800-\uDBFF]$/);
		}
		expect(taken[0]).toBe(shortSheetName(LONG));
		expect(taken[1]).toMatch(/ \(2\)$/);
	});
});
