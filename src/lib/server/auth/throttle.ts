import { sql } from 'kysely';
import type { Executor } from '../audit/index';

export const THROTTLE_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

const windowStart = (now: Date) => new Date(now.getTime() - THROTTLE_WINDOW_MINUTES * 60_000);

/**
 * True while an e-mail address has 5 failed sign-ins, or a client address 20, within the last
 * 15 minutes. Counted in the database so that every app process sees the same numbers.
 */
export async function signInThrottled(
	db: Executor,
	email: string,
	ip: string,
	now = new Date()
): Promise<boolean> {
	const since = windowStart(now);
	const row = await db
		.selectFrom('sign_in_failures')
		.select([
			sql<number>`count(*) filter (where email = ${email})`.as('by_email'),
			sql<number>`count(*) filter (where ip = ${ip})`.as('by_ip')
		])
		.where('at', '>', since)
		.where((eb) => eb.or([eb('email', '=', email), eb('ip', '=', ip)]))
		.executeTakeFirstOrThrow();
	return (
		Number(row.by_email) >= MAX_FAILURES_PER_EMAIL || Number(row.by_ip) >= MAX_FAILURES_PER_ADDRESS
	);
}

export async function recordSignInFailure(db: Executor, email: string, ip: string): Promise<void> {
	await db.insertInto('sign_in_failures').values({ email, ip }).execute();
	// Rows older than a day count for nothing any more.
	await db
		.deleteFrom('sign_in_failures')
		.where('at', '<', new Date(Date.now() - 24 * 60 * 60_000))
		.execute();
}

/** A successful sign-in forgives the earlier failures for that e-mail address. */
export async function clearSignInFailures(db: Executor, email: string): Promise<void> {
	await db.deleteFrom('sign_in_failures').where('email', '=', email).execute();
}
