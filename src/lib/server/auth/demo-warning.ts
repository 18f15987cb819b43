import type { Kysely } from 'kysely';
import type { DbKind } from '../db/connect';
import type { Database } from '../db/types';
import { verifyPassword } from './password';

export const DEMO_PASSWORD = 'jaarbeeld-demo';
const CHECK_EVERY_MS = 60_000;

let cached: { at: number; value: boolean } | undefined;

/**
 * True while an active account still has the public demo password on a database reached through
 * DATABASE_URL (a real installation must not keep them). Checked at most once a minute.
 */
export async function demoAccountsActive(db: Kysely<Database>, kind: DbKind): Promise<boolean> {
	if (kind !== 'postgres') return false;
	if (cached && Date.now() - cached.at < CHECK_EVERY_MS) return cached.value;
	const value = await anyActiveWithPassword(db, DEMO_PASSWORD);
	cached = { at: Date.now(), value };
	return value;
}

/** Forget the cached answer (after a password change). */
export function forgetDemoCheck(): void {
	cached = undefined;
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
