import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../src/lib/server/db/connect';
import { quarterPage, RECORDS_PAGE_SIZE } from '../src/lib/server/records/quarter-page';
import { saveReportDetails } from '../src/lib/server/records/service';
import { recordsFixture, type RecordsFixture } from './helpers/records';
import { createTestDb } from './helpers/test-db';

// Issue 13: a quarter of 11,195 activities gave a 12.4 MB page. The record lists are paged.
describe('the quarter page pages its record lists', () => {
	let handle: DbHandle;
	let f: RecordsFixture;
	const ref = () => ({ atelierId: f.atelierId, quarter: '2024Q1' });
	const page = (pages = {}) =>
		quarterPage(
			handle.db,
			{ user: f.kartrekker, ref: ref(), atelier: { id: f.atelierId, slug: 'p-a', name: 'A' } },
			pages
		);

	beforeAll(async () => {
		handle = await createTestDb();
		f = await recordsFixture(handle.db, 'p');
		await saveReportDetails(handle.db, f.kartrekker, ref(), 1, { network_members: '3' });
		await sql`insert into activities (report_id, date, title, kind, is_public, participants_total)
			select r.id, '2024-02-01', 'Bijeenkomst ' || lpad(i::text, 3, '0'), 'workshop', false, 5
			from quarter_reports r, generate_series(1, 250) i
			where r.atelier_id = ${f.atelierId} and r.quarter = '2024Q1'`.execute(handle.db);
	});
	afterAll(async () => handle?.close());

	it(`shows ${RECORDS_PAGE_SIZE} records per page, the total, and the page asked for`, async () => {
		const first = await page();
		expect(first.records.activity).toHaveLength(RECORDS_PAGE_SIZE);
		expect(first.paging.activity).toEqual({ page: 1, pages: 3, total: 250, size: 100 });
		expect(first.records.activity[0].values.title).toBe('Bijeenkomst 001');
		const last = await page({ activity: 3 });
		expect(last.records.activity).toHaveLength(50);
		expect(last.records.activity.at(-1)?.values.title).toBe('Bijeenkomst 250');
		// a page past the end shows the last one; the other lists stay on their first page
		const beyond = await page({ activity: 99 });
		expect(beyond.paging.activity.page).toBe(3);
		expect(beyond.paging.highlight).toEqual({ page: 1, pages: 1, total: 0, size: 100 });
	});
});
