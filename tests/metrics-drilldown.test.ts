import { isHttpError } from '@sveltejs/kit';
import { beforeAll, describe, expect, it } from 'vitest';
import { metricsQueryFor } from '../src/lib/server/metrics/dashboard';
import { drilldown, parsePage, type Drilldown } from '../src/lib/server/metrics/drilldown';
import { computeMetrics, type MetricsQuery } from '../src/lib/server/metrics/engine';
import { mayOpenQuarterReport, quarterContext } from '../src/lib/server/reports/access';
import { quarterPage } from '../src/lib/server/records/quarter-page';
import { pageHref } from '../src/routes/dashboard/links';
import type { SessionUser } from '../src/lib/server/auth/guards';
import { sessionUser, useDemoDb } from './helpers/demo-db';

const user = sessionUser;
const management = user('management');
const council = user('council');
const brochure = { from: '2020Q1', to: '2022Q4', atelierIds: null, scope: 'approved' } as const;

describe('drill-down lists, page by page', () => {
	const demo = useDemoDb();

	const list = (code: Parameters<typeof drilldown>[1], query: MetricsQuery, page?: number) =>
		drilldown(demo.db, code, query, { viewer: management, page });
	const keys = (d: Drilldown) => d.rows.map((r) => r.key);

	it('splits the 105 meetings of 2020-2022 into pages of 100 that do not overlap', async () => {
		const first = await list('bijeenkomsten', brochure);
		const second = await list('bijeenkomsten', brochure, 2);
		const engine = await computeMetrics(demo.db, brochure);
		expect(engine.total.bijeenkomsten).toBe(105);
		expect([first.found, first.pages, first.page, first.pageSize]).toEqual([105, 2, 1, 100]);
		expect([second.found, second.pages, second.page]).toEqual([105, 2, 2]);
		expect(first.rows).toHaveLength(100);
		expect(second.rows).toHaveLength(5);
		const all = [...keys(first), ...keys(second)];
		expect(new Set(all).size).toBe(105);
		// the next rows: page 2 continues where page 1 stopped, in date order
		const dates = [...first.rows, ...second.rows].map((r) => String(r.cells[0]));
		expect(dates).toEqual([...dates].sort());
	});

	it('lists the same rows in the same order whatever the page size', async () => {
		for (const code of [
			'openbare_kennisbijeenkomsten',
			'partnerorganisaties',
			'actieve_studenten',
			'wijken_stadsdelen'
		] as const) {
			const whole = await drilldown(demo.db, code, brochure, {
				viewer: management,
				pageSize: 1000
			});
			const pageSize = 4;
			expect(whole.found).toBeGreaterThan(pageSize);
			const pages: string[] = [];
			for (let page = 1; page <= whole.found + 1; page++) {
				const d = await drilldown(demo.db, code, brochure, {
					viewer: management,
					page,
					pageSize
				});
				expect([code, d.found, d.pages]).toEqual([
					code,
					whole.found,
					Math.ceil(whole.found / pageSize)
				]);
				if (d.page !== page) break; // beyond the end
				expect(d.rows.length).toBeLessThanOrEqual(pageSize);
				pages.push(...keys(d));
			}
			expect([code, pages]).toEqual([code, keys(whole)]);
		}
	});

	it('adds up a sum column over every page, not only the one shown', async () => {
		for (const code of ['deelnemers', 'gesprekken_bewoners'] as const) {
			const engine = await computeMetrics(demo.db, brochure);
			const d = await drilldown(demo.db, code, brochure, {
				viewer: management,
				pageSize: 3
			});
			const onPage = d.rows.reduce((s, r) => s + Number(r.cells[d.sumColumn!]), 0);
			expect([code, d.sum]).toEqual([code, engine.total[code]]);
			expect(onPage).toBeLessThan(d.sum!);
			expect(d.found).toBeGreaterThan(3);
		}
		expect((await list('bijeenkomsten', brochure)).sum).toBeNull();
	});

	it('gives the last page for a page beyond the end, and page 1 for nonsense', async () => {
		const beyond = await list('bijeenkomsten', brochure, 9);
		expect([beyond.page, beyond.pages, beyond.found, beyond.rows.length]).toEqual([2, 2, 105, 5]);
		const far = await list('bijeenkomsten', brochure, 1e20);
		expect([far.page, far.rows.length]).toEqual([2, 5]);
		for (const page of [0, -3, Number.NaN, 1.5])
			expect((await list('bijeenkomsten', brochure, page)).page).toBe(1);
		// an empty list has one (empty) page
		const empty = { ...brochure, from: '2010Q1', to: '2010Q4' } as const;
		const none = await list('bijeenkomsten', empty, 3);
		expect([none.page, none.pages, none.found, none.rows]).toEqual([1, 1, 0, []]);
	});

	it('reads the pagina parameter', () => {
		expect(parsePage(null)).toBe(1);
		expect(parsePage('')).toBe(1);
		expect(parsePage('2')).toBe(2);
		expect(parsePage(' 14 ')).toBe(14);
		for (const bad of ['0', '-1', '1.5', 'abc', '2e3', '0x10', '1,5'])
			expect(parsePage(bad)).toBe(null);
	});

	it('keeps every other parameter of the URL in the page links', () => {
		const url = new URL(
			'http://localhost/dashboard/cijfer/bijeenkomsten?van=2020Q1&tot=2022Q4&atelier=armoede&atelier=impact&lijn=1&pagina=3'
		);
		const next = new URL(pageHref(url, 4), url);
		expect(next.pathname).toBe('/dashboard/cijfer/bijeenkomsten');
		expect(next.searchParams.get('van')).toBe('2020Q1');
		expect(next.searchParams.get('tot')).toBe('2022Q4');
		expect(next.searchParams.getAll('atelier')).toEqual(['armoede', 'impact']);
		expect(next.searchParams.get('lijn')).toBe('1');
		expect(next.searchParams.getAll('pagina')).toEqual(['4']);
		// page 1 is the plain address
		expect(new URL(pageHref(url, 1), url).searchParams.has('pagina')).toBe(false);
	});
});

describe('drill-down links to the quarter reports', () => {
	const demo = useDemoDb();
	let ids: Map<string, number>;
	beforeAll(async () => {
		const ateliers = await demo.db.selectFrom('ateliers').select(['id', 'slug']).execute();
		ids = new Map(ateliers.map((a) => [a.slug, a.id]));
	});

	/** Every source of every row of every page, with its link. */
	async function sources(viewer: SessionUser, query: MetricsQuery, code = 'bijeenkomsten') {
		const all = [];
		for (let page = 1; ; page++) {
			const d = await drilldown(demo.db, code as 'bijeenkomsten', query, {
				viewer,
				page
			});
			all.push(...d.rows.flatMap((r) => r.sources));
			if (d.page >= d.pages) return all;
		}
	}

	/** Opens the quarter page like its load does: 'ok', or the HTTP status it fails with. */
	async function open(viewer: SessionUser, slug: string, quarter: string) {
		const event = {
			locals: { user: viewer } as App.Locals,
			url: new URL(`http://localhost/ateliers/${slug}/${quarter}`),
			params: { slug, kwartaal: quarter }
		};
		try {
			await quarterPage(demo.db, await quarterContext(demo.db, event, 'read'));
			return 'ok';
		} catch (e) {
			if (isHttpError(e)) return e.status;
			throw e;
		}
	}

	/** Every distinct link opens for the viewer; every source without one would not. */
	async function checkLinks(viewer: SessionUser, list: Awaited<ReturnType<typeof sources>>) {
		const seen = new Map<string, string | null>();
		for (const s of list) seen.set(`${s.slug}/${s.quarter}`, s.href);
		const outcomes = { linked: 0, plain: 0 };
		for (const [key, href] of seen) {
			const [slug, quarter] = key.split('/');
			const result = await open(viewer, slug, quarter);
			if (href) {
				expect(href).toBe(`/ateliers/${slug}/${quarter}`);
				expect([key, result]).toEqual([key, 'ok']);
				outcomes.linked++;
			} else {
				expect([key, result]).toEqual([key, 403]);
				outcomes.plain++;
			}
		}
		return outcomes;
	}

	it('links management and the council to every quarter they see', async () => {
		const m = await checkLinks(management, await sources(management, brochure));
		expect(m).toEqual({ linked: expect.any(Number), plain: 0 });
		expect(m.linked).toBeGreaterThan(20);
		// the council's own selection: approved quarters only, all of which it may open
		const { query } = await metricsQueryFor(demo.db, council, {
			from: '2023Q1',
			to: '2023Q4',
			ateliers: [],
			lineage: false
		});
		const c = await checkLinks(council, await sources(council, query));
		expect(c.plain).toBe(0);
		expect(c.linked).toBeGreaterThan(0);
	});

	it('gives the council no link to a quarter that is not approved', async () => {
		// were submitted quarters ever listed for the council, they would be plain text, not a 403
		const query = { from: '2023Q1', to: '2023Q4', atelierIds: null, scope: 'approved+submitted' };
		const list = await sources(council, query as MetricsQuery);
		const c = await checkLinks(council, list);
		expect(c.plain).toBeGreaterThan(0);
		expect(c.linked).toBeGreaterThan(0);
		// management sees the same list with every quarter linked
		const m = await checkLinks(management, await sources(management, query as MetricsQuery));
		expect(m.plain).toBe(0);
	});

	it("links a kartrekker to their own ateliers' quarters, never to another's", async () => {
		const jeugd = user('kartrekker', [
			ids.get('integraal-werken-met-jeugd')!,
			ids.get('kansrijk-met-jeugd')!
		]);
		const { query } = await metricsQueryFor(demo.db, jeugd, {
			from: '2020Q1',
			to: '2023Q4',
			ateliers: [],
			lineage: false
		});
		const own = await sources(jeugd, query);
		const slugs = new Set(own.map((s) => s.slug));
		expect(slugs.has('integraal-werken-met-jeugd')).toBe(true);
		expect(
			[...slugs].every((s) => ['integraal-werken-met-jeugd', 'kansrijk-met-jeugd'].includes(s))
		).toBe(true);
		expect(await checkLinks(jeugd, own)).toMatchObject({ plain: 0 });
		// a list that did include other ateliers would show them as plain text
		const everything = await sources(jeugd, { ...brochure, scope: 'approved+submitted' });
		const c = await checkLinks(jeugd, everything);
		expect(c.plain).toBeGreaterThan(0);
		for (const s of everything)
			expect([s.slug, s.href !== null]).toEqual([s.slug, s.slug === 'integraal-werken-met-jeugd']);
	});

	it('links an atelier itself (the Leerateliers number) to its page', async () => {
		const list = await sources(management, brochure, 'leerateliers');
		expect(list.map((s) => s.href)).toEqual(list.map((s) => `/ateliers/${s.slug}`));
		expect(list.every((s) => s.quarter === null)).toBe(true);
		const impact = user('kartrekker', [ids.get('impact')!]);
		const theirs = await sources(impact, { ...brochure, atelierIds: null }, 'leerateliers');
		expect(theirs.filter((s) => s.href).map((s) => s.slug)).toEqual(['impact']);
	});

	it('follows the rules of the quarter page: access, active life, approval for the council', () => {
		const atelier = { id: 7, activeFrom: '2020Q1', activeTo: '2022Q4' };
		expect(mayOpenQuarterReport(management, atelier, '2021Q2', 'ingediend')).toBe(true);
		expect(mayOpenQuarterReport(management, atelier, '2023Q1', 'goedgekeurd')).toBe(false);
		expect(mayOpenQuarterReport(management, atelier, '2019Q4', 'goedgekeurd')).toBe(false);
		expect(mayOpenQuarterReport(management, atelier, 'K1 2021', 'goedgekeurd')).toBe(false);
		expect(mayOpenQuarterReport(council, atelier, '2021Q2', 'goedgekeurd')).toBe(true);
		expect(mayOpenQuarterReport(council, atelier, '2021Q2', 'ingediend')).toBe(false);
		expect(mayOpenQuarterReport(user('kartrekker', [7]), atelier, '2021Q2', 'concept')).toBe(true);
		expect(mayOpenQuarterReport(user('kartrekker', [8]), atelier, '2021Q2', 'goedgekeurd')).toBe(
			false
		);
		const open = { ...atelier, activeTo: null };
		expect(mayOpenQuarterReport(management, open, '2030Q1', 'goedgekeurd')).toBe(true);
	});
});
