import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAtelierOverview } from '../src/lib/server/ateliers/overview';
import type { DbHandle } from '../src/lib/server/db/connect';
import { createTestDb } from './helpers/test-db';

describe('atelier overview', () => {
	let handle: DbHandle;
	beforeAll(async () => {
		handle = await createTestDb();
		const db = handle.db;
		const [oud] = await db
			.insertInto('ateliers')
			.values({
				slug: 'oud',
				name: 'Oud',
				active_from: '2020Q1',
				active_to: '2020Q4',
				predecessor_id: null
			})
			.returning('id')
			.execute();
		const [nieuw] = await db
			.insertInto('ateliers')
			.values({
				slug: 'nieuw',
				name: 'Nieuw',
				active_from: '2021Q1',
				active_to: null,
				predecessor_id: oud.id
			})
			.returning('id')
			.execute();
		await db
			.insertInto('ateliers')
			.values({
				slug: 'later',
				name: 'Later',
				active_from: '2023Q1',
				active_to: null,
				predecessor_id: null
			})
			.execute();
		const users = await db
			.insertInto('app_users')
			.values([
				{ name: 'Kees Kartrekker', email: 'kees@voorbeeld.nl', role: 'kartrekker' },
				{ name: 'Oud Account', email: 'oud@voorbeeld.nl', role: 'kartrekker', active: false },
				{ name: 'Mia Management', email: 'mia@voorbeeld.nl', role: 'management' }
			])
			.returning('id')
			.execute();
		await db
			.insertInto('atelier_assignments')
			.values(users.map((u) => ({ atelier_id: nieuw.id, user_id: u.id })))
			.execute();
		await db
			.insertInto('quarter_reports')
			.values([
				{
					atelier_id: oud.id,
					quarter: '2020Q4',
					status: 'goedgekeurd',
					network_members: 10,
					return_comment: null
				},
				{
					atelier_id: nieuw.id,
					quarter: '2021Q1',
					status: 'ingediend',
					network_members: null,
					return_comment: null
				},
				{
					atelier_id: nieuw.id,
					quarter: '2021Q2',
					status: 'teruggestuurd',
					network_members: null,
					return_comment: 'Aanvullen'
				}
			])
			.execute();
	});
	afterAll(async () => handle?.close());

	it('lists the ateliers active in the range, with lineage and active kartrekkers only', async () => {
		const rows = await listAtelierOverview(
			handle.db,
			{ startQuarter: '2020Q3', endQuarter: '2021Q3' },
			{ today: '2021-08-15', dueMonths: 1 }
		);
		expect(rows.map((r) => r.slug)).toEqual(['nieuw', 'oud']);
		const [nieuw, oud] = rows;
		expect(nieuw.predecessor).toEqual({ slug: 'oud', name: 'Oud' });
		expect(oud.successors).toEqual([{ slug: 'nieuw', name: 'Nieuw' }]);
		expect(nieuw.kartrekkers).toEqual(['Kees Kartrekker']);
		expect(oud.kartrekkers).toEqual([]);
	});

	it('gives every quarter a state: reported, missing, running or inactive, and marks overdue ones', async () => {
		const [nieuw, oud] = await listAtelierOverview(
			handle.db,
			{ startQuarter: '2020Q3', endQuarter: '2021Q3' },
			{ today: '2021-08-15', dueMonths: 1 }
		);
		expect(oud.quarters.map((q) => [q.quarter, q.state, q.overdue])).toEqual([
			['2020Q3', 'ontbreekt', true],
			['2020Q4', 'goedgekeurd', false],
			['2021Q1', 'inactief', false],
			['2021Q2', 'inactief', false],
			['2021Q3', 'inactief', false]
		]);
		expect(nieuw.quarters.map((q) => [q.quarter, q.state, q.overdue])).toEqual([
			['2020Q3', 'inactief', false],
			['2020Q4', 'inactief', false],
			['2021Q1', 'ingediend', false],
			// returned on 2021Q2 and due 2021-07-31: overdue on 15 August
			['2021Q2', 'teruggestuurd', true],
			['2021Q3', 'lopend', false]
		]);
		expect(nieuw.quarters[3].dueDate).toBe('2021-07-31');
	});

	it('returns nothing for a range in which no atelier was active', async () => {
		expect(
			await listAtelierOverview(
				handle.db,
				{ startQuarter: '2010Q1', endQuarter: '2010Q4' },
				{ today: '2021-08-15', dueMonths: 1 }
			)
		).toEqual([]);
	});
});
