import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRICS_CONFIG_TABLES } from '../migrations/2026_12_01_2501_metrics_report_versions';
import { seedDemo } from '../seeds/demo';
import type { DbHandle } from '../src/lib/server/db/connect';
import { migrateDownThrough, migrateToLatest } from '../src/lib/server/db/migrate';
import { cacheFingerprint, cachedMetrics, cacheKey } from '../src/lib/server/metrics/cache';
import { computeMetrics, type MetricsQuery } from '../src/lib/server/metrics/engine';
import { createTestDb } from './helpers/test-db';

const PERIOD = { from: '2020Q1', to: '2022Q4' } as const;
const QUERIES: MetricsQuery[] = [
	{ ...PERIOD, atelierIds: null, scope: 'approved+submitted' },
	{ ...PERIOD, atelierIds: null, scope: 'approved', groupByLineage: true },
	{ ...PERIOD, atelierIds: null, scope: 'approved', totalsOnly: true }
];

describe('metrics cache', () => {
	let handle: DbHandle;
	let reportId: number;
	let atelierId: number;
	beforeAll(async () => {
		handle = await createTestDb();
		await seedDemo(handle.db);
		const report = await handle.db
			.selectFrom('quarter_reports')
			.select(['id', 'atelier_id'])
			.where('status', '=', 'goedgekeurd')
			.where('quarter', '>=', PERIOD.from)
			.where('quarter', '<=', PERIOD.to)
			.orderBy('id')
			.executeTakeFirstOrThrow();
		reportId = report.id;
		atelierId = report.atelier_id;
	});
	afterAll(async () => handle?.close());

	// what every query's entry is valid for: the versions of its reports and of the set-up tables
	const fingerprints = async () =>
		Promise.all(QUERIES.map((query) => cacheFingerprint(handle.db, query)));
	const entries = async () =>
		Number(
			(await sql<{ n: string }>`select count(*)::text as n from metrics_cache`.execute(handle.db))
				.rows[0].n
		);

	it('gives exactly what the engine gives, before and after caching, key order included', async () => {
		for (const query of QUERIES) {
			const fresh = await computeMetrics(handle.db, query);
			const first = await cachedMetrics(handle.db, query);
			const second = await cachedMetrics(handle.db, query);
			expect(first).toEqual(fresh);
			expect(second).toEqual(fresh);
			expect(JSON.stringify(second)).toBe(JSON.stringify(fresh));
		}
		expect(await entries()).toBe(QUERIES.length);
	});

	it('serves a stored entry while nothing changed', async () => {
		const query = QUERIES[0];
		await cachedMetrics(handle.db, query);
		// tamper with the stored result: no engine table changes, so the entry is still served
		await sql`update metrics_cache set result = json_build_object('marker', true)
			where key = ${cacheKey(query)}`.execute(handle.db);
		expect(await cachedMetrics(handle.db, query)).toMatchObject({ marker: true });
		await sql`delete from metrics_cache`.execute(handle.db);
	});

	it('keys on the normalized query and returns the atelier ids as asked', async () => {
		const ids = (await handle.db.selectFrom('ateliers').select('id').orderBy('id').execute()).map(
			(a) => a.id
		);
		const ascending: MetricsQuery = { ...PERIOD, atelierIds: ids, scope: 'approved' };
		const reversed: MetricsQuery = { ...ascending, atelierIds: [...ids].reverse() };
		expect(cacheKey(ascending)).toBe(cacheKey(reversed));
		expect(cacheKey(ascending)).not.toBe(cacheKey({ ...ascending, atelierIds: null }));
		expect(cacheKey({ ...ascending, groupByLineage: false })).toBe(cacheKey(ascending));
		await cachedMetrics(handle.db, ascending);
		expect(await cachedMetrics(handle.db, reversed)).toEqual(
			await computeMetrics(handle.db, reversed)
		);
	});

	it('never fails the request when the cache cannot be written', async () => {
		await sql`delete from metrics_cache`.execute(handle.db);
		await sql`alter table metrics_cache add constraint refuse check (false)`.execute(handle.db);
		try {
			const query = QUERIES[0];
			expect(await cachedMetrics(handle.db, query)).toEqual(await computeMetrics(handle.db, query));
			expect(await entries()).toBe(0);
		} finally {
			await sql`alter table metrics_cache drop constraint refuse`.execute(handle.db);
		}
	});

	it('versions the set-up tables as a whole and every report on its own', async () => {
		const { rows } = await sql<{ table: string }>`
			select c.relname as table from pg_trigger t join pg_class c on c.oid = t.tgrelid
			where (t.tgname like '%_metrics_version' or t.tgname like '%_metrics_report_version')
				and not t.tgisinternal order by c.relname`.execute(handle.db);
		expect(rows.map((r) => r.table)).toEqual([...METRICS_CONFIG_TABLES, 'quarter_reports'].sort());
		// every record table reaches the report versions through its summary triggers
		const { rows: summaries } = await sql<{ n: string }>`
			select count(distinct c.relname)::text as n from pg_trigger t
			join pg_class c on c.oid = t.tgrelid where t.tgname like '%_summaries_%'`.execute(handle.db);
		expect(Number(summaries[0].n)).toBe(6);
	});

	it('a write to one report changes only the fingerprints of selections that contain it', async () => {
		const other = await handle.db
			.selectFrom('quarter_reports')
			.select(['atelier_id', 'quarter'])
			.where('atelier_id', '<>', atelierId)
			.where('quarter', '>=', PERIOD.from)
			.where('quarter', '<=', PERIOD.to)
			.executeTakeFirstOrThrow();
		const mine: MetricsQuery = { ...PERIOD, atelierIds: [atelierId], scope: 'approved' };
		const theirs: MetricsQuery = { ...PERIOD, atelierIds: [other.atelier_id], scope: 'approved' };
		const before = [
			await cacheFingerprint(handle.db, mine),
			await cacheFingerprint(handle.db, theirs)
		];
		await sql`update quarter_reports set network_members = coalesce(network_members, 0) + 1
			where id = ${reportId}`.execute(handle.db);
		// a change the engine does not read bumps nothing
		await sql`update quarter_reports set updated_at = now() where id = ${reportId}`.execute(
			handle.db
		);
		const after = [
			await cacheFingerprint(handle.db, mine),
			await cacheFingerprint(handle.db, theirs)
		];
		expect(after[0]).not.toBe(before[0]);
		expect(after[1]).toBe(before[1]);
		const unchanged = await cacheFingerprint(handle.db, mine);
		await sql`update quarter_reports set updated_at = now() where id = ${reportId}`.execute(
			handle.db
		);
		expect(await cacheFingerprint(handle.db, mine)).toBe(unchanged);
	});

	// Each write changes the figures; the next cached result must be the engine's new result.
	const writes: [string, () => Promise<unknown>][] = [
		[
			'insert an activity',
			() =>
				sql`insert into activities (report_id, date, title, kind, is_public, participants_total)
				select ${reportId}, make_date(substr(quarter, 1, 4)::int, substr(quarter, 6, 1)::int * 3 - 2, 1),
					'Cachetest', 'kennisbijeenkomst', true, 17
				from quarter_reports where id = ${reportId}`.execute(handle.db)
		],
		[
			'update an activity',
			() =>
				sql`update activities set participants_total = 23 where title = 'Cachetest'`.execute(
					handle.db
				)
		],
		[
			'link a new organisation to an activity',
			async () => {
				await sql`insert into organisations (name, normalized_name, kind)
					values ('Cachetest gast', 'cachetest gast', 'zorg')`.execute(handle.db);
				await sql`insert into activity_organisations (activity_id, organisation_id)
					select a.id, o.id from activities a, organisations o
					where a.title = 'Cachetest' and o.name = 'Cachetest gast'`.execute(handle.db);
			}
		],
		[
			'delete an activity',
			() => sql`delete from activities where title = 'Cachetest'`.execute(handle.db)
		],
		[
			'change a report status',
			() =>
				sql`update quarter_reports set status = 'concept' where id = ${reportId}`.execute(handle.db)
		],
		[
			'approve it again',
			() =>
				sql`update quarter_reports set status = 'goedgekeurd' where id = ${reportId}`.execute(
					handle.db
				)
		],
		[
			'change the network members of a report',
			() =>
				sql`update quarter_reports set network_members = coalesce(network_members, 0) + 1000
					where atelier_id = ${atelierId} and quarter <= ${PERIOD.to} and status = 'goedgekeurd'`.execute(
					handle.db
				)
		],
		[
			'add a partner involvement',
			async () => {
				await sql`insert into organisations (name, normalized_name, kind)
					values ('Cachetest partner', 'cachetest partner', 'zorg')`.execute(handle.db);
				await sql`insert into partner_involvements (report_id, organisation_id, role)
					select ${reportId}, id, 'partner' from organisations where name = 'Cachetest partner'`.execute(
					handle.db
				);
			}
		],
		[
			'add a student participation',
			async () => {
				await sql`insert into students (display_name) values ('Cachetest student')`.execute(
					handle.db
				);
				await sql`insert into student_participations (report_id, student_id, activity)
					select ${reportId}, id, 'stage' from students where display_name = 'Cachetest student'`.execute(
					handle.db
				);
			}
		],
		[
			'add reach in a new place',
			async () => {
				await sql`insert into locations (municipality, name, kind)
					values ('Cachestad', 'Cachewijk', 'wijk')`.execute(handle.db);
				await sql`insert into reach (report_id, location_id, resident_conversations)
					select ${reportId}, id, 9 from locations where name = 'Cachewijk'`.execute(handle.db);
			}
		],
		[
			'add a publication',
			() =>
				sql`insert into publications (report_id, date, title, kind)
				values (${reportId}, '2020-02-01', 'Cachetest', 'video')`.execute(handle.db)
		],
		[
			'set a target',
			() =>
				sql`insert into indicator_targets (indicator_code, year, atelier_id, target)
				values ('wijken_stadsdelen', 2022, null, 123)`.execute(handle.db)
		],
		[
			'change a target',
			() =>
				sql`update indicator_targets set target = 321 where indicator_code = 'wijken_stadsdelen'
					and year = 2022 and atelier_id is null`.execute(handle.db)
		],
		[
			'rename an atelier',
			() =>
				sql`update ateliers set name = name || ' (nieuw)' where id = ${atelierId}`.execute(
					handle.db
				)
		]
	];

	for (const [label, write] of writes)
		it(`reflects the next write at once: ${label}`, async () => {
			const before = [];
			for (const query of QUERIES) before.push(await cachedMetrics(handle.db, query));
			const stored = await entries();
			expect(stored).toBeGreaterThan(0);
			const v = await fingerprints();
			await write();
			const moved = await fingerprints();
			for (const [i, fingerprint] of moved.entries()) expect(fingerprint).not.toBe(v[i]);
			const after = [];
			for (const query of QUERIES) {
				const cached = await cachedMetrics(handle.db, query);
				expect(cached).toEqual(await computeMetrics(handle.db, query));
				after.push(cached);
			}
			// the write did change what the cache had stored (else the test proves nothing)
			expect(after).not.toEqual(before);
		});

	it('keeps one entry per query, replaced when its fingerprint moved on', async () => {
		for (const query of QUERIES) await cachedMetrics(handle.db, query);
		await sql`update ateliers set theme = theme where id = ${atelierId}`.execute(handle.db);
		for (const query of QUERIES) await cachedMetrics(handle.db, query);
		expect(await entries()).toBe(QUERIES.length);
	});

	it('migrates down and up again', async () => {
		const undone = await migrateDownThrough(handle.db, '2026_11_30_0200_metrics_cache');
		expect(undone.slice(-2)).toEqual([
			'2026_11_30_0300_metrics_report_summaries',
			'2026_11_30_0200_metrics_cache'
		]);
		const { rows } = await sql<{ n: string }>`
			select (select count(*) from pg_trigger where tgname like '%_metrics_version')
				+ (select count(*) from pg_proc where proname = 'bump_metrics_data_version')
				+ (select count(*) from information_schema.tables
					where table_name in ('metrics_cache', 'metrics_data_version')) as n`.execute(handle.db);
		expect(Number(rows[0].n)).toBe(0);
		// the engine tables still take writes without the trigger function
		await sql`update ateliers set theme = theme where id = ${atelierId}`.execute(handle.db);
		expect(await migrateToLatest(handle.db)).toEqual([...undone].reverse());
		const query = QUERIES[0];
		expect(await cachedMetrics(handle.db, query)).toEqual(await computeMetrics(handle.db, query));
	});
});
