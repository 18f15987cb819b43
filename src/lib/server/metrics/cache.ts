import { sql, type Kysely } from 'kysely';
import { isPostgresServer } from '../db/kind';
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

/** What the cache did in this process (the tests and the bench read it). */
export const metricsCacheStats = { hits: 0, computed: 0, joined: 0 };

/** Computations in flight in this process, per database and per key and fingerprint. */
const flights = new WeakMap<Kysely<Database>, Map<string, Promise<MetricsResult>>>();

// Advisory lock class of the cache's single flight across processes (the key hashes to the object).
const FLIGHT_LOCK_CLASS = 20_261_215;
/** How long a process waits for another one computing the same entry before it computes itself. */
const FLIGHT_WAIT = '10s';

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
	const result = current.result ?? (await computeOnce(db, query, key, current.fingerprint));
	if (current.result) metricsCacheStats.hits++;
	// the key sorts the atelier ids; give the caller back the selection as it asked for it
	return { ...result, atelierIds: query.atelierIds };
}

/**
 * One computation per key and fingerprint: requests in this process that miss at the same time
 * share one promise, and on PostgreSQL processes take turns under an advisory lock, so the
 * second one finds the first one's entry instead of computing it again.
 */
function computeOnce(
	db: Kysely<Database>,
	query: MetricsQuery,
	key: string,
	fingerprint: string
): Promise<MetricsResult> {
	const mine = flights.get(db) ?? new Map<string, Promise<MetricsResult>>();
	flights.set(db, mine);
	const flightKey = `${fingerprint} ${key}`;
	const running = mine.get(flightKey);
	if (running) {
		metricsCacheStats.joined++;
		return running;
	}
	const flight = (
		isPostgresServer(db as Kysely<never>)
			? computeUnderLock(db, query, key)
			: computeAndStore(db, db, query, key, fingerprint)
	).finally(() => mine.delete(flightKey));
	mine.set(flightKey, flight);
	return flight;
}

/**
 * Stored under the fingerprint read before computing: if data changed meanwhile, the fingerprint
 * has moved on and this entry is never used.
 */
async function computeAndStore(
	db: Kysely<Database>,
	reader: Kysely<Database>,
	query: MetricsQuery,
	key: string,
	fingerprint: string
): Promise<MetricsResult> {
	metricsCacheStats.computed++;
	const result = await computeMetrics(reader, query);
	await store(db, key, fingerprint, result);
	return result;
}

/**
 * Under a transaction-level advisory lock on the key: look again (another process may just have
 * stored it), else compute and store before the lock goes. The engine runs on the lock's own
 * connection, so a process never holds more connections than it has computations (a lock that
 * held one connection while the engine waited for others could starve the pool). The entry is
 * written on another connection: a failing write must not abort the lock's transaction.
 */
async function computeUnderLock(
	db: Kysely<Database>,
	query: MetricsQuery,
	key: string
): Promise<MetricsResult> {
	let computed: MetricsResult | undefined;
	try {
		return await db.transaction().execute(async (trx) => {
			await sql`select set_config('lock_timeout', ${FLIGHT_WAIT}, true)`.execute(trx);
			await sql`select pg_advisory_xact_lock(${FLIGHT_LOCK_CLASS}, hashtext(${key}))`.execute(trx);
			const now = await lookup(trx, query, key);
			if (now.result) {
				metricsCacheStats.joined++;
				return now.result;
			}
			computed = await computeAndStore(db, trx, query, key, now.fingerprint);
			return computed;
		});
	} catch (error) {
		if (computed) return computed;
		if ((error as { code?: string }).code !== '55P03') throw error;
		// the other process takes too long: do not wait for it any longer
		log.warn({ key }, 'metrics cache: waited too long for another process, computing here');
		const fingerprint = (await lookup(db, query, key)).fingerprint;
		return computeAndStore(db, db, query, key, fingerprint);
	}
}

/**
 * Deletes entries older than `maxAgeHours` (a selection nobody asked for since). Apart from the
 * writes, and skipping rows another transaction holds, so it never waits and never deadlocks.
 */
export async function sweepMetricsCache(db: Kysely<Database>, maxAgeHours = 24): Promise<number> {
	const result = await sql`
		delete from metrics_cache where key in (
			select key from metrics_cache
			where created_at < now() - make_interval(hours => ${maxAgeHours})
			for update skip locked
		)`.execute(db);
	return Number(result.numAffectedRows ?? 0);
}

/** Empties the cache (the bench measures cold loads with it). */
export async function clearMetricsCache(db: Kysely<Database>): Promise<void> {
	await sql`delete from metrics_cache`.execute(db);
}
