import { describe, expect, it } from 'vitest';
import { myAteliers } from '../src/lib/server/ateliers/mine';
import {
	getWerkplaatsSettings,
	writeWerkplaatsSettings
} from '../src/lib/server/settings/werkplaats';
import { quarterDueDate } from '../src/lib/quarters';
import { sessionUser, useDemoDb } from './helpers/demo-db';

// "Mijn ateliers": each tile names the quarter to hand in next with its due date, from the
// werkplaats's due months (the same date as the quarter page and the reminders).

describe('Mijn ateliers: the next quarter to hand in and its due date', () => {
	const demo = useDemoDb();

	async function kartrekkerOf(slug: string) {
		const atelier = await demo.db
			.selectFrom('ateliers')
			.select('id')
			.where('slug', '=', slug)
			.executeTakeFirstOrThrow();
		return sessionUser('kartrekker', [atelier.id]);
	}

	it('is the oldest quarter not handed in, with the due date of the settings', async () => {
		const user = await kartrekkerOf('kansrijk-met-jeugd');
		const { quarterDueMonths } = await getWerkplaatsSettings(demo.db);
		// January 2024: K1-K2 2023 approved, K3 submitted, K4 a concept
		const [tile] = await myAteliers(demo.db, user, '2024-01-15');
		expect(tile.slug).toBe('kansrijk-met-jeugd');
		expect(tile.due).toMatchObject({
			quarter: '2023Q4',
			state: 'concept',
			dueDate: quarterDueDate('2023Q4', quarterDueMonths),
			overdue: false
		});
		const [late] = await myAteliers(demo.db, user, '2024-03-01');
		// K4 2023 is still a concept, and older than the running K1 2024
		expect(late.due).toMatchObject({ quarter: '2023Q4', overdue: true });
	});

	it('follows a change of the due months', async () => {
		const user = await kartrekkerOf('kansrijk-met-jeugd');
		const before = (await myAteliers(demo.db, user, '2024-01-15'))[0].due!.dueDate;
		const { quarterDueMonths, version } = await getWerkplaatsSettings(demo.db);
		await writeWerkplaatsSettings(demo.db, { quarterDueMonths: quarterDueMonths + 1 }, version + 1);
		const after = (await myAteliers(demo.db, user, '2024-01-15'))[0].due!.dueDate;
		expect(after).toBe(quarterDueDate('2023Q4', quarterDueMonths + 1));
		expect(after > before).toBe(true);
	});

	it('is the running quarter when nothing before it is open, a missing one once it ended', async () => {
		// over-leven-armoede: K1-K2 2023 approved, K3 submitted, no report for K4 2023
		const user = await kartrekkerOf('over-leven-armoede');
		const [running] = await myAteliers(demo.db, user, '2023-11-10');
		expect(running.due).toMatchObject({ quarter: '2023Q4', state: 'lopend', overdue: false });
		const [missing] = await myAteliers(demo.db, user, '2024-04-10');
		expect(missing.due).toMatchObject({ quarter: '2023Q4', state: 'ontbreekt', overdue: true });
	});

	it('is nothing when every quarter is handed in', async () => {
		// veerkracht-en-onmacht: K1-K3 2023 approved; in August 2023 K3 runs but is in already
		const user = await kartrekkerOf('veerkracht-en-onmacht');
		const [tile] = await myAteliers(demo.db, user, '2023-08-15');
		expect(tile.quarters.map((q) => q.state)).toEqual([
			'goedgekeurd',
			'goedgekeurd',
			'goedgekeurd'
		]);
		expect(tile.due).toBeNull();
	});
});
