import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../src/lib/server/db/connect';
import { computeMetrics } from '../src/lib/server/metrics/engine';
import { periodTarget } from '../src/lib/server/metrics/targets';
import {
	loadTargetGrid,
	parseTargetForm,
	saveTargets
} from '../src/lib/server/metrics/targets-admin';
import { user } from './helpers/auth';
import { createTestDb } from './helpers/test-db';

describe('targets', () => {
	let handle: DbHandle;
	let atelierId: number;
	beforeAll(async () => {
		handle = await createTestDb();
		({ id: atelierId } = await handle.db
			.insertInto('ateliers')
			.values({ slug: 'armoede', name: 'Armoede', active_from: '2020Q1', active_to: null })
			.returning('id')
			.executeTakeFirstOrThrow());
	});
	afterAll(async () => handle?.close());

	it('adds yearly targets up for counts and takes the last year for distinct indicators', () => {
		const years = new Map([
			[2020, 40],
			[2021, 60]
		]);
		expect(
			periodTarget('bijeenkomsten', ['2020Q1', '2020Q2', '2020Q3', '2020Q4', '2021Q1'], years)
		).toBe(55);
		expect(periodTarget('partnerorganisaties', ['2020Q1', '2021Q4'], years)).toBe(60);
		expect(periodTarget('bijeenkomsten', ['2022Q1'], years)).toBeUndefined();
	});

	it('rejects bad input with Dutch messages and saves nothing', async () => {
		const form = new FormData();
		form.set('t:bijeenkomsten:all', '-3');
		form.set(`t:publicaties:${atelierId}`, 'veel');
		form.set('t:deelnemers:all', '100');
		const { errors, entries } = parseTargetForm(form, [atelierId]);
		expect(Object.keys(errors).sort()).toEqual([
			't:bijeenkomsten:all',
			`t:publicaties:${atelierId}`
		]);
		expect(errors['t:bijeenkomsten:all']).toMatch(/getal van 0 of meer/);
		expect(entries).toHaveLength(1);
	});

	it('saves, changes and clears targets per year, werkplaats-wide and per atelier', async () => {
		const form = new FormData();
		form.set('t:bijeenkomsten:all', '40');
		form.set(`t:bijeenkomsten:${atelierId}`, '12,5');
		form.set('t:netwerkleden:all', '');
		const parsed = parseTargetForm(form, [atelierId]);
		expect(parsed.errors).toEqual({});
		await saveTargets(handle.db, null, 2021, parsed.entries);
		let grid = await loadTargetGrid(handle.db, 2021);
		expect(grid.values).toEqual({
			't:bijeenkomsten:all': '40',
			[`t:bijeenkomsten:${atelierId}`]: '12.5'
		});

		const m = await computeMetrics(handle.db, {
			from: '2021Q1',
			to: '2021Q4',
			atelierIds: null,
			scope: 'approved'
		});
		expect(m.targets.total.bijeenkomsten).toBe(40);
		expect(m.targets.perUnit[atelierId].bijeenkomsten).toBe(12.5);

		const clear = new FormData();
		clear.set('t:bijeenkomsten:all', '');
		await saveTargets(handle.db, null, 2021, parseTargetForm(clear, [atelierId]).entries);
		grid = await loadTargetGrid(handle.db, 2021);
		expect(grid.values).toEqual({ [`t:bijeenkomsten:${atelierId}`]: '12.5' });
	});

	it('audits every target that changes, with before and after, and nothing for an unchanged one', async () => {
		const boss = await user(handle.db, 'doelen@voorbeeld.nl', 'management');
		const audit = () =>
			handle.db
				.selectFrom('audit_log')
				.select(['actor_id', 'entity_id', 'atelier_id', 'action', 'before', 'after'])
				.where('entity', '=', 'indicator_target')
				.where('actor_id', '=', boss)
				.orderBy('id')
				.execute();
		const set = (values: Record<string, string>) => {
			const form = new FormData();
			for (const [k, v] of Object.entries(values)) form.set(k, v);
			return saveTargets(handle.db, boss, 2022, parseTargetForm(form, [atelierId]).entries);
		};
		await set({ 't:publicaties:all': '8' });
		await set({ 't:publicaties:all': '10', [`t:publicaties:${atelierId}`]: '' });
		await set({ 't:publicaties:all': '10' });
		await set({ 't:publicaties:all': '' });
		expect(await audit()).toEqual([
			{
				actor_id: boss,
				entity_id: 'publicaties:2022:werkplaats',
				atelier_id: null,
				action: 'create',
				before: null,
				after: { indicator: 'publicaties', year: 2022, target: 8 }
			},
			{
				actor_id: boss,
				entity_id: 'publicaties:2022:werkplaats',
				atelier_id: null,
				action: 'update',
				before: { indicator: 'publicaties', year: 2022, target: 8 },
				after: { indicator: 'publicaties', year: 2022, target: 10 }
			},
			{
				actor_id: boss,
				entity_id: 'publicaties:2022:werkplaats',
				atelier_id: null,
				action: 'delete',
				before: { indicator: 'publicaties', year: 2022, target: 10 },
				after: null
			}
		]);
	});
});
