import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../seeds/demo';
import type { DbHandle } from '../src/lib/server/db/connect';
import { migrateDownThrough, migrateToLatest } from '../src/lib/server/db/migrate';
import type { Database } from '../src/lib/server/db/types';
import { computeMetrics } from '../src/lib/server/metrics/engine';
import { waitFor } from './helpers/wait-for';
import { createTestDb, usingPostgres } from './helpers/test-db';

// The per-report summaries (migration 2026_11_30_0300) are kept by triggers. After every kind of
// write they must equal a recomputation from the records, and the engine's numbers must equal
// counts taken straight from the records.

const TABLES = [
	'metrics_report_activities',
	'metrics_report_publications',
	'metrics_report_reach',
	'metrics_report_sets'
];

async function summaries(db: Kysely<Database>): Promise<string> {
	const parts: unknown[] = [];
	for (const table of TABLES) {
		const { rows } = await sql
			.raw(`select to_jsonb(t)::text as row from ${table} t order by 1`)
			.execute(db);
		parts.push(rows);
	}
	return JSON.stringify(parts);
}

/** The stored summaries, and what a full recomputation gives (rolled back). */
async function storedAndRecomputed(db: Kysely<Database>) {
	const stored = await summaries(db);
	let recomputed = '';
	await db
		.transaction()
		.execute(async (trx) => {
			await sql`select metrics_refresh_reports(array(select id from quarter_reports))`.execute(trx);
			recomputed = await summaries(trx);
			throw new Rollback();
		})
		.catch((error) => {
			if (!(error instanceof Rollback)) throw error;
		});
	return { stored, recomputed };
}
class Rollback extends Error {}

/** Distinct counts and sums for one report, straight from the records. */
async function fromRecords(db: Kysely<Database>, reportId: number) {
	const { rows } = await sql<Record<string, string>>`
		select
			(select count(*) from activities where report_id = ${reportId}) as bijeenkomsten,
			(select coalesce(sum(participants_total), 0) from activities where report_id = ${reportId})
				as deelnemers,
			(select count(distinct student_id) from student_participations where report_id = ${reportId})
				as actieve_studenten,
			(select count(distinct o) from (
				select organisation_id as o from partner_involvements where report_id = ${reportId}
				union all select ao.organisation_id from activity_organisations ao
				join activities a on a.id = ao.activity_id where a.report_id = ${reportId}) x)
				as partnerorganisaties,
			(select count(distinct l) from (
				select location_id as l from activities where report_id = ${reportId}
				union all select location_id from reach where report_id = ${reportId}) x)
				as wijken_stadsdelen,
			(select coalesce(sum(resident_conversations), 0) from reach where report_id = ${reportId})
				as gesprekken_bewoners,
			(select count(*) from publications where report_id = ${reportId}) as publicaties`.execute(db);
	return Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)]));
}

describe('per-report summaries of the engine', () => {
	let handle: DbHandle;
	let db: Kysely<Database>;
	let report: { id: number; atelier_id: number; quarter: string };
	let other: { id: number; atelier_id: number; quarter: string };

	/** The engine's numbers for one report's atelier and quarter (approved and submitted). */
	async function engineFor(r: { atelier_id: number; quarter: string }) {
		const m = await computeMetrics(db, {
			from: r.quarter,
			to: r.quarter,
			atelierIds: [r.atelier_id],
			scope: 'approved+submitted'
		});
		const t = m.total;
		return {
			bijeenkomsten: t.bijeenkomsten,
			deelnemers: t.deelnemers,
			actieve_studenten: t.actieve_studenten,
			partnerorganisaties: t.partnerorganisaties,
			wijken_stadsdelen: t.wijken_stadsdelen,
			gesprekken_bewoners: t.gesprekken_bewoners,
			publicaties: t.publicaties
		};
	}

	async function expectConsistent() {
		const { stored, recomputed } = await storedAndRecomputed(db);
		expect(stored).toBe(recomputed);
		for (const r of [report, other])
			expect(await engineFor(r)).toEqual(await fromRecords(db, r.id));
	}

	beforeAll(async () => {
		handle = await createTestDb();
		db = handle.db;
		await seedDemo(db);
		const reports = await db
			.selectFrom('quarter_reports')
			.select(['id', 'atelier_id', 'quarter'])
			.where('status', 'in', ['goedgekeurd', 'ingediend'])
			.where(({ exists, selectFrom }) =>
				exists(
					selectFrom('activities').select('id').whereRef('report_id', '=', 'quarter_reports.id')
				)
			)
			.orderBy('id')
			.execute();
		report = reports[0];
		other = reports.find((r) => r.atelier_id !== report.atelier_id)!;
	});
	afterAll(async () => handle?.close());

	it('holds the demo after seeding', async () => {
		expect(
			Number(
				(await sql<{ n: string }>`select count(*) as n from metrics_report_sets`.execute(db))
					.rows[0].n
			)
		).toBeGreaterThan(0);
		await expectConsistent();
	});

	it('follows inserts, updates, moves and deletes of records', async () => {
		const location = await db
			.insertInto('locations')
			.values({ municipality: 'Testgemeente', name: 'Nieuwe wijk', kind: 'wijk' })
			.returning('id')
			.executeTakeFirstOrThrow();
		const organisation = await db
			.insertInto('organisations')
			.values({ name: 'Nieuwe partner', normalized_name: 'nieuwe partner', kind: 'zorg' })
			.returning('id')
			.executeTakeFirstOrThrow();
		const before = await fromRecords(db, report.id);
		const activity = await db
			.insertInto('activities')
			.values({
				report_id: report.id,
				date: `${report.quarter.slice(0, 4)}-0${Number(report.quarter.slice(5)) * 3 - 2}-15`,
				title: 'Extra bijeenkomst',
				kind: 'kennisbijeenkomst',
				is_public: true,
				participants_total: 40,
				location_id: location.id
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await db
			.insertInto('activity_organisations')
			.values({ activity_id: activity.id, organisation_id: organisation.id })
			.execute();
		const after = await fromRecords(db, report.id);
		expect(after.bijeenkomsten).toBe(before.bijeenkomsten + 1);
		expect(after.wijken_stadsdelen).toBe(before.wijken_stadsdelen + 1);
		expect(after.partnerorganisaties).toBe(before.partnerorganisaties + 1);
		await expectConsistent();

		await db
			.updateTable('activities')
			.set({ participants_total: 7, kind: 'workshop' })
			.where('id', '=', activity.id)
			.execute();
		await expectConsistent();

		// moved to another report: both reports change
		await db
			.updateTable('activities')
			.set({ report_id: other.id })
			.where('id', '=', activity.id)
			.execute();
		expect((await fromRecords(db, report.id)).bijeenkomsten).toBe(before.bijeenkomsten);
		await expectConsistent();

		// deleting the activity also deletes its organisations (cascade)
		await db.deleteFrom('activities').where('id', '=', activity.id).execute();
		await expectConsistent();
		expect(await fromRecords(db, report.id)).toEqual(before);
	});

	it('follows changes of students, partners, reach and publications', async () => {
		const student = await db
			.insertInto('students')
			.values({ display_name: 'Student Samenvatting' })
			.returning('id')
			.executeTakeFirstOrThrow();
		await db
			.insertInto('student_participations')
			.values({ report_id: report.id, student_id: student.id, activity: 'stage' })
			.execute();
		await expectConsistent();
		await db.deleteFrom('student_participations').where('student_id', '=', student.id).execute();
		await expectConsistent();

		// an organisation merged into another: the involvement points to the surviving one
		const involvement = await db
			.selectFrom('partner_involvements')
			.select(['id', 'report_id'])
			.orderBy('id')
			.executeTakeFirst();
		if (involvement) {
			const target = await db
				.insertInto('organisations')
				.values({ name: 'Fusiepartner', normalized_name: 'fusiepartner', kind: 'welzijn' })
				.returning('id')
				.executeTakeFirstOrThrow();
			await db
				.updateTable('partner_involvements')
				.set({ organisation_id: target.id })
				.where('id', '=', involvement.id)
				.execute();
			await expectConsistent();
		}

		await db
			.updateTable('reach')
			.set({ resident_conversations: sql`resident_conversations + 3` })
			.execute();
		await db.deleteFrom('publications').where('report_id', '=', report.id).execute();
		await expectConsistent();
	});

	it('follows a truncate', async () => {
		await sql`truncate reach`.execute(db);
		expect(
			Number(
				(await sql<{ n: string }>`select count(*) as n from metrics_report_reach`.execute(db))
					.rows[0].n
			)
		).toBe(0);
		await expectConsistent();
	});

	it.runIf(usingPostgres)('two transactions adding records to one report both count', async () => {
		const students = await db
			.insertInto('students')
			.values([{ display_name: 'Gelijktijdig A' }, { display_name: 'Gelijktijdig B' }])
			.returning('id')
			.execute();
		const before = (await engineFor(report)).actieve_studenten;
		let release!: () => void;
		let inserted!: () => void;
		const firstInserted = new Promise<void>((resolve) => (inserted = resolve));
		const first = db.transaction().execute(async (trx) => {
			await trx
				.insertInto('student_participations')
				.values({ report_id: report.id, student_id: students[0].id, activity: 'stage' })
				.execute();
			inserted();
			await new Promise<void>((resolve) => (release = resolve));
		});
		await firstInserted;
		// the second one waits for the first (in the triggers) and then sees its record too
		const second = db.transaction().execute(async (trx) => {
			await trx
				.insertInto('student_participations')
				.values({ report_id: report.id, student_id: students[1].id, activity: 'stage' })
				.execute();
		});
		// only once the second one is really waiting for the first one's lock
		await waitFor(async () => {
			const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
				where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
			return rows[0].n > 0;
		});
		release();
		await Promise.all([first, second]);
		expect((await engineFor(report)).actieve_studenten).toBe(before + 2);
		await expectConsistent();
	});

	it('migrating up fills the summaries of records that already exist', async () => {
		const filled = await summaries(db);
		const summariesMigration = '2026_11_30_0300_metrics_report_summaries';
		expect((await migrateDownThrough(db, summariesMigration)).at(-1)).toBe(summariesMigration);
		const { rows } = await sql<{ n: string }>`
			select (select count(*) from pg_trigger where tgname like '%_summaries_%')
				+ (select count(*) from information_schema.tables where table_name like 'metrics_report_%')
				as n`.execute(db);
		expect(Number(rows[0].n)).toBe(0);
		// records still take writes without the triggers
		await db
			.updateTable('activities')
			.set({ title: sql`title` })
			.execute();
		expect((await migrateToLatest(db))[0]).toBe(summariesMigration);
		expect(await summaries(db)).toBe(filled);
	});
});
