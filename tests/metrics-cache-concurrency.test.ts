import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../seeds/demo';
import { openDatabase, type DbHandle } from '../src/lib/server/db/connect';
import {
	cacheFingerprint,
	cacheKey,
	cachedMetrics,
	metricsCacheStats,
	sweepMetricsCache
} from '../src/lib/server/metrics/cache';
import { computeMetrics, type MetricsQuery } from '../src/lib/server/metrics/engine';
import { createTestDb, usingPostgres } from './helpers/test-db';

// Many readers at once (issue 15): cold requests for one selection compute it once, and two
// requests storing different entries at once never deadlock (the old upsert also deleted stale
// entries of other keys, and two of those statements deadlocked each other).

const PERIOD = { from: '2020Q1', to: '2022Q4' } as const;
const QUERY: MetricsQuery = { ...PERIOD, atelierIds: null, scope: 'approved+submitted' };
// what the dashboard asks next to it (the comparison), over the same reports
const PREVIOUS: MetricsQuery = { ...PERIOD, atelierIds: null, scope: 'approved', totalsOnly: true };

describe('metrics cache under concurrent requests', () => {
	let handle: DbHandle;
	let reportId: number;
	beforeAll(async () => {
		handle = await createTestDb();
		await seedDemo(handle.db);
		const report = await handle.db
			.selectFrom('quarter_reports')
			.select('id')
			.where('quarter', '>=', PERIOD.from)
			.where('quarter', '<=', PERIOD.to)
			.orderBy('id')
			.executeTakeFirstOrThrow();
		reportId = report.id;
	});
	afterAll(async () => handle?.close());

	/** A write that changes the figures of every selection over PERIOD. */
	const write = (n: number) =>
		sql`update quarter_reports set network_members = ${1000 + n} where id = ${reportId}`.execute(
			handle.db
		);

	const stored = async (query: MetricsQuery) =>
		(
			await sql<{ fingerprint: string }>`select fingerprint from metrics_cache
				where key = ${cacheKey(query)}`.execute(handle.db)
		).rows[0]?.fingerprint;

	it('computes a cold selection once for many concurrent requests, and every one gets it', async () => {
		await write(1);
		const before = { ...metricsCacheStats };
		const results = await Promise.all(
			Array.from({ length: 12 }, () => cachedMetrics(handle.db, QUERY))
		);
		expect(metricsCacheStats.computed - before.computed).toBe(1);
		const fresh = await computeMetrics(handle.db, QUERY);
		for (const result of results) expect(result).toEqual(fresh);
		expect(await stored(QUERY)).toBe(await cacheFingerprint(handle.db, QUERY));
	});

	it('writes two entries at once without a deadlock, round after round', async () => {
		for (let round = 0; round < 15; round++) {
			await write(100 + round);
			// and an unrelated old entry, which the old upsert deleted on the way
			await sql`insert into metrics_cache (key, fingerprint, result, created_at)
				values (${`oud-${round}`}, 'x', '{}'::json, now() - interval '2 days')`.execute(handle.db);
			const [a, b] = await Promise.all([
				cachedMetrics(handle.db, QUERY),
				cachedMetrics(handle.db, PREVIOUS)
			]);
			expect(a).toEqual(await computeMetrics(handle.db, QUERY));
			expect(b).toEqual(await computeMetrics(handle.db, PREVIOUS));
			// both were stored: neither write was a deadlock victim (a failed write is only logged)
			expect(await stored(QUERY)).toBe(await cacheFingerprint(handle.db, QUERY));
			expect(await stored(PREVIOUS)).toBe(await cacheFingerprint(handle.db, PREVIOUS));
		}
	});

	it('sweeps expired entries apart and keeps the fresh ones', async () => {
		const old = async () =>
			Number(
				(
					await sql<{ n: string }>`select count(*)::text as n from metrics_cache
						where key like 'oud-%'`.execute(handle.db)
				).rows[0].n
			);
		expect(await old()).toBe(15);
		expect(await sweepMetricsCache(handle.db)).toBe(15);
		expect(await old()).toBe(0);
		expect(await stored(QUERY)).toBe(await cacheFingerprint(handle.db, QUERY));
	});

	it.skipIf(!usingPostgres)(
		'computes a cold selection once across processes (two pools on one server)',
		async () => {
			const other = await openDatabase({ databaseUrl: handle.url! });
			try {
				await write(1000);
				const before = { ...metricsCacheStats };
				const results = await Promise.all(
					Array.from({ length: 6 }, (_, i) => cachedMetrics(i % 2 ? other.db : handle.db, QUERY))
				);
				expect(metricsCacheStats.computed - before.computed).toBe(1);
				const fresh = await computeMetrics(handle.db, QUERY);
				for (const result of results) expect(result).toEqual(fresh);
			} finally {
				await other.close();
			}
		}
	);
});
