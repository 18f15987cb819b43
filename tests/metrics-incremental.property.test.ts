import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../src/lib/server/db/connect';
import type { Database } from '../src/lib/server/db/types';
import { computeMetrics, type MetricsQuery } from '../src/lib/server/metrics/engine';
import { createTestDb } from './helpers/test-db';

// The record triggers keep the summaries incrementally (migration 2026_12_01_2701): sums and
// counts by adding what a statement changed, the distinct bitmaps by setting the ids it adds and
// checking only the ids it removes. After any sequence of edits — single rows and many rows at
// once, inserts, updates that change what is counted or move a record to another report, deletes,
// bulk statements past the point where the trigger recomputes in full — the summaries must equal
// a full recomputation from the records, and so must the engine's numbers.

const SUMMARIES = [
	'metrics_report_activities',
	'metrics_report_publications',
	'metrics_report_reach',
	'metrics_report_sets'
];
// ids on both sides of the bitmap chunk boundaries (4096 ids per chunk)
const STUDENTS = [1, 2, 3, 4095, 4096, 4097, 8191, 8192];
const ORGANISATIONS = [1, 2, 4095, 4096, 9000];
const LOCATIONS = [1, 2, 3, 4096];
const KINDS = ['kennisbijeenkomst', 'workshop', 'symposium'];
const PUBLICATION_KINDS = ['rapport', 'video'];
const QUARTERS = ['2024Q1', '2024Q2'];

async function summaries(db: Kysely<Database>): Promise<string> {
	const parts: unknown[] = [];
	for (const table of SUMMARIES) {
		const { rows } = await sql
			.raw(`select to_jsonb(t)::text as row from ${table} t order by 1`)
			.execute(db);
		parts.push(rows);
	}
	return JSON.stringify(parts);
}

class Rollback extends Error {}

const QUERY: MetricsQuery = {
	from: QUARTERS[0],
	to: QUARTERS[1],
	atelierIds: null,
	scope: 'approved+submitted'
};

/** The stored summaries and engine result, and both after a full recomputation (rolled back). */
async function storedAndRecomputed(db: Kysely<Database>, withEngine: boolean) {
	const stored = await summaries(db);
	const engine = withEngine ? JSON.stringify(await computeMetrics(db, QUERY)) : '';
	let recomputed = '';
	let recomputedEngine = '';
	await db
		.transaction()
		.execute(async (trx) => {
			await sql`select metrics_refresh_report_summaries(array(select id from quarter_reports))`.execute(
				trx
			);
			recomputed = await summaries(trx);
			if (withEngine) recomputedEngine = JSON.stringify(await computeMetrics(trx, QUERY));
			throw new Rollback();
		})
		.catch((error) => {
			if (!(error instanceof Rollback)) throw error;
		});
	return { stored, recomputed, engine, recomputedEngine };
}

const pick = <T>(xs: T[], i: number): T => xs[i % xs.length];

type Op = [kind: number, a: number, b: number, c: number, d: number];

describe('incremental summaries equal a full recomputation', { timeout: 600_000 }, () => {
	let handle: DbHandle;
	let db: Kysely<Database>;
	let reports: number[] = [];

	beforeAll(async () => {
		handle = await createTestDb();
		db = handle.db;
		await sql`insert into ateliers (slug, name, active_from) values
			('a', 'Atelier A', '2024Q1'), ('b', 'Atelier B', '2024Q1')`.execute(db);
		for (const id of STUDENTS)
			await sql`insert into students (id, display_name) values (${id}, ${`Student ${id}`})`.execute(
				db
			);
		for (const id of ORGANISATIONS)
			await sql`insert into organisations (id, name, normalized_name, kind)
				values (${id}, ${`Org ${id}`}, ${`org ${id}`}, 'zorg')`.execute(db);
		for (const id of LOCATIONS)
			await sql`insert into locations (id, municipality, name, kind)
				values (${id}, 'Gemeente', ${`Wijk ${id}`}, 'wijk')`.execute(db);
		await sql`insert into quarter_reports (atelier_id, quarter, status)
			select a.id, q, case when q = '2024Q1' then 'goedgekeurd' else 'ingediend' end
			from ateliers a, unnest(${QUARTERS}::text[]) q`.execute(db);
		reports = (await db.selectFrom('quarter_reports').select('id').orderBy('id').execute()).map(
			(r) => r.id
		);
	});
	afterAll(async () => handle?.close());

	async function ids(table: string): Promise<number[]> {
		const { rows } = await sql<{
			id: number;
		}>`select id from ${sql.table(table)} order by id`.execute(db);
		return rows.map((r) => r.id);
	}

	/** One edit: a single statement on a record table, chosen and parametrised by the numbers. */
	async function apply([kind, a, b, c, d]: Op): Promise<void> {
		const report = pick(reports, a);
		const other = pick(reports, b);
		const location = c % 5 === 4 ? null : pick(LOCATIONS, c);
		switch (kind) {
			case 0: // an activity, with a location or not
			case 1:
				await sql`insert into activities (report_id, date, title, kind, is_public,
						participants_total, participants_professionals, location_id)
					values (${report}, '2024-02-01', 'A', ${pick(KINDS, b)}, ${d % 2 === 0},
						${10 + d}, ${d % 7}, ${location})`.execute(db);
				return;
			case 2: {
				// change what is counted of one activity
				const activity = await ids('activities');
				if (!activity.length) return;
				await sql`update activities set kind = ${pick(KINDS, c)}, is_public = ${d % 3 === 0},
						participants_total = ${d * 3}, participants_professionals = 0,
						location_id = ${location}
					where id = ${pick(activity, b)}`.execute(db);
				return;
			}
			case 3: {
				// move an activity (and its organisations) to another report
				const activity = await ids('activities');
				if (!activity.length) return;
				await sql`update activities set report_id = ${other} where id = ${pick(activity, c)}`.execute(
					db
				);
				return;
			}
			case 4: // many activities at once
				await sql`update activities set location_id = ${location} where report_id = ${report}`.execute(
					db
				);
				return;
			case 5: {
				const activity = await ids('activities');
				if (!activity.length) return;
				await sql`delete from activities where id = ${pick(activity, b)}`.execute(db);
				return;
			}
			case 6: {
				// an organisation named at an activity, or no longer
				const activity = await ids('activities');
				if (!activity.length) return;
				const target = pick(activity, b);
				const org = pick(ORGANISATIONS, c);
				if (d % 2 === 0)
					await sql`insert into activity_organisations (activity_id, organisation_id)
						values (${target}, ${org}) on conflict do nothing`.execute(db);
				else
					await sql`delete from activity_organisations where activity_id = ${target}
						or organisation_id = ${org}`.execute(db);
				return;
			}
			case 7:
				await sql`insert into student_participations (report_id, student_id, activity)
					values (${report}, ${pick(STUDENTS, c)}, 'stage')`.execute(db);
				return;
			case 8: {
				const rows = await ids('student_participations');
				if (!rows.length) return;
				const row = pick(rows, b);
				if (d % 3 === 0)
					await sql`update student_participations set student_id = ${pick(STUDENTS, c)}
						where id = ${row}`.execute(db);
				else if (d % 3 === 1)
					await sql`update student_participations set report_id = ${other} where id = ${row}`.execute(
						db
					);
				else await sql`delete from student_participations where id = ${row}`.execute(db);
				return;
			}
			case 9: // past the bulk limit: hundreds of rows in one statement, then all gone again
				await sql`insert into student_participations (report_id, student_id, activity)
					select ${report}, (${STUDENTS}::int[])[1 + i % ${STUDENTS.length}], 'stage'
					from generate_series(1, 250) i`.execute(db);
				if (d % 2 === 0)
					await sql`delete from student_participations where report_id = ${report}`.execute(db);
				return;
			case 10: {
				const org = pick(ORGANISATIONS, c);
				if (d % 3 === 0)
					await sql`insert into partner_involvements (report_id, organisation_id)
						values (${report}, ${org}) on conflict do nothing`.execute(db);
				else if (d % 3 === 1)
					await sql`delete from partner_involvements where organisation_id = ${org}`.execute(db);
				else
					await sql`update partner_involvements set organisation_id = ${org}
						where report_id = ${report} and not exists (select 1 from partner_involvements p
							where p.report_id = ${report} and p.organisation_id = ${org})
						and id = (select min(id) from partner_involvements where report_id = ${report})`.execute(db);
				return;
			}
			case 11: {
				const place = pick(LOCATIONS, c);
				if (d % 3 === 0)
					await sql`insert into reach (report_id, location_id, resident_conversations)
						values (${report}, ${place}, ${d}) on conflict do nothing`.execute(db);
				else if (d % 3 === 1)
					await sql`update reach set resident_conversations = ${d * 2}, location_id = ${place}
						where report_id = ${report} and not exists (select 1 from reach r
							where r.report_id = ${report} and r.location_id = ${place})`.execute(db);
				else await sql`delete from reach where location_id = ${place}`.execute(db);
				return;
			}
			default: {
				// publications: add, change kind or move, delete
				if (d % 3 === 0)
					await sql`insert into publications (report_id, date, title, kind)
						values (${report}, '2024-03-01', 'P', ${pick(PUBLICATION_KINDS, c)})`.execute(db);
				else if (d % 3 === 1)
					await sql`update publications set kind = ${pick(PUBLICATION_KINDS, c)},
						report_id = ${other} where report_id = ${report}`.execute(db);
				else await sql`delete from publications where report_id = ${report}`.execute(db);
			}
		}
	}

	it('after random edits of every kind, one statement at a time', async () => {
		const op = fc.tuple(
			fc.integer({ min: 0, max: 12 }),
			fc.nat(20),
			fc.nat(20),
			fc.nat(20),
			fc.nat(20)
		);
		await fc.assert(
			fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
				await sql`truncate activity_organisations, activities, student_participations,
					partner_involvements, publications, reach`.execute(db);
				for (const [i, step] of ops.entries()) {
					await apply(step);
					const last = i === ops.length - 1;
					const now = await storedAndRecomputed(db, last);
					expect(now.stored, `na stap ${i}: ${JSON.stringify(step)}`).toBe(now.recomputed);
					if (last) expect(now.engine).toBe(now.recomputedEngine);
				}
			}),
			{ numRuns: 40 }
		);
	});

	it('the summaries are not empty: the edits reach them', async () => {
		await sql`truncate activity_organisations, activities, student_participations,
			partner_involvements, publications, reach`.execute(db);
		for (const step of [
			[0, 0, 0, 0, 0],
			[7, 0, 0, 3, 0],
			[10, 0, 0, 1, 0],
			[11, 0, 0, 0, 3],
			[12, 0, 0, 0, 0]
		] as Op[])
			await apply(step);
		const { rows } = await sql<{ n: number }>`select
			(select count(*) from metrics_report_activities) + (select count(*) from metrics_report_sets)
			+ (select count(*) from metrics_report_reach)
			+ (select count(*) from metrics_report_publications) as n`.execute(db);
		expect(Number(rows[0].n)).toBeGreaterThanOrEqual(5);
		const now = await storedAndRecomputed(db, true);
		expect(now.stored).toBe(now.recomputed);
		expect(now.engine).toBe(now.recomputedEngine);
	});
});
