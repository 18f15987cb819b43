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

export async function lockSetUp(trx: Executor, what: keyof typeof LOCKS): Promise<void> {
	await sql`select pg_advisory_xact_lock(${LOCKS[what]})`.execute(trx);
}
