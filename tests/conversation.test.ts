import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../src/lib/server/db/connect';
import {
	COMMENT_MAX,
	loadThread,
	postComment,
	resolveComment
} from '../src/lib/server/review/conversation';
import {
	actingAs,
	expectRefused,
	fieldErrors,
	recordsFixture,
	type RecordsFixture
} from './helpers/records';
import { createTestDb } from './helpers/test-db';

describe('the conversation on a quarter', () => {
	let handle: DbHandle;
	let f: RecordsFixture;
	const ref = { atelierId: 0, quarter: '2024Q1' };
	const report = () =>
		handle.db
			.selectFrom('quarter_reports')
			.selectAll()
			.where('atelier_id', '=', f.atelierId)
			.where('quarter', '=', '2024Q1')
			.executeTakeFirstOrThrow();
	const comments = () =>
		handle.db.selectFrom('report_comments').selectAll().orderBy('id').execute();
	beforeAll(async () => {
		handle = await createTestDb();
		f = await recordsFixture(handle.db, 'c');
		ref.atelierId = f.atelierId;
	});
	afterAll(async () => handle?.close());

	it('takes comments on the quarter and on one of its records, from both sides', async () => {
		const k = actingAs(handle.db, f.kartrekker, ref);
		const activity = await k.add('highlight', { title: 'Wijkfeest' });
		const onQuarter = await postComment(handle.db, f.kartrekker, ref, {
			body: '  Graag even kijken.  '
		});
		const onRecord = await postComment(handle.db, f.boss, ref, {
			body: 'Klopt dit aantal deelnemers?',
			record: `highlight-${activity}`
		});
		const rows = await comments();
		expect(rows.map((c) => [c.id, c.body, c.record_type, c.record_id])).toEqual([
			[onQuarter, 'Graag even kijken.', null, null],
			[onRecord, 'Klopt dit aantal deelnemers?', 'highlight', activity]
		]);
		const audit = await handle.db
			.selectFrom('audit_log')
			.select(['entity_id', 'action', 'actor_id'])
			.where('entity', '=', 'report_comment')
			.execute();
		expect(audit).toHaveLength(2);
	});

	it('refuses an empty or too long comment, and a record that is not in this quarter', async () => {
		const before = await comments();
		expect(
			(await fieldErrors(postComment(handle.db, f.kartrekker, ref, { body: '   ' }))).body
		).toMatch(/Schrijf een opmerking/);
		expect(
			(
				await fieldErrors(
					postComment(handle.db, f.kartrekker, ref, { body: 'x'.repeat(COMMENT_MAX + 1) })
				)
			).body
		).toMatch(/hooguit 2000 tekens/);
		// a record of another atelier (guessed id) is refused
		const foreign = await actingAs(handle.db, f.boss, {
			atelierId: f.otherAtelierId,
			quarter: '2024Q1'
		}).add('highlight', { title: 'Van een ander atelier' });
		await expectRefused(
			postComment(handle.db, f.kartrekker, ref, { body: 'Hallo', record: `highlight-${foreign}` }),
			404,
			/hoort niet bij dit kwartaal/
		);
		await fieldErrors(
			postComment(handle.db, f.kartrekker, ref, { body: 'Hallo', record: 'tabel-1' })
		);
		expect(await comments()).toEqual(before);
	});

	it('is closed to the council and to kartrekkers of other ateliers', async () => {
		const before = await comments();
		await expectRefused(postComment(handle.db, f.council, ref, { body: 'Mag ik meepraten?' }), 403);
		await expectRefused(postComment(handle.db, f.outsider, ref, { body: 'En ik?' }), 403);
		const r = await report();
		await expectRefused(loadThread(handle.db, f.council, r), 403);
		await expectRefused(loadThread(handle.db, f.outsider, r), 403);
		const [first] = before;
		await expectRefused(resolveComment(handle.db, f.council, ref, first.id, true), 403);
		expect(await comments()).toEqual(before);
	});

	it('shows the return comment and the reopen reason in the same thread, and can be resolved', async () => {
		const k = actingAs(handle.db, f.kartrekker, ref);
		const boss = actingAs(handle.db, f.boss, ref);
		let r = await k.transition('submit', { version: (await report()).version });
		r = await boss.transition('return', { version: r.version, comment: 'Vul de deelnemers aan.' });
		r = await k.transition('submit', { version: r.version });
		r = await boss.transition('approve', { version: r.version });
		await boss.transition('reopen', { version: r.version, comment: 'Het citaat ontbreekt.' });
		const thread = await loadThread(handle.db, f.kartrekker, await report());
		expect(thread.map((e) => [e.kind, e.body])).toEqual([
			['comment', 'Graag even kijken.'],
			['comment', 'Klopt dit aantal deelnemers?'],
			['return', 'Vul de deelnemers aan.'],
			['reopen', 'Het citaat ontbreekt.']
		]);
		const [first] = thread;
		await resolveComment(handle.db, f.kartrekker, ref, first.id, true);
		let again = await loadThread(handle.db, f.boss, await report());
		expect(again[0].resolved?.by).toBe('ck'); // the kartrekker's name in app_users
		await resolveComment(handle.db, f.boss, ref, first.id, false);
		again = await loadThread(handle.db, f.boss, await report());
		expect(again[0].resolved).toBeNull();
		// a comment id of another quarter is not found here
		await expectRefused(
			resolveComment(
				handle.db,
				f.boss,
				{ atelierId: f.atelierId, quarter: '2024Q2' },
				first.id,
				true
			),
			404
		);
	});
});
