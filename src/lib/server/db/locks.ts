import { sql } from 'kysely';
import type { Executor } from '../audit/index';

/**
 * Transaction-scoped advisory locks for set-up writes that check something across rows before
 * writing (a free slug, a merge's references): two managers doing it at once take turns instead of
 * one of them hitting a unique violation or a half-checked state. Released at commit or rollback.
 */
const LOCKS = {
	ateliers: 240101,
	organisations: 240102,
	locations: 240103,
	history: 240104
} as const;

/**
 * Takes the set-up lock, then the one row of metrics_data_version. Every write to a table the
 * engine reads bumps that row (a trigger, migration 2026_11_30_0200), so a record write holds it
 * from its first statement on and only then locks the organisation or location it names. A set-up
 * write that locked an organisation first and reached that row second would deadlock with it;
 * taking the row first gives every writer the same order.
 */
export async function lockSetUp(trx: Executor, what: keyof typeof LOCKS): Promise<void> {
	await sql`select pg_advisory_xact_lock(${LOCKS[what]})`.execute(trx);
	await sql`select version from metrics_data_version where id for update`.execute(trx);
}
