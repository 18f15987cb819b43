import { describe, expect, it } from 'vitest';
import { INDICATOR_CODES } from '../src/lib/server/metrics/catalogue';
import { drilldown } from '../src/lib/server/metrics/drilldown';
import { computeMetrics } from '../src/lib/server/metrics/engine';
import { loadDashboard, type DashboardSelection } from '../src/lib/server/metrics/dashboard';
import { sessionUser, useDemoDb } from './helpers/demo-db';

// The brochure "2020-2022 in cijfers", reproduced by the demo seed.
describe('metrics engine on the demo werkplaats', () => {
	const demo = useDemoDb();

	const period = { from: '2020Q1', to: '2022Q4', atelierIds: null } as const;

	it('gives the brochure figures for 2020-2022', async () => {
		const m = await computeMetrics(demo.db, { ...period, scope: 'approved' });
		expect(m.total.leerateliers).toBe(4);
		expect(m.total.openbare_kennisbijeenkomsten).toBe(13);
		expect(m.total.wijken_stadsdelen).toBe(6);
		expect(m.units.map((u) => u.name)).toHaveLength(4);
		expect(m.openQuarters).toEqual([]);
	});

	it('counts shared partners and students once in the total, unlike a sum over ateliers', async () => {
		const m = await computeMetrics(demo.db, { ...period, scope: 'approved' });
		const sum = (code: (typeof INDICATOR_CODES)[number]) =>
			m.units.reduce((s, u) => s + u.values[code], 0);
		// additive indicators add up, distinct ones do not where something is shared
		expect(sum('bijeenkomsten')).toBe(m.total.bijeenkomsten);
		expect(sum('deelnemers')).toBe(m.total.deelnemers);
		expect(sum('partnerorganisaties')).toBeGreaterThan(m.total.partnerorganisaties);
		const distinctSharedSomewhere =
			sum('actieve_studenten') > m.total.actieve_studenten ||
			sum('wijken_stadsdelen') > m.total.wijken_stadsdelen;
		expect(distinctSharedSomewhere).toBe(true);
		// and a distinct indicator over the period is not the sum of its quarters
		const perQuarterSum = m.perQuarter.reduce((s, q) => s + q.partnerorganisaties, 0);
		expect(perQuarterSum).toBeGreaterThan(m.total.partnerorganisaties);
	});

	it('lists the 13 public kennisbijeenkomsten behind the number', async () => {
		const query = { ...period, scope: 'approved' as const };
		const viewer = sessionUser('management');
		const records = await drilldown(demo.db, 'openbare_kennisbijeenkomsten', query, {
			viewer
		});
		expect(records.found).toBe(13);
		expect(records.rows).toHaveLength(13);
		const m = await computeMetrics(demo.db, query);
		for (const code of INDICATOR_CODES) {
			const d = await drilldown(demo.db, code, query, { viewer });
			if (code === 'netwerkleden') continue;
			// the sum covers every page, not only the first one
			const value = d.sumColumn === null ? d.found : d.sum;
			expect([code, value]).toEqual([code, m.total[code]]);
		}
	});

	it('groups a renamed atelier with its line on request', async () => {
		const plain = await computeMetrics(demo.db, {
			from: '2020Q1',
			to: '2023Q4',
			atelierIds: null,
			scope: 'approved+submitted'
		});
		const lines = await computeMetrics(demo.db, {
			from: '2020Q1',
			to: '2023Q4',
			atelierIds: null,
			scope: 'approved+submitted',
			groupByLineage: true
		});
		expect(lines.units.length).toBeLessThan(plain.units.length);
		expect(lines.total.bijeenkomsten).toBe(plain.total.bijeenkomsten);
		expect(lines.total.partnerorganisaties).toBe(plain.total.partnerorganisaties);
		const armoede = lines.units.find((u) => u.ateliers.some((a) => a.name === 'Armoede'));
		expect(armoede?.ateliers.length).toBeGreaterThan(1);
	});

	it('scopes the dashboard by role: council approved only, a kartrekker only their ateliers', async () => {
		const db = demo.db;
		const own = await db
			.selectFrom('ateliers')
			.select('id')
			.where('slug', 'in', ['armoede', 'over-leven-armoede'])
			.execute();
		const user = sessionUser;
		const selection: DashboardSelection = {
			from: '2023Q1',
			to: '2023Q4',
			ateliers: [],
			lineage: false
		};
		const council = await loadDashboard(db, user('council'), selection, '2026-11-30');
		const management = await loadDashboard(db, user('management'), selection, '2026-11-30');
		expect(council.scope).toBe('approved');
		expect(management.scope).toBe('approved+submitted');
		expect(council.metrics.total.bijeenkomsten).toBeLessThan(
			management.metrics.total.bijeenkomsten
		);

		const kartrekker = await loadDashboard(
			db,
			user(
				'kartrekker',
				own.map((a) => a.id)
			),
			{ ...selection, from: '2020Q1', to: '2023Q4', ateliers: ['impact'] },
			'2026-11-30'
		);
		// asking for another atelier's slug gives nothing of it
		expect(kartrekker.metrics.units).toEqual([]);
		const all = await loadDashboard(
			db,
			user(
				'kartrekker',
				own.map((a) => a.id)
			),
			{ ...selection, from: '2020Q1', to: '2023Q4' },
			'2026-11-30'
		);
		expect(all.metrics.units.map((u) => u.slug).sort()).toEqual(['armoede', 'over-leven-armoede']);
		expect(all.atelierOptions.map((a) => a.slug).sort()).toEqual(['armoede', 'over-leven-armoede']);
	});

	it('widens a chosen atelier to its line when grouped by line, within what the user may see', async () => {
		const db = demo.db;
		const ids = Object.fromEntries(
			(await db.selectFrom('ateliers').select(['id', 'slug']).execute()).map((a) => [a.slug, a.id])
		);
		const person = sessionUser;
		const selection: DashboardSelection = {
			from: '2020Q1',
			to: '2024Q4',
			ateliers: ['over-leven-armoede'],
			lineage: true
		};
		const grouped = await loadDashboard(db, person('management'), selection, '2026-11-30');
		expect(grouped.metrics.units).toHaveLength(1);
		expect(grouped.metrics.units[0].ateliers.map((a) => a.slug)).toEqual([
			'armoede',
			'over-leven-armoede'
		]);
		const both = await computeMetrics(db, {
			from: '2020Q1',
			to: '2024Q4',
			atelierIds: [ids['armoede'], ids['over-leven-armoede']],
			scope: 'approved+submitted'
		});
		// flows and distinct counts as for the two ateliers; the stock is the line's last value,
		// not the last values of both ateliers added up
		const { netwerkleden, ...flows } = grouped.metrics.total;
		const { netwerkleden: bothStocks, ...bothFlows } = both.total;
		expect(flows).toEqual(bothFlows);
		expect(netwerkleden).toBe(grouped.metrics.units[0].values.netwerkleden);
		expect(netwerkleden).toBeLessThan(bothStocks);
		// without grouping by line the choice stays one atelier
		const single = await loadDashboard(
			db,
			person('management'),
			{ ...selection, lineage: false },
			'2026-11-30'
		);
		expect(single.metrics.units.map((u) => u.slug)).toEqual(['over-leven-armoede']);
		expect(single.metrics.total.bijeenkomsten).toBeLessThan(both.total.bijeenkomsten);
		// a kartrekker of the successor only: the predecessor is not theirs, so it stays out
		const kartrekker = await loadDashboard(
			db,
			person('kartrekker', [ids['over-leven-armoede']]),
			selection,
			'2026-11-30'
		);
		expect(kartrekker.metrics.units.flatMap((u) => u.ateliers.map((a) => a.slug))).toEqual([
			'over-leven-armoede'
		]);
	});

	it('the dashboard gets the charts per quarter as series, not per-quarter rows per atelier', async () => {
		const selection: DashboardSelection = {
			from: '2020Q1',
			to: '2022Q4',
			ateliers: [],
			lineage: false
		};
		const d = await loadDashboard(demo.db, sessionUser('management'), selection, '2026-11-30');
		const m = await computeMetrics(demo.db, { ...period, scope: 'approved+submitted' });
		for (const unit of d.metrics.units) expect(unit).not.toHaveProperty('perQuarter');
		expect(d.metrics).not.toHaveProperty('perQuarter');
		// four ateliers: no "overige"; each series is its atelier's quarters, largest total first
		expect(d.trends.bijeenkomsten.map((s) => s.label).sort()).toEqual(
			m.units.map((u) => u.name).sort()
		);
		for (const s of d.trends.bijeenkomsten) {
			const unit = m.units.find((u) => u.name === s.label)!;
			expect(s.values).toEqual(unit.perQuarter.map((q) => q.bijeenkomsten));
		}
		const totals = d.trends.deelnemers.map((s) => s.values.reduce((a, b) => a + b, 0));
		expect([...totals].sort((a, b) => b - a)).toEqual(totals);
	});
});
