import type {
	KyselyPlugin,
	PluginTransformQueryArgs,
	PluginTransformResultArgs,
	QueryResult,
	RootOperationNode,
	UnknownRow
} from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../seeds/demo';
import { DEFAULT_POOL_SIZE, poolSizeFromEnv, type DbHandle } from '../src/lib/server/db/connect';
import { StartupError } from '../src/lib/server/db/startup-error';
import { changedFixedReports } from '../src/lib/server/fixed-reports/notices';
import { clearMetricsCache } from '../src/lib/server/metrics/cache';
import { loadDashboard } from '../src/lib/server/metrics/dashboard';
import { sessionUser } from './helpers/demo-db';
import { createTestDb, usingPostgres } from './helpers/test-db';

/** Counts the statements sent through a Kysely instance. */
class StatementCounter implements KyselyPlugin {
	count = 0;
	transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
		this.count++;
		return args.node;
	}
	async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
		return args.result;
	}
}

describe('DATABASE_POOL_SIZE', () => {
	it('defaults to DEFAULT_POOL_SIZE and takes a whole number of at least 2', () => {
		expect(poolSizeFromEnv({})).toBe(DEFAULT_POOL_SIZE);
		expect(poolSizeFromEnv({ DATABASE_POOL_SIZE: ' ' })).toBe(DEFAULT_POOL_SIZE);
		expect(poolSizeFromEnv({ DATABASE_POOL_SIZE: '35' })).toBe(35);
		for (const wrong of ['1', '0', '-4', '2.5', 'tien'])
			expect(() => poolSizeFromEnv({ DATABASE_POOL_SIZE: wrong })).toThrow(StartupError);
	});
});

// What one cold dashboard (the result cache invalid, as after a save) asks of the database: the
// page's load as +page.server.ts runs it. The default pool must hold it with room for a second
// cold page at the same moment, else concurrent readers wait for connections (issue 15: a cold
// dashboard sent ~22 queries into a pool of 10 and a reader got a pool timeout).
describe('a cold dashboard and the pool', () => {
	let handle: DbHandle;
	beforeAll(async () => {
		handle = await createTestDb();
		await seedDemo(handle.db);
	});
	afterAll(async () => handle?.close());

	const user = sessionUser('management');
	const selection = { from: '2020Q1', to: '2022Q4', ateliers: [], lineage: false } as const;
	const page = (db: DbHandle['db']) =>
		Promise.all([
			loadDashboard(db, user, selection, '2026-11-30'),
			changedFixedReports(db, user, selection.from, selection.to)
		]);

	it('sends a bounded number of statements, warm far fewer than cold', async () => {
		const cold = new StatementCounter();
		await clearMetricsCache(handle.db);
		await page(handle.db.withPlugin(cold));
		const warm = new StatementCounter();
		await page(handle.db.withPlugin(warm));
		// two engine runs of a fixed number of statements each, plus the page's own
		expect(cold.count).toBeGreaterThan(2 * 9);
		expect(cold.count).toBeLessThanOrEqual(40);
		expect(warm.count).toBeLessThan(cold.count / 2);
		console.log(`dashboard statements: cold ${cold.count}, warm ${warm.count}`);
	});

	it.runIf(usingPostgres)('holds at most half the default pool at once (PostgreSQL)', async () => {
		const pool = handle.pool!;
		let inUse = 0;
		let peak = 0;
		const acquire = () => (peak = Math.max(peak, ++inUse));
		const release = () => inUse--;
		pool.on('acquire', acquire);
		pool.on('release', release);
		try {
			for (let round = 0; round < 3; round++) {
				await clearMetricsCache(handle.db);
				await page(handle.db);
			}
		} finally {
			pool.off('acquire', acquire);
			pool.off('release', release);
		}
		expect(peak).toBeGreaterThan(2); // the two computations run side by side
		expect(peak).toBeLessThanOrEqual(DEFAULT_POOL_SIZE / 2);
		console.log(`cold dashboard: at most ${peak} connections at once`);
	});
});
