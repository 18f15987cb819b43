import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../src/lib/server/db/connect';
import { ActionError, ValidationError } from '../src/lib/server/errors';
import { quarterPage } from '../src/lib/server/records/quarter-page';
import { saveRecord, saveReportDetails } from '../src/lib/server/records/service';
import {
	addToRoster,
	listRoster,
	NUMBER_NAME_MISMATCH,
	removeFromRoster
} from '../src/lib/server/records/students';
import { recordsFixture, type RecordsFixture } from './helpers/records';
import { createTestDb } from './helpers/test-db';

describe('student roster and report details', () => {
	let handle: DbHandle;
	let f: RecordsFixture;
	beforeAll(async () => {
		handle = await createTestDb();
		f = await recordsFixture(handle.db, 's');
	});
	afterAll(async () => handle?.close());

	it('validates name and student number, and links a known student number', async () => {
		const empty = await addToRoster(handle.db, f.kartrekker, f.atelierId, {
			display_name: ' '
		}).catch((e) => e);
		expect((empty as ValidationError).errors.display_name).toMatch(/Vul een naam/);
		const bad = await addToRoster(handle.db, f.kartrekker, f.atelierId, {
			display_name: 'Bo',
			student_number: 'a b'
		}).catch((e) => e);
		expect((bad as ValidationError).errors.student_number).toMatch(/letters, cijfers/);
		const twice = await addToRoster(handle.db, f.kartrekker, f.atelierId, {
			display_name: 'Sanne',
			student_number: 's123'
		}).catch((e) => e);
		expect((twice as ValidationError).errors.student_number).toMatch(/al in het overzicht/);
		// a known student number with another name links nothing and names nobody (issue 13)
		const guessed = await addToRoster(handle.db, f.boss, f.otherAtelierId, {
			display_name: 'S.',
			student_number: 's123'
		}).catch((e) => e);
		expect((guessed as ValidationError).errors).toEqual({ student_number: NUMBER_NAME_MISMATCH });
		expect(JSON.stringify((guessed as ValidationError).errors)).not.toMatch(/Sanne/);
		expect(await listRoster(handle.db, f.otherAtelierId)).toEqual([]);
		// the same number with the same name (spacing and case aside) links the existing student
		const id = await addToRoster(handle.db, f.boss, f.otherAtelierId, {
			display_name: ' sanne ',
			student_number: 's123'
		});
		expect((await listRoster(handle.db, f.atelierId)).map((s) => s.id)).toContain(id);
		const linkedAudit = await handle.db
			.selectFrom('audit_log')
			.select('after')
			.where('entity', '=', 'atelier_student')
			.where('atelier_id', '=', f.otherAtelierId)
			.executeTakeFirstOrThrow();
		expect(linkedAudit.after).toMatchObject({
			student_id: id,
			display_name: 'Sanne',
			student_number: 's123',
			linked_existing: true
		});
		const other = await addToRoster(handle.db, f.kartrekker, f.otherAtelierId, {
			display_name: 'X'
		}).catch((e) => e);
		expect((other as ActionError).status).toBe(403);
	});

	it('keeps a student with participations on the roster, removes one without', async () => {
		const [sanne] = await listRoster(handle.db, f.atelierId);
		await saveRecord(
			handle.db,
			f.kartrekker,
			{ atelierId: f.atelierId, quarter: '2024Q1' },
			'student',
			{ id: null, version: null },
			{ student: `#${sanne.id}`, activity: 'onderzoek' }
		);
		expect((await listRoster(handle.db, f.atelierId))[0].participations).toBe(1);
		const kept = await removeFromRoster(handle.db, f.kartrekker, f.atelierId, sanne.id).catch(
			(e) => e
		);
		expect((kept as ActionError).status).toBe(409);
		const bo = await addToRoster(handle.db, f.kartrekker, f.atelierId, { display_name: 'Bo' });
		await removeFromRoster(handle.db, f.kartrekker, f.atelierId, bo);
		expect((await listRoster(handle.db, f.atelierId)).map((s) => s.displayName)).toEqual(['Sanne']);
		const audit = await handle.db
			.selectFrom('audit_log')
			.select('action')
			.where('entity', '=', 'atelier_student')
			.where('entity_id', '=', String(bo))
			.orderBy('id')
			.execute();
		expect(audit.map((a) => a.action)).toEqual(['create', 'delete']);
	});

	it('shows a participation with its student name to the atelier and management only', async () => {
		const ref = { atelierId: f.atelierId, quarter: '2024Q1' };
		await handle.db
			.updateTable('quarter_reports')
			.set({ status: 'goedgekeurd' })
			.where('atelier_id', '=', f.atelierId)
			.where('quarter', '=', '2024Q1')
			.execute();
		const atelier = { id: f.atelierId, slug: 's-a', name: 'Atelier s-a' };
		const page = (user: typeof f.council) => quarterPage(handle.db, { user, ref, atelier });
		for (const reader of [f.kartrekker, f.boss]) {
			const shown = await page(reader);
			expect(shown.records.student.map((r) => r.summary)).toEqual(['Sanne: onderzoek']);
		}
		const council = await page(f.council);
		expect(council.records.student.map((r) => r.summary)).toEqual(['(afgeschermd): onderzoek']);
		expect(JSON.stringify(council)).not.toMatch(/Sanne|s123/);
		await handle.db
			.updateTable('quarter_reports')
			.set({ status: 'concept' })
			.where('atelier_id', '=', f.atelierId)
			.where('quarter', '=', '2024Q1')
			.execute();
	});

	it('validates the network members figure and refuses a stale report version', async () => {
		const ref = { atelierId: f.atelierId, quarter: '2024Q1' };
		for (const bad of ['-1', '3.5', 'veel']) {
			const e = await saveReportDetails(handle.db, f.kartrekker, ref, 1, {
				network_members: bad
			}).catch((x) => x);
			expect((e as ValidationError).errors.network_members).toMatch(/geheel getal/);
		}
		await saveReportDetails(handle.db, f.kartrekker, ref, 1, { network_members: '12' });
		const stale = await saveReportDetails(handle.db, f.kartrekker, ref, 1, {
			network_members: '13'
		}).catch((x) => x);
		expect((stale as ActionError).status).toBe(409);
		const report = await handle.db
			.selectFrom('quarter_reports')
			.selectAll()
			.where('atelier_id', '=', f.atelierId)
			.executeTakeFirstOrThrow();
		expect(report.network_members).toBe(12);
	});
});
