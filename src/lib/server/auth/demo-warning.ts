import type { Kysely } from 'kysely';
import type { DbKind } from '../db/connect';
import type { Database } from '../db/types';
import { forgetDemoSignIns } from './demo-accounts';
import { verifyPassword } from './password';

export const DEMO_PASSWORD = 'jaarbeeld-demo';
const CHECK_EVERY_MS = 60_000;

let cached: { at: number; value: boolean } | undefined;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/**
 * Whether others can reach this process: HOST as the Node adapter reads it (unset means every
 * interface, 0.0.0.0). `npm start` sets 127.0.0.1 unless told otherwise.
 */
export function listensBeyondLocalhost(host = process.env.HOST): boolean {
	return !LOOPBACK.has((host ?? '0.0.0.0').trim().toLowerCase());
}

/**
 * True while an active account still has the public demo password where that matters: on a
 * database reached through DATABASE_URL (a real installation must not keep them), and on the
 * embedded database when the server listens beyond this computer. Checked at most once a minute.
 */
export async function demoAccountsActive(
	db: Kysely<Database>,
	kind: DbKind,
	reachable = listensBeyondLocalhost()
): Promise<boolean> {
	if (kind !== 'postgres' && !reachable) return false;
	if (cached && Date.now() - cached.at < CHECK_EVERY_MS) return cached.value;
	const value = await anyActiveWithPassword(db, DEMO_PASSWORD);
	cached = { at: Date.now(), value };
	return value;
}

/** Forget the cached answers (after a password change): this warning and the sign-in page's list. */
export function forgetDemoCheck(): void {
	cached = undefined;
	forgetDemoSignIns();
}

export async function anyActiveWithPassword(
	db: Kysely<Database>,
	password: string
): Promise<boolean> {
	const rows = await db
		.selectFrom('app_users')
		.select('password_hash')
		.where('active', '=', true)
		.where('password_hash', 'is not', null)
		.execute();
	const hashes = new Set(rows.map((r) => r.password_hash as string));
	for (const hash of hashes) if (await verifyPassword(hash, password)) return true;
	return false;
}
