import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types';
import { log } from '../log';
import { computeMetrics, type MetricsQuery, type MetricsResult } from './engine';

/**
 * The engine's result cache, shared by all app processes because it lives in the database
 * (migrations 2026_11_30_0200 and 2026_12_01_2501). An entry is keyed by the normalized query and
 * valid only while its fingerprint equals the current one: the version of every quarter report in
 * the selection (bumped by the writes that change that report's figures) and the version of the
 * set-up tables (ateliers, targets). So every result is cached, whatever its scope or period: a
 * result that could change can only change through a write, and that write changes the
 * fingerprint of exactly the selections that contain its report. Writers bump versions from a
 * sequence under the report lock they already hold, so saves to different reports never wait on
 * each other.
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

interface Lookup {
	fingerprint: string;
	result: MetricsResult | null;
}

/**
 * The selection's fingerprint and the entry stored under it, in one statement so both belong to
 * the same snapshot. The reports are those the engine reads (any status: open quarters show the
 * concepts too); the versions are unique sequence values, so a change to any report gives a
 * fingerprint never seen before.
 */
async function lookup(db: Kysely<Database>, query: MetricsQuery, key: string): Promise<Lookup> {
	const ateliers =
		query.atelierIds === null ? sql`true` : sql`qr.atelier_id = any(${query.atelierIds}::int[])`;
	const { rows } = await sql<{ fingerprint: string; result: MetricsResult | string | null }>`
		with fp as (
			select (select version from metrics_data_version)::text || '/' || count(*)::text || '/'
				|| coalesce(md5(string_agg(qr.id::text || ':' || coalesce(v.version, 0)::text, ','
					order by qr.id)), '') as fingerprint
			from quarter_reports qr
			left join metrics_report_versions v on v.report_id = qr.id
			where qr.quarter >= ${query.from} and qr.quarter <= ${query.to} and ${ateliers}
		)
		select fp.fingerprint, c.result
		from fp left join metrics_cache c on c.key = ${key} and c.fingerprint = fp.fingerprint`.execute(db);
	const { fingerprint, result } = rows[0];
	return {
		fingerprint,
		result: result === null ? null : typeof result === 'string' ? JSON.parse(result) : result
	};
}

/** The current fingerprint of a query's selection (the tests and the bench look at it). */
export async function cacheFingerprint(db: Kysely<Database>, query: MetricsQuery): Promise<string> {
	return (await lookup(db, query, cacheKey(query))).fingerprint;
}

/**
 * Stores one entry. One row per key, no other rows touched (expired entries are swept apart, see
 * sweepMetricsCache): two concurrent writes each lock one row and cannot deadlock. An older
 * computation that overwrites a newer entry costs one recomputation, never a wrong number: its
 * fingerprint no longer matches.
 */
async function store(
	db: Kysely<Database>,
	key: string,
	fingerprint: string,
	result: MetricsResult
) {
	try {
		await sql`
			insert into metrics_cache (key, fingerprint, result)
			values (${key}, ${fingerprint}, ${JSON.stringify(result)}::json)
			on conflict (key) do update
				set fingerprint = excluded.fingerprint, result = excluded.result, created_at = now()`.execute(db);
	} catch (error) {
		// the message only: the statement's parameters hold the whole result
		log.warn(
			{ error: error instanceof Error ? error.message : String(error) },
			'metrics cache write failed'
		);
	}
}

/** computeMetrics, served from the cache when nothing in the selection changed since it was stored. */
export async function cachedMetrics(
	db: Kysely<Database>,
	query: MetricsQuery
): Promise<MetricsResult> {
	// Inside a transaction a failing cache statement would abort the caller's work, and the
	// transaction may hold uncommitted writes: compute directly.
	if (db.isTransaction) return computeMetrics(db, query);
	const key = cacheKey(query);
	const current = await lookup(db, query, key);
	// the key sorts the atelier ids; give the caller back the selection as it asked for it
	if (current.result) return { ...current.result, atelierIds: query.atelierIds };
	// Stored under the fingerprint read before computing: if data changed meanwhile, the
	// fingerprint has moved on and this entry is never used.
	const result = await computeMetrics(db, query);
	await store(db, key, current.fingerprint, result);
	return result;
}

/** Empties the cache (the bench measures cold loads with it). */
export async function clearMetricsCache(db: Kysely<Database>): Promise<void> {
	await sql`delete from metrics_cache`.execute(db);
}
