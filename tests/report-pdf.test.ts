import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { formatNumber } from '../src/lib/format';
import {
	closePdfBrowser,
	htmlToPdf,
	MAX_RENDERS,
	MAX_WAITING,
	renderLoad,
	RENDERS_BUSY
} from '../src/lib/server/exports/chromium';
import { renderReport, reportModel } from '../src/lib/server/exports/pdf';
import { loadReportData } from '../src/lib/server/exports/report-data';
import { placesInWords } from '../src/lib/server/exports/report-model';
import { fixReport } from '../src/lib/server/fixed-reports/fix';
import { fixPreview } from '../src/lib/server/fixed-reports/pages';
import {
	getDifferenceThreshold,
	getNarrative,
	saveNarrative,
	setDifferenceThreshold
} from '../src/lib/server/fixed-reports/narrative';
import { fixedReportFile, getFixedReport } from '../src/lib/server/fixed-reports/store';
import { computeMetrics } from '../src/lib/server/metrics/engine';
import { reportPlaces } from '../src/lib/server/metrics/sources';
import { saveLogo, logoFormVersion } from '../src/lib/server/settings/logo';
import type { DashboardSelection } from '../src/lib/server/metrics/dashboard';
import { ActionError, ConflictError } from '../src/lib/server/errors';
import { sessionUser, useDemoDb } from './helpers/demo-db';
import { popplerRead } from './helpers/export-readers';
import { PNG_1PX } from './helpers/images';
import {
	altTexts,
	findAll,
	headingsOf,
	pdfObjectText,
	popplerStructure,
	tablesOf,
	textOf
} from './helpers/pdf-structure';

const PERIOD: DashboardSelection = { from: '2020Q1', to: '2022Q4', ateliers: [], lineage: false };
const KEY = { from: '2020Q1', to: '2022Q4', audience: 'vws' as const };

async function refusal(p: Promise<unknown>): Promise<ActionError> {
	try {
		await p;
	} catch (e) {
		if (e instanceof ActionError) return e;
		throw e;
	}
	throw new Error('niet geweigerd');
}

// The report of issue 16 printed by Chromium: tagged, with its narrative, on the demo werkplaats.
describe('the accessible PDF report', { timeout: 300_000 }, () => {
	const demo = useDemoDb();
	afterAll(() => closePdfBrowser());

	async function boss() {
		const row = await demo.db
			.selectFrom('app_users')
			.select(['id', 'name'])
			.where('role', '=', 'management')
			.orderBy('id')
			.executeTakeFirstOrThrow();
		return { ...sessionUser('management', [], row.id), name: row.name };
	}
	const data = async () =>
		loadReportData(demo.db, await boss(), { ...PERIOD }, { approvedOnly: true });

	it('saves the narrative as a draft on its version, management only, with an audit entry', async () => {
		const user = await boss();
		const model = await reportModel(demo.db, await data(), 'vws');
		const flagged = model.plan.rows.filter((r) => r.beyond);
		expect(flagged.length).toBeGreaterThan(0);
		expect(model.missing.unexplained).toEqual(flagged.map((r) => r.name));

		const council = sessionUser('council');
		expect((await refusal(saveNarrative(demo.db, council, KEY, 0, {}))).status).toBe(403);

		const input = {
			foreword: 'Een jaar van samen leren in de wijk.\n\nDank aan alle partners.',
			outlook: 'In 2023 komen er twee leerateliers bij.',
			highlights: [
				{
					title: 'De lector over de werkplaats',
					body: 'Wat de werkplaats als geheel opleverde.',
					quote: 'Samen weten we meer dan ieder apart.',
					speaker: 'Lector Sociaal Domein',
					role: 'lector',
					url: 'https://www.voorbeeld.nl/lector-verhaal'
				}
			],
			explanations: { [flagged[0].code]: 'Meer studenten dan gepland deden mee via de minor.' }
		};
		const saved = await saveNarrative(demo.db, user, KEY, 0, input);
		expect(saved.version).toBe(1);
		// a form that showed version 0 is now stale: nothing is overwritten
		const stale = await refusal(saveNarrative(demo.db, user, KEY, 0, { ...input, foreword: 'x' }));
		expect(stale).toBeInstanceOf(ConflictError);
		expect((stale as ConflictError).current?.values.foreword).toBe(input.foreword);
		expect((await getNarrative(demo.db, KEY)).foreword).toBe(input.foreword);
		// a link that is not http(s) is refused at its field
		const bad = await refusal(
			saveNarrative(demo.db, user, KEY, 1, {
				...input,
				highlights: [{ ...input.highlights[0], url: 'javascript:alert(1)' }]
			})
		);
		expect(bad.errors).toHaveProperty('highlight_0_url');

		const audit = await demo.db
			.selectFrom('audit_log')
			.select(['action', 'after'])
			.where('entity', '=', 'report_narrative')
			.execute();
		expect(audit.map((a) => a.action)).toEqual(['create']);

		const after = await reportModel(demo.db, await data(), 'vws');
		expect(after.missing.unexplained).toEqual(flagged.slice(1).map((r) => r.name));
		// the confirmation step before fixing names them too
		const confirm = await fixPreview(demo.db, user, { ...PERIOD }, 'vws');
		expect(confirm.unexplained).toEqual(after.missing.unexplained);
	});

	it('is tagged, in Dutch, with a title, headings in order, real tables and alt text', async () => {
		const user = await boss();
		await saveLogo(demo.db, user, await logoFormVersion(demo.db), PNG_1PX);
		// the council's edition has its own narrative (the one for VWS is not in it)
		await saveNarrative(demo.db, user, { ...KEY, audience: 'programmaraad' }, 0, {
			foreword: 'Voor de programmaraad.',
			outlook: 'Wat we volgend jaar willen leren.',
			highlights: [
				{
					title: 'Werkplaatsdag',
					body: 'Alle leerateliers samen.',
					quote: '',
					speaker: '',
					role: '',
					url: 'https://www.voorbeeld.nl/werkplaatsdag'
				}
			],
			explanations: {}
		});
		const reportData = await data();
		const model = await reportModel(demo.db, reportData, 'programmaraad');
		const pdf = await renderReport(demo.db, reportData, 'programmaraad');
		const { info, tree, urls, fonts } = await popplerStructure(pdf);

		expect(info).toMatch(/^Tagged:\s+yes$/m);
		expect(info).toMatch(/^Page size:.*\(A4\)$/m);
		expect(/^Title:\s+(.*)$/m.exec(info)?.[1]).toBe(model.title);
		const objects = pdfObjectText(pdf);
		expect(objects).toMatch(/\/Lang \(nl-NL\)/);
		expect(objects).toMatch(/\/Outlines \d+ 0 R/);
		// embedded fonts only
		expect(fonts.length).toBeGreaterThan(0);
		expect(fonts.filter((f) => !f.embedded)).toEqual([]);

		// headings: one H1 (the title), then never a level skipped
		const headings = headingsOf(tree);
		// (a wrapped line has no space glyph at its end; poppler joins the lines without one)
		const squeeze = (t: string) => t.replace(/\s+/g, '');
		expect(headings[0].level).toBe(1);
		expect(squeeze(headings[0].text)).toBe(squeeze(model.title));
		expect(headings.filter((h) => h.level === 1)).toHaveLength(1);
		for (let i = 1; i < headings.length; i++)
			expect(headings[i].level, headings[i].text).toBeLessThanOrEqual(headings[i - 1].level + 1);
		expect(headings.filter((h) => h.level === 2).map((h) => h.text)).toEqual([
			'Inhoud',
			'Voorwoord',
			'De periode in cijfers',
			'Vergelijking met het activiteitenplan',
			'De leerateliers',
			'Hoogtepunten van de werkplaats',
			'Vooruitblik',
			'Verloop per kwartaal',
			'Volledigheid',
			'Vergelijking met de vorige periode',
			'Bijlage: gegevensstatus en rekenregels',
			'Colofon'
		]);
		expect(headings.filter((h) => h.level === 3).map((h) => h.text)).toEqual(
			expect.arrayContaining(model.ateliers.map((a) => `Leeratelier ${a.name}`))
		);

		// every table: a caption, a first row of column headers, row headers after it
		const tables = tablesOf(tree);
		expect(tables.length).toBeGreaterThan(model.ateliers.length + 3);
		for (const t of tables) {
			expect(t.caption, 'caption').not.toBe('');
			expect(
				t.rows[0].every((c) => c.header && c.scope === 'Column'),
				t.caption
			).toBe(true);
			for (const row of t.rows.slice(1)) expect(row[0].header, t.caption).toBe(true);
		}
		// lists are lists
		expect(findAll(tree, 'L').length).toBeGreaterThan(2);

		// every figure has alternative text: the logo and each chart
		const alts = altTexts(pdf);
		expect(alts).toContain(`Logo van ${model.werkplaats}`);
		for (const c of model.charts) expect(alts).toContain(c.alt);
		const figures = findAll(tree, 'Figure').filter((f) =>
			f.children.every((c) => c.type !== 'Figure')
		);
		expect(figures.length).toBe(model.charts.length + 1);

		// the running header and the page numbers are artifacts: not in the structure tree
		const all = textOf(tree);
		expect(all).not.toMatch(/Pagina \d+ van \d+/);
		expect((await popplerRead(pdf)).text).toMatch(/Pagina 2 van \d+/);

		// the highlights' links are link annotations
		const links = model.ateliers.flatMap((a) => a.highlights.map((h) => h.url));
		const published = model.ateliers.flatMap((a) => a.publications.map((p) => p.url));
		const expected = [...links, ...published, ...model.highlights.map((h) => h.url)].filter(
			(u): u is string => u !== null
		);
		expect(links.filter(Boolean).length).toBeGreaterThan(0);
		for (const url of expected) expect(urls).toContain(url);
		const { rows } = await sql<{ n: number }>`
			select count(*)::int as n from highlights h join quarter_reports qr on qr.id = h.report_id
			where h.in_report and qr.status = 'goedgekeurd' and h.url is not null
				and qr.quarter between '2020Q1' and '2022Q4'`.execute(demo.db);
		expect(links.filter(Boolean).length).toBe(Number(rows[0].n));
	});

	it('prints the narrative, the plan comparison and the breakdowns in words', async () => {
		const reportData = await data();
		const narrative = await getNarrative(demo.db, KEY);
		const pdf = await renderReport(demo.db, reportData, 'vws');
		const { text } = await popplerRead(pdf);
		const flat = text.replace(/\s+/g, ' ');
		expect(flat).toContain('Een jaar van samen leren in de wijk.');
		expect(flat).toContain('Dank aan alle partners.');
		expect(flat).toContain('In 2023 komen er twee leerateliers bij.');
		expect(flat).toContain('Samen weten we meer dan ieder apart.');
		expect(flat).toContain('Lector Sociaal Domein, lector');

		const { tree } = await popplerStructure(pdf);
		const engine = await computeMetrics(demo.db, { ...reportData.query });
		const plan = tablesOf(tree).find((t) => t.caption.startsWith('Realisatie en streefwaarde'))!;
		const codes = Object.keys(narrative.explanations);
		expect(codes).toHaveLength(1);
		const indicator = reportData.indicatorTexts.find((t) => t.code === codes[0])!;
		const row = plan.rows.find((r) => r[0].text === indicator.name)!;
		expect(row[1].text).toBe(formatNumber(engine.total[indicator.code]));
		expect(row[2].text).toBe(formatNumber(engine.targets.total[indicator.code]!));
		expect(row[4].text.replace(/\s+/g, '')).toBe(
			narrative.explanations[indicator.code]!.replace(/\s+/g, '')
		);
		// every indicator with a werkplaats target has its row, and only those
		expect(plan.rows.length - 1).toBe(
			engine.indicators.filter((i) => engine.targets.total[i.code] !== undefined).length
		);

		// places by municipality add up to the engine's distinct count
		const places = await reportPlaces(demo.db, reportData.query);
		expect(places.reduce((s, p) => s + p.places, 0)).toBe(engine.total.wijken_stadsdelen);
		expect(flat).toContain(placesInWords(places));
		expect(placesInWords(places)).toMatch(/^\d+ (stadsdelen|wijken)/);
	});

	it('changes which differences need an explanation with the threshold setting', async () => {
		const user = await boss();
		const before = await reportModel(demo.db, await data(), 'vws');
		const { version } = await getDifferenceThreshold(demo.db);
		await setDifferenceThreshold(demo.db, user, version, { differenceThreshold: '100' });
		const after = await reportModel(demo.db, await data(), 'vws');
		for (const r of after.plan.rows)
			expect(r.beyond).toBe(r.ratio === null ? r.difference !== 0 : Math.abs(r.ratio) > 1);
		expect(after.plan.rows.filter((r) => r.beyond).length).toBeLessThan(
			before.plan.rows.filter((r) => r.beyond).length
		);
		expect(
			(await refusal(setDifferenceThreshold(demo.db, user, version, { differenceThreshold: '5' })))
				.status
		).toBe(409);
		await setDifferenceThreshold(demo.db, user, version + 1, { differenceThreshold: '10' });
	});

	it('never runs report text as code nor lets it reach the network', async () => {
		let requests = 0;
		const server = createServer((_, res) => {
			requests++;
			res.end('x');
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const port = (server.address() as AddressInfo).port;
		try {
			const user = await boss();
			const narrative = await getNarrative(demo.db, KEY);
			const hostile = `<img src="http://127.0.0.1:${port}/img"><script>fetch('http://127.0.0.1:${port}/js')</script>`;
			const pdf = await renderReport(demo.db, await data(), 'vws', {
				...narrative,
				foreword: hostile,
				highlights: [
					{
						title: `<link rel="stylesheet" href="http://127.0.0.1:${port}/css">`,
						body: '',
						quote: '',
						speaker: '',
						role: '',
						url: `http://127.0.0.1:${port}/link`
					}
				]
			});
			const flat = (await popplerRead(pdf)).text.replace(/\s+/g, ' ');
			// the markup is printed as the text it is
			expect(flat).toContain(`<img src="http://127.0.0.1:${port}/img">`);
			expect(flat).toContain('<script>');
			expect(requests).toBe(0);
			void user;
		} finally {
			server.close();
		}
	});

	it('renders at most MAX_RENDERS at once; the rest wait their turn', async () => {
		const reportData = await data();
		const model = await reportModel(demo.db, reportData, 'vws');
		const { renderModel } = await import('../src/lib/server/exports/pdf');
		let most = 0;
		let waited = 0;
		const watch = setInterval(() => {
			const load = renderLoad();
			most = Math.max(most, load.running);
			waited = Math.max(waited, load.waiting);
		}, 5);
		const pdfs = await Promise.all(
			Array.from({ length: MAX_RENDERS + 3 }, () => renderModel(model))
		);
		clearInterval(watch);
		expect(pdfs.every((p) => p.subarray(0, 4).toString('latin1') === '%PDF')).toBe(true);
		expect(most).toBeLessThanOrEqual(MAX_RENDERS);
		expect(waited).toBeGreaterThan(0);
		expect(renderLoad()).toEqual({ running: 0, waiting: 0 });
	});

	it('refuses a render beyond the line at once, with a Dutch 503, and serves the rest', async () => {
		const page = { headerTemplate: '<span></span>', footerTemplate: '<span></span>' };
		const html = '<!doctype html><html lang="nl"><title>t</title><p>Een regel.</p></html>';
		const outcomes = await Promise.allSettled(
			Array.from({ length: MAX_RENDERS + MAX_WAITING + 1 }, () => htmlToPdf(html, page))
		);
		const refused = outcomes.filter((o) => o.status === 'rejected');
		expect(refused).toHaveLength(1);
		expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({
			status: 503,
			body: { message: RENDERS_BUSY }
		});
		expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(
			MAX_RENDERS + MAX_WAITING
		);
		expect(renderLoad()).toEqual({ running: 0, waiting: 0 });
	});

	it('fixes the report with the new PDF and its narrative', async () => {
		const user = await boss();
		const fixed = await fixReport(demo.db, user, { ...PERIOD }, 'vws');
		const file = (await fixedReportFile(demo.db, fixed.id, 'pdf'))!;
		const { info } = await popplerStructure(file.bytes);
		expect(info).toMatch(/^Tagged:\s+yes$/m);
		const flat = (await popplerRead(file.bytes)).text.replace(/\s+/g, ' ');
		expect(flat).toContain('Een jaar van samen leren in de wijk.');
		const detail = (await getFixedReport(demo.db, fixed.id))!;
		const { rows } = await sql<{ narrative: { foreword: string; version: number } }>`
			select narrative from fixed_reports where id = ${fixed.id}`.execute(demo.db);
		expect(rows[0].narrative.foreword).toBe((await getNarrative(demo.db, KEY)).foreword);
		expect(detail.audience).toBe('vws');
	});
});
