import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../src/lib/server/auth/guards';
import type { DbHandle } from '../src/lib/server/db/connect';
import { ValidationError } from '../src/lib/server/errors';
import { actingAs, expectRefused, recordsFixture, type RecordsFixture } from './helpers/records';
import { createTestDb } from './helpers/test-db';

describe('quarter workflow', () => {
	let handle: DbHandle;
	let f: RecordsFixture;
	const ref = (quarter = '2024Q1') => ({ atelierId: f.atelierId, quarter });
	/** The service and the workflow as `who` calls them on a quarter of the fixture's atelier. */
	const asUser = (who: SessionUser, quarter = '2024Q1') => actingAs(handle.db, who, ref(quarter));
	const report = (quarter = '2024Q1') =>
		handle.db
			.selectFrom('quarter_reports')
			.selectAll()
			.where('atelier_id', '=', f.atelierId)
			.where('quarter', '=', quarter)
			.executeTakeFirstOrThrow();
	beforeAll(async () => {
		handle = await createTestDb();
		f = await recordsFixture(handle.db, 'w');
	});
	afterAll(async () => handle?.close());

	it('refuses to submit an empty quarter unless "geen activiteiten" is marked', async () => {
		const kartrekker = asUser(f.kartrekker, '2024Q2');
		await expectRefused(kartrekker.transition('submit', { version: 1 }), 400, /geen activiteiten/);
		// nothing was kept of the refused attempt
		expect(
			await handle.db
				.selectFrom('quarter_reports')
				.select('id')
				.where('quarter', '=', '2024Q2')
				.execute()
		).toEqual([]);
		await kartrekker.saveDetails(1, { no_activities: 'on' });
		const done = await kartrekker.transition('submit', { version: 2 });
		expect(done.status).toBe('ingediend');
	});

	it('concept -> ingediend -> teruggestuurd -> concept -> ingediend -> goedgekeurd -> concept', async () => {
		const kartrekker = asUser(f.kartrekker);
		const boss = asUser(f.boss);
		const id = await kartrekker.add('highlight', { title: 'Trots' });
		await kartrekker.saveDetails(1, { network_members: '40' });
		let r = await report();
		expect(r.network_members).toBe(40);
		// only management approves, returns or reopens
		for (const kind of ['approve', 'return', 'reopen'] as const)
			await expectRefused(kartrekker.transition(kind, { version: r.version, comment: 'x' }), 403);
		// a stale version is refused
		await expectRefused(kartrekker.transition('submit', { version: r.version - 1 }), 409);
		r = await kartrekker.transition('submit', { version: r.version });
		expect(r.status).toBe('ingediend');

		// a submitted quarter cannot be changed by the kartrekker: the service refuses
		await expectRefused(kartrekker.add('highlight', { title: 'Nog een' }), 409, /ingediend/);
		await expectRefused(
			kartrekker.update('highlight', { id, version: 1 }, { title: 'Anders' }),
			409
		);
		await expectRefused(kartrekker.remove('highlight', { id, version: 1 }), 409);
		await expectRefused(kartrekker.saveDetails(r.version, { network_members: '1' }), 409);
		await expectRefused(kartrekker.transition('submit', { version: r.version }), 409);
		await expectRefused(boss.transition('reopen', { version: r.version, comment: 'x' }), 409);

		// returning needs a comment
		await expect(
			boss.transition('return', { version: r.version, comment: ' ' })
		).rejects.toBeInstanceOf(ValidationError);
		r = await boss.transition('return', { version: r.version, comment: 'Vul de deelnemers aan.' });
		expect(r.status).toBe('teruggestuurd');
		expect(r.return_comment).toBe('Vul de deelnemers aan.');
		await expectRefused(boss.transition('approve', { version: r.version }), 409);

		// editing a returned report makes it a concept again
		await kartrekker.update('highlight', { id, version: 1 }, { title: 'Trots, aangevuld' });
		r = await report();
		expect(r.status).toBe('concept');
		r = await kartrekker.transition('submit', { version: r.version });
		r = await boss.transition('approve', { version: r.version });
		expect(r.status).toBe('goedgekeurd');
		expect(r.return_comment).toBeNull();

		// approved = locked, for the kartrekker and for management
		await expectRefused(kartrekker.add('highlight', { title: 'x' }), 409, /goedgekeurd/);
		await expectRefused(boss.add('highlight', { title: 'x' }), 409);
		await expect(
			boss.transition('reopen', { version: r.version, comment: '' })
		).rejects.toBeInstanceOf(ValidationError);
		r = await boss.transition('reopen', { version: r.version, comment: 'Cijfer gecorrigeerd' });
		expect(r.status).toBe('concept');

		const history = await handle.db
			.selectFrom('report_status_history')
			.selectAll()
			.where('report_id', '=', r.id)
			.orderBy('id')
			.execute();
		expect(history.map((h) => `${h.from_status ?? '-'}>${h.to_status}`)).toEqual([
			'->concept',
			'concept>ingediend',
			'ingediend>teruggestuurd',
			'teruggestuurd>concept',
			'concept>ingediend',
			'ingediend>goedgekeurd',
			'goedgekeurd>concept'
		]);
		expect(history.at(-1)?.comment).toBe('Cijfer gecorrigeerd');
		expect(history.at(-1)?.actor_user_id).toBe(f.boss.id);
		const audit = await handle.db
			.selectFrom('audit_log')
			.select('action')
			.where('entity', '=', 'quarter_report')
			.where('entity_id', '=', String(r.id))
			.orderBy('id')
			.execute();
		expect(audit.map((a) => a.action)).toEqual([
			'create',
			'update',
			'submit',
			'return',
			'edit_returned',
			'submit',
			'approve',
			'reopen'
		]);
	});

	it('refuses other ateliers, and the council, every transition', async () => {
		for (const who of [f.outsider, f.council])
			for (const kind of ['submit', 'approve', 'return', 'reopen'] as const)
				await expectRefused(
					asUser(who, '2024Q3').transition(kind, { version: 1, comment: 'x' }),
					403
				);
	});
});
