import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types';
import { log } from '../log';
import { computeMetrics, type MetricsQuery, type MetricsResult } from './engine';

/**
 * The engine's result cache, shared by all app processes because it lives in the database
 * (migration 2026_11_30_0200_metrics_cache). An entry is keyed by the normalized query and valid
 * only while its data version equals the counter that triggers bump on every write to a table
 * the engine reads. So every result is cached, whatever its scope or period: a result that could
 * change (open quarters, submitted data) can only change through a write, and that write
 * invalidates it. Results of fully approved periods are a special case of that.
 */
export function cacheKey(query: MetricsQuery): string {
	return JSON.stringify([
		query.from,
		query.to,
		query.atelierIds === null ? null : [...new Set(query.atelierIds)].sort((a, b) => a - b),
		query.scope,
		query.groupByLineage ?? false,
		query.totalsOnly ?? false
	]);
}

/** computeMetrics, served from the cache when no engine table changed since it was stored. */
export async function cachedMetrics(
	db: Kysely<Database>,
	query: MetricsQuery
): Promise<MetricsResult> {
	// Inside a transaction a failing cache statement would abort the caller's work, and the
	// transaction may hold uncommitted writes: compute directly.
	if (db.isTransaction) return computeMetrics(db, query);
	const key = cacheKey(query);
	// the version and the entry in one statement, so they belong to the same snapshot
	const { rows } = await sql<{ version: string; result: MetricsResult | string | null }>`
		select v.version::text as version, c.result
		from metrics_data_version v
		left join metrics_cache c on c.key = ${key} and c.data_version = v.version`.execute(db);
	const current = rows[0];
	if (current?.result) {
		const cached: MetricsResult =
			typeof current.result === 'string' ? JSON.parse(current.result) : current.result;
		// the key sorts the atelier ids; give the caller back the selection as it asked for it
		return { ...cached, atelierIds: query.atelierIds };
	}
	const result = await computeMetrics(db, query);
	// Stored under the version read before computing: if data changed meanwhile, the counter has
	// moved on and this entry is never used. Entries of older versions are dropped on the way (every
	// key gets one entry at most). A failing write never fails the request.
	if (current) {
		try {
			await sql`
				with stale as (
					delete from metrics_cache
					where data_version < ${current.version}::bigint and key <> ${key}
				)
				insert into metrics_cache (key, data_version, result)
				values (${key}, ${current.version}::bigint, ${JSON.stringify(result)}::json)
				on conflict (key) do update
					set data_version = excluded.data_version, result = excluded.result,
						created_at = now()
					where metrics_cache.data_version <= excluded.data_version`.execute(db);
		} catch (error) {
			// the message only: the statement's parameters hold the whole result
			log.warn(
				{ error: error instanceof Error ? error.message : String(error) },
				'metrics cache write failed'
			);
		}
	}
	return result;
}

/** Empties the cache (the bench measures cold loads with it). */
export async function clearMetricsCache(db: Kysely<Database>): Promise<void> {
	await sql`delete from metrics_cache`.execute(db);
}
