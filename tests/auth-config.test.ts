import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuth } from '../src/lib/server/auth/better-auth';
import { anyActiveWithPassword, demoAccountsActive } from '../src/lib/server/auth/demo-warning';
import { resolveAuthSecret } from '../src/lib/server/auth/secret';
import { signIn } from '../src/lib/server/auth/sign-in';
import type { DbHandle } from '../src/lib/server/db/connect';
import { setUserActive } from '../src/lib/server/users/service';
import { setDemoPasswords } from '../seeds/demo-accounts';
import { TEST_SECRET, user } from './helpers/auth';
import { createTestDb } from './helpers/test-db';

describe('auth configuration', () => {
	let handle: DbHandle;
	beforeAll(async () => {
		handle = await createTestDb();
	});
	afterAll(async () => handle?.close());

	it('generates one secret and keeps it in the database when BETTER_AUTH_SECRET is not set', async () => {
		const first = await resolveAuthSecret(handle.db, {});
		expect(first.length).toBeGreaterThanOrEqual(32);
		expect(await resolveAuthSecret(handle.db, {})).toBe(first);
		const configured = 'a'.repeat(16) + 'b'.repeat(20);
		expect(await resolveAuthSecret(handle.db, { BETTER_AUTH_SECRET: configured })).toBe(configured);
		await expect(resolveAuthSecret(handle.db, { BETTER_AUTH_SECRET: 'kort' })).rejects.toThrow(
			/BETTER_AUTH_SECRET is te kort/
		);
	});

	it('sets a Secure, __Secure- prefixed session cookie behind HTTPS', async () => {
		await user(handle.db, 'https@voorbeeld.nl', 'council');
		const auth = createAuth(handle.db, { secret: TEST_SECRET, baseURL: 'https://jaarbeeld.test' });
		const ok = await signIn(auth, handle.db, {
			email: 'https@voorbeeld.nl',
			password: 'correct-horse-battery',
			ip: '10.5.0.1'
		});
		expect(ok.ok).toBe(true);
		if (!ok.ok) return;
		expect(ok.setCookie).toMatch(/^__Secure-jaarbeeld\.session_token=/);
		expect(ok.setCookie).toMatch(/; Secure/i);
		expect(ok.setCookie).toMatch(/HttpOnly/i);
		expect(ok.setCookie).toMatch(/SameSite=Lax/i);
	});

	it('warns about demo passwords only on PostgreSQL and only while such an account is active', async () => {
		const id = await user(handle.db, 'demo@voorbeeld.nl', 'council', 'iets-anders-dan-demo');
		expect(await anyActiveWithPassword(handle.db, 'jaarbeeld-demo')).toBe(false);
		await handle.db.transaction().execute((trx) => setDemoPasswords(trx, ['demo@voorbeeld.nl']));
		expect(await anyActiveWithPassword(handle.db, 'jaarbeeld-demo')).toBe(true);
		expect(await demoAccountsActive(handle.db, 'pglite')).toBe(false);
		await setUserActive(handle.db, null, id, false);
		expect(await anyActiveWithPassword(handle.db, 'jaarbeeld-demo')).toBe(false);
	});
});
