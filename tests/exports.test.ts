import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../seeds/demo';
import type { SessionUser } from '../src/lib/server/auth/guards';
import type { DbHandle } from '../src/lib/server/db/connect';
import type { DashboardSelection } from '../src/lib/server/metrics/dashboard';
import { formatNumber } from '../src/lib/format';
import { computeMetrics, type MetricsQuery } from '../src/lib/server/metrics/engine';
import { previousPeriod } from '../src/lib/server/metrics/period';
import { renderReport } from '../src/lib/server/exports/pdf';
import {
	contentDisposition,
	exportFileName,
	loadReportData
} from '../src/lib/server/exports/report-data';
import { workbookStream } from '../src/lib/server/exports/xlsx';
import { expectPdfMatches, expectWorkbookMatches, rowOf } from './helpers/export-checks';
import {
	libreOfficeCsv,
	parseCsv,
	popplerRead,
	readWorkbook,
	streamToBuffer
} from './helpers/export-readers';
import { popplerStructure } from './helpers/pdf-structure';
import { createTestDb } from './helpers/test-db';
import { closePdfBrowser } from '../src/lib/server/exports/chromium';

const management: SessionUser = {
	id: 1,
	name: 'Beheer Werkplaats (demo)',
	email: 'beheer@voorbeeld.nl',
	role: 'management',
	atelierIds: []
};
const selection: DashboardSelection = {
	from: '2020Q1',
	to: '2022Q4',
	ateliers: [],
	lineage: false
};
const INJECTION = '=HYPERLINK("http://example.com")';

// LibreOffice and poppler run as child processes: slow on a busy machine, hence the longer timeout.
describe('exports of the demo werkplaats, 2020-2022', { timeout: 180_000 }, () => {
	let handle: DbHandle;
	let xlsx: Buffer;

	beforeAll(async () => {
		handle = await createTestDb();
		await seedDemo(handle.db);
		// one record whose title would be a formula if it were written as one
		const report = await handle.db
			.selectFrom('quarter_reports')
			.select('id')
			.where('status', '=', 'goedgekeurd')
			.where('quarter', '=', '2021Q2')
			.executeTakeFirstOrThrow();
		await handle.db
			.insertInto('activities')
			.values({ report_id: report.id, date: '2021-05-01', title: INJECTION, kind: 'overig' })
			.execute();
		const data = await loadReportData(handle.db, management, { ...selection });
		xlsx = await streamToBuffer(workbookStream(handle.db, data));
	});
	afterAll(async () => {
		await closePdfBrowser();
		await handle?.close();
	});

	const engineQuery = (scope: MetricsQuery['scope']): MetricsQuery => ({
		from: selection.from,
		to: selection.to,
		atelierIds: null,
		scope
	});

	it('names files after the werkplaats and the period', () => {
		expect(exportFileName('WSD Zuyd', '2020Q1', '2022Q4', 'vws')).toBe(
			'Jaarbeeld WSD Zuyd 2020-2022 VWS.pdf'
		);
		expect(exportFileName('WSD Zuyd', '2020Q1', '2022Q4', 'programmaraad')).toBe(
			'Jaarbeeld WSD Zuyd 2020-2022 Programmaraad.pdf'
		);
		expect(exportFileName('WSD Zuyd', '2022Q1', '2022Q4', 'xlsx')).toBe(
			'Jaarbeeld WSD Zuyd 2022.xlsx'
		);
		expect(exportFileName('WSD Zuyd', '2021Q2', '2022Q3', 'xlsx')).toBe(
			'Jaarbeeld WSD Zuyd 2021Q2-2022Q3.xlsx'
		);
		expect(contentDisposition('Jaarbeeld Café 2020-2022 VWS.pdf')).toBe(
			`attachment; filename="Jaarbeeld Cafe 2020-2022 VWS.pdf"; filename*=UTF-8''Jaarbeeld%20Caf%C3%A9%202020-2022%20VWS.pdf`
		);
	});

	it('puts the engine’s numbers in the workbook (read back with exceljs)', async () => {
		const { sheets } = await readWorkbook(xlsx);
		const data = await loadReportData(handle.db, management, { ...selection });
		const engine = await computeMetrics(handle.db, engineQuery('approved+submitted'));
		const previous = await computeMetrics(handle.db, {
			...engineQuery('approved+submitted'),
			...previousPeriod(selection.from, selection.to)
		});
		expect(engine.total.openbare_kennisbijeenkomsten).toBe(13);
		expectWorkbookMatches(sheets, data, engine, previous);
		expect(sheets.map((s) => s.name)).toEqual([
			'In cijfers',
			'Verdeling',
			...engine.units.map((u) => u.name),
			'Bijeenkomsten',
			'Studentdeelnames',
			'Partnerbetrokkenheid',
			'Publicaties',
			'Bereik',
			'Netwerkleden',
			'Trots op',
			'Toelichting'
		]);
		// the record sheets list exactly the records the engine counted
		const activities = sheets.find((s) => s.name === 'Bijeenkomsten')!;
		expect(activities.rows.length - 1).toBe(engine.total.bijeenkomsten);
		const participants = activities.rows.slice(1).reduce((s, r) => s + Number(r[7] ?? 0), 0);
		expect(participants).toBe(engine.total.deelnemers);
		const toelichting = sheets.find((s) => s.name === 'Toelichting')!;
		expect(rowOf(toelichting, 'Niet goedgekeurd')[2]).toBe(
			'Alle kwartalen van de selectie zijn goedgekeurd.'
		);
	});

	it('has frozen headers, an autofilter, A4 print setup and real dates', async () => {
		const { workbook } = await readWorkbook(xlsx);
		for (const ws of workbook.worksheets) {
			// an atelier's tab has its full name above the header row
			const captioned = /^(Leeratelier|Lijn): /.test(String(ws.getCell('A1').value));
			expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: captioned ? 2 : 1 });
			expect(ws.autoFilter).toBeTruthy();
			expect(ws.pageSetup.paperSize).toBe(9);
			expect(ws.getColumn(1).width).toBeGreaterThan(8);
		}
		const activities = workbook.getWorksheet('Bijeenkomsten')!;
		const date = activities.getRow(2).getCell(4);
		expect(date.value).toBeInstanceOf(Date);
		expect(date.numFmt).toBe('dd-mm-yyyy');
	});

	it('never writes student names', async () => {
		const names = await handle.db.selectFrom('students').select('display_name').execute();
		const { sheets } = await readWorkbook(xlsx);
		const cells = new Set(sheets.flatMap((s) => s.rows.flat()).map(String));
		for (const { display_name } of names) expect(cells.has(display_name)).toBe(false);
	});

	it('writes text that looks like a formula as text', async () => {
		const { workbook } = await readWorkbook(xlsx);
		const ws = workbook.getWorksheet('Bijeenkomsten')!;
		let found = 0;
		ws.eachRow((row) => {
			const cell = row.getCell(5);
			if (cell.value === INJECTION) {
				found++;
				expect(cell.formula).toBeUndefined();
				expect(typeof cell.value).toBe('string');
			}
		});
		expect(found).toBe(1);
		expect(xlsx.includes(Buffer.from('<f>'))).toBe(false);
	});

	it('reads the same in LibreOffice (converted to CSV)', async () => {
		const csv = await libreOfficeCsv(xlsx);
		const engine = await computeMetrics(handle.db, engineQuery('approved+submitted'));
		const data = await loadReportData(handle.db, management, { ...selection });
		const figures = parseCsv(csv.get('In cijfers')!);
		const number = (s: string) => Number(s.replace(/[.,\s](?=\d{3}\b)/g, '').replace(',', '.'));
		for (const rule of engine.indicators) {
			const name = data.indicatorTexts.find((t) => t.code === rule.code)!.name;
			const row = figures.find((r) => r[0] === name)!;
			expect(number(row[3]), rule.code).toBe(engine.total[rule.code]);
		}
		for (const unit of engine.units) {
			const rows = parseCsv(csv.get(unit.name)!);
			for (const rule of engine.indicators) {
				const name = data.indicatorTexts.find((t) => t.code === rule.code)!.name;
				expect(number(rows.find((r) => r[0] === name)![2])).toBe(unit.values[rule.code]);
			}
		}
		const activities = parseCsv(csv.get('Bijeenkomsten')!);
		expect(activities.some((r) => r[4] === INJECTION)).toBe(true);
	});

	for (const audience of ['vws', 'programmaraad'] as const) {
		it(`puts the engine’s numbers in the ${audience} PDF (its tagged tables), on A4 pages`, async () => {
			const data = await loadReportData(
				handle.db,
				management,
				{ ...selection },
				{
					approvedOnly: true
				}
			);
			const started = performance.now();
			const pdf = await renderReport(handle.db, data, audience);
			const millis = performance.now() - started;
			const { text, info } = await popplerRead(pdf);
			const { tree } = await popplerStructure(pdf);
			const engine = await computeMetrics(handle.db, engineQuery('approved'));
			const previous = await computeMetrics(handle.db, {
				...engineQuery('approved'),
				...previousPeriod(selection.from, selection.to)
			});
			expectPdfMatches(tree, data, engine, audience === 'programmaraad' ? previous : null);
			expect(text).toContain('Werkplaats Sociaal Domein Zuyd');
			expect(text.replace(/\s+/g, ' ')).toContain(
				'Werkplaats Sociaal Domein Zuyd in K1 2020 – K4 2022'
			);
			expect(text).toContain('Inhoud');
			expect(text).toMatch(/Pagina 2 van \d+/);
			expect(text).toContain(formatNumber(engine.total.deelnemers));
			const sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)];
			expect(sizes.length).toBeGreaterThan(5);
			// A4 is 595.28 × 841.89 pt; Chromium rounds the page to whole CSS pixels (within 1 pt)
			for (const [, w, h] of sizes) {
				expect(Math.abs(Number(w) - 595.28)).toBeLessThan(1);
				expect(Math.abs(Number(h) - 841.89)).toBeLessThan(1);
			}
			// the highlights approved for the report, with their quotes
			const { rows: quotes } = await sql<{ quote: string }>`
				select h.quote from highlights h join quarter_reports qr on qr.id = h.report_id
				where h.in_report and qr.status = 'goedgekeurd' and h.quote is not null
					and qr.quarter between '2020Q1' and '2022Q4'`.execute(handle.db);
			expect(quotes.length).toBeGreaterThan(0);
			const flat = text.replace(/\s+/g, ' ');
			for (const { quote } of quotes)
				expect(flat).toContain(quote.replace(/\s+/g, ' ').slice(0, 30));
			if (audience === 'programmaraad') {
				expect(text).toContain('Volledigheid');
				expect(text).toContain('Vergelijking met de vorige periode');
			}
			expect(millis).toBeGreaterThan(0);
		});
	}
});
