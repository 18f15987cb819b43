import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../seeds/demo';
import type { DbHandle } from '../src/lib/server/db/connect';
import { INDICATOR_CODES } from '../src/lib/server/metrics/catalogue';
import { drilldown } from '../src/lib/server/metrics/drilldown';
import { computeMetrics } from '../src/lib/server/metrics/engine';
import { createTestDb } from './helpers/test-db';

// The brochure "2020-2022 in cijfers", reproduced by the demo seed.
describe('metrics engine on the demo werkplaats', () => {
	let handle: DbHandle;
	beforeAll(async () => {
		handle = await createTestDb();
		await seedDemo(handle.db);
	});
	afterAll(async () => handle?.close());

	const period = { from: '2020Q1', to: '2022Q4', atelierIds: null } as const;

	it('gives the brochure figures for 2020-2022', async () => {
		const m = await computeMetrics(handle.db, { ...period, scope: 'approved' });
		expect(m.total.leerateliers).toBe(4);
		expect(m.total.openbare_kennisbijeenkomsten).toBe(13);
		expect(m.total.wijken_stadsdelen).toBe(6);
		expect(m.units.map((u) => u.name)).toHaveLength(4);
		expect(m.openQuarters).toEqual([]);
	});

	it('counts shared partners and students once in the total, unlike a sum over ateliers', async () => {
		const m = await computeMetrics(handle.db, { ...period, scope: 'approved' });
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
		const records = await drilldown(handle.db, 'openbare_kennisbijeenkomsten', query, {
			showStudentNames: false
		});
		expect(records.found).toBe(13);
		expect(records.rows).toHaveLength(13);
		for (const code of INDICATOR_CODES) {
			const m = await computeMetrics(handle.db, query);
			const d = await drilldown(handle.db, code, query, { showStudentNames: false });
			if (code === 'netwerkleden') continue;
			const value =
				d.sumColumn === null
					? d.found
					: d.rows.reduce((s, r) => s + Number(r.cells[d.sumColumn!]), 0);
			expect([code, value]).toEqual([code, m.total[code]]);
		}
	});

	it('groups a renamed atelier with its line on request', async () => {
		const plain = await computeMetrics(handle.db, {
			from: '2020Q1',
			to: '2023Q4',
			atelierIds: null,
			scope: 'approved+submitted'
		});
		const lines = await computeMetrics(handle.db, {
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
});
