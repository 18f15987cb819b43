import { sql } from 'kysely';
import type { Executor } from '../audit/index';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types';

export const THROTTLE_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

// Advisory-lock namespaces (the first key of pg_advisory_xact_lock(int, int)).
const EMAIL_LOCK = 1301;
const ADDRESS_LOCK = 1302;

export type AttemptClaim = { throttled: true } | { throttled: false; id: number; at: Date };

/**
 * Claims the right to check one password. The attempt is counted BEFORE the check, under an
 * advisory lock per e-mail address and per client address, so parallel requests queue on the lock
 * and each sees the attempts let through before it: with 5 attempts per e-mail and 20 per client
 * address in 15 minutes, no burst can check more than that. Attempts still being checked count as
 * failures until they succeed. Counted in the database, so every app process sees the same numbers.
 */
export async function claimSignInAttempt(
	db: Kysely<Database>,
	email: string,
	ip: string
): Promise<AttemptClaim> {
	return db.transaction().execute(async (trx) => {
		// Always e-mail first, then address: one order, so two attempts never wait for each other.
		await sql`select pg_advisory_xact_lock(${EMAIL_LOCK}, hashtext(${email}))`.execute(trx);
		await sql`select pg_advisory_xact_lock(${ADDRESS_LOCK}, hashtext(${ip}))`.execute(trx);
		const row = await trx
			.selectFrom('sign_in_attempts')
			.select([
				sql<number>`count(*) filter (where email = ${email})`.as('by_email'),
				sql<number>`count(*) filter (where ip = ${ip})`.as('by_ip')
			])
			.where(sql<boolean>`at > now() - make_interval(mins => ${THROTTLE_WINDOW_MINUTES})`)
			.where((eb) => eb.or([eb('email', '=', email), eb('ip', '=', ip)]))
			.executeTakeFirstOrThrow();
		if (
			Number(row.by_email) >= MAX_FAILURES_PER_EMAIL ||
			Number(row.by_ip) >= MAX_FAILURES_PER_ADDRESS
		)
			return { throttled: true };
		const attempt = await trx
			.insertInto('sign_in_attempts')
			.values({ email, ip })
			.returning(['id', 'at'])
			.executeTakeFirstOrThrow();
		return { throttled: false, id: Number(attempt.id), at: new Date(attempt.at) };
	});
}

/** The check failed: the attempt keeps counting for the rest of the window. */
export async function recordSignInFailure(db: Executor, attemptId: number): Promise<void> {
	await db
		.updateTable('sign_in_attempts')
		.set({ failed_at: sql<Date>`now()` })
		.where('id', '=', attemptId)
		.execute();
	// Rows older than a day count for nothing any more.
	await db
		.deleteFrom('sign_in_attempts')
		.where(sql<boolean>`at < now() - interval '1 day'`)
		.execute();
}

/**
 * The check succeeded: this attempt stops counting, and so do the e-mail's failures that were
 * over before it began. Failures of attempts that ran at the same time stay: a burst that
 * happens to contain the right password does not wipe the record of its wrong guesses.
 */
export async function forgiveSignInFailures(
	db: Executor,
	email: string,
	attempt: { id: number; at: Date }
): Promise<void> {
	await db
		.deleteFrom('sign_in_attempts')
		.where((eb) =>
			eb.or([
				eb('id', '=', attempt.id),
				eb.and([eb('email', '=', email), eb('failed_at', '<=', attempt.at)])
			])
		)
		.execute();
}
