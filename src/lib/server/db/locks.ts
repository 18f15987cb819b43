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

/** Takes the set-up lock (see LOCKS) for the rest of the transaction. */
export async function lockSetUp(trx: Executor, what: keyof typeof LOCKS): Promise<void> {
	await sql`select pg_advisory_xact_lock(${LOCKS[what]})`.execute(trx);
}

/**
 * Locks quarter reports in id order, as a record write does first (reports/report.ts lockReport):
 * a merge that then locks the organisation or location takes its locks in the same order as a
 * record write that names it, so the two wait for each other instead of deadlocking.
 */
export async function lockReports(trx: Executor, ids: number[]): Promise<void> {
	if (ids.length === 0) return;
	await trx
		.selectFrom('quarter_reports')
		.select('id')
		.where('id', 'in', ids)
		.orderBy('id')
		.forNoKeyUpdate()
		.execute();
}
