import type { Kysely } from 'kysely';
import { USERS } from '../../../../seeds/demo-data';
import type { Database, Role } from '../db/types';
import { DEMO_PASSWORD } from './demo-warning';
import { verifyPassword } from './password';

export interface DemoSignIn {
	email: string;
	name: string;
	role: Role;
}

const CHECK_EVERY_MS = 60_000;
let cached: { at: number; value: DemoSignIn[] } | undefined;

/**
 * The demo accounts someone can sign in with right now: the seeded ones that are still active and
 * still have the public demo password (so the sign-in page never names an account whose password
 * was changed). Empty on an installation without the demo data. Checked at most once a minute,
 * and again after any password change (`forgetDemoSignIns`).
 */
export async function demoSignIns(db: Kysely<Database>): Promise<DemoSignIn[]> {
	if (cached && Date.now() - cached.at < CHECK_EVERY_MS) return cached.value;
	const rows = await db
		.selectFrom('app_users')
		.select(['email', 'name', 'role', 'password_hash'])
		.where('active', '=', true)
		.where('password_hash', 'is not', null)
		.where(
			'email',
			'in',
			USERS.map((u) => u.email)
		)
		.execute();
	// the seed gives every demo account the same hash: one verification per distinct hash
	const hashes = [...new Set(rows.map((r) => r.password_hash!))];
	const verified = new Set(
		(
			await Promise.all(
				hashes.map(async (h) => ((await verifyPassword(h, DEMO_PASSWORD)) ? h : null))
			)
		).filter((h) => h !== null)
	);
	const usable = rows.map((r) => (verified.has(r.password_hash!) ? r : null));
	const order = (email: string) => USERS.findIndex((u) => u.email === email);
	const value = usable
		.filter((r) => r !== null)
		.sort((a, b) => order(a.email) - order(b.email))
		.map(({ email, name, role }) => ({ email, name, role }));
	cached = { at: Date.now(), value };
	return value;
}

export function forgetDemoSignIns(): void {
	cached = undefined;
}
