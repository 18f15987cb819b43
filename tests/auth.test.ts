import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSession } from '../src/lib/server/auth/session';
import { INACTIVE, signIn, THROTTLED, WRONG_CREDENTIALS } from '../src/lib/server/auth/sign-in';
import type { DbHandle } from '../src/lib/server/db/connect';
import { setUserActive } from '../src/lib/server/users/service';
import { cookieFrom, testAuth, user, atelier } from './helpers/auth';
import { createTestDb } from './helpers/test-db';

describe('password sign-in and sessions (better-auth on our database)', () => {
	let handle: DbHandle;
	beforeAll(async () => {
		handle = await createTestDb();
	});
	afterAll(async () => handle?.close());

	it('signs in with the right password; wrong password and unknown e-mail get the same message', async () => {
		const db = handle.db;
		const a = await atelier(db, 'a');
		const id = await user(db, 'kim@voorbeeld.nl', 'kartrekker', 'correct-horse-battery', [a]);
		const auth = testAuth(db);

		const ok = await signIn(auth, db, {
			email: ' Kim@Voorbeeld.nl ',
			password: 'correct-horse-battery',
			ip: '10.0.0.1'
		});
		expect(ok.ok).toBe(true);
		if (!ok.ok) return;
		expect(ok.userId).toBe(id);
		expect(ok.setCookie).toMatch(/jaarbeeld\.session_token=/);
		expect(ok.setCookie).toMatch(/HttpOnly/i);
		expect(ok.setCookie).toMatch(/SameSite=Lax/i);
		expect(ok.setCookie).not.toMatch(/Secure/i);

		const session = await resolveSession(
			auth,
			db,
			new Headers({ cookie: cookieFrom(ok.setCookie) })
		);
		expect(session.user).toEqual({
			id,
			name: 'kim',
			email: 'kim@voorbeeld.nl',
			role: 'kartrekker',
			atelierIds: [a]
		});
		const stored = await db.selectFrom('auth_session').select('token').execute();
		expect(stored).toHaveLength(1);

		const wrong = await signIn(auth, db, {
			email: 'kim@voorbeeld.nl',
			password: 'verkeerd-wachtwoord',
			ip: '10.0.0.1'
		});
		const unknown = await signIn(auth, db, {
			email: 'niemand@voorbeeld.nl',
			password: 'correct-horse-battery',
			ip: '10.0.0.1'
		});
		expect(wrong).toEqual({ ok: false, reason: 'credentials', message: WRONG_CREDENTIALS });
		expect(unknown).toEqual(wrong);
		expect(WRONG_CREDENTIALS).toBe('E-mailadres of wachtwoord klopt niet.');
	});

	it('stores passwords as argon2id hashes', async () => {
		const rows = await handle.db.selectFrom('auth_account').select('password').execute();
		expect(rows.length).toBeGreaterThan(0);
		for (const r of rows) expect(r.password).toMatch(/^\$argon2id\$/);
	});

	it('treats an expired or tampered session cookie as signed out', async () => {
		const db = handle.db;
		const auth = testAuth(db);
		await user(db, 'tamper@voorbeeld.nl', 'council');
		const ok = await signIn(auth, db, {
			email: 'tamper@voorbeeld.nl',
			password: 'correct-horse-battery',
			ip: '10.0.0.2'
		});
		if (!ok.ok) throw new Error('sign-in failed');
		const cookie = cookieFrom(ok.setCookie);
		const [name, value] = cookie.split('=');
		const tampered = `${name}=${value.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'))}`;
		expect((await resolveSession(auth, db, new Headers({ cookie: tampered }))).user).toBeNull();
		// signed with another secret
		const other = testAuth(db);
		expect((await resolveSession(other, db, new Headers({ cookie }))).user).not.toBeNull();
		const { createAuth } = await import('../src/lib/server/auth/better-auth');
		const foreign = createAuth(db, {
			secret: 'another-secret-another-secret-0123456789',
			baseURL: 'http://x'
		});
		expect((await resolveSession(foreign, db, new Headers({ cookie }))).user).toBeNull();
		// expired in the database
		await db
			.updateTable('auth_session')
			.set({ expires_at: new Date(Date.now() - 1000) })
			.execute();
		expect((await resolveSession(auth, db, new Headers({ cookie }))).user).toBeNull();
	});

	it('counts failures in the database: 5 per e-mail within 15 minutes refuse even the right password', async () => {
		const db = handle.db;
		await user(db, 'throttle@voorbeeld.nl', 'council');
		for (let i = 0; i < 5; i++) {
			const r = await signIn(testAuth(db), db, {
				email: 'throttle@voorbeeld.nl',
				password: `fout-${i}-wachtwoord`,
				ip: `10.1.0.${i}`
			});
			expect(r.ok).toBe(false);
		}
		const { n } = await db
			.selectFrom('sign_in_failures')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('email', '=', 'throttle@voorbeeld.nl')
			.executeTakeFirstOrThrow();
		expect(Number(n)).toBe(5);
		// a fresh auth instance (another app process) sees the same count
		const refused = await signIn(testAuth(db), db, {
			email: 'throttle@voorbeeld.nl',
			password: 'correct-horse-battery',
			ip: '10.1.0.99'
		});
		expect(refused).toEqual({ ok: false, reason: 'throttled', message: THROTTLED });
		// once the failures are older than 15 minutes, sign-in works again
		await db
			.updateTable('sign_in_failures')
			.set({ at: sql<Date>`now() - interval '16 minutes'` })
			.where('email', '=', 'throttle@voorbeeld.nl')
			.execute();
		const later = await signIn(testAuth(db), db, {
			email: 'throttle@voorbeeld.nl',
			password: 'correct-horse-battery',
			ip: '10.1.0.99'
		});
		expect(later.ok).toBe(true);
	});

	it('refuses a client address after 20 failures within 15 minutes, whatever the e-mail', async () => {
		const db = handle.db;
		await user(db, 'address@voorbeeld.nl', 'council');
		for (let i = 0; i < 20; i++)
			await signIn(testAuth(db), db, {
				email: `onbekend-${i}@voorbeeld.nl`,
				password: 'wat-dan-ook-123',
				ip: '10.9.9.9'
			});
		const refused = await signIn(testAuth(db), db, {
			email: 'address@voorbeeld.nl',
			password: 'correct-horse-battery',
			ip: '10.9.9.9'
		});
		expect(refused.ok === false && refused.reason).toBe('throttled');
		const elsewhere = await signIn(testAuth(db), db, {
			email: 'address@voorbeeld.nl',
			password: 'correct-horse-battery',
			ip: '10.9.9.10'
		});
		expect(elsewhere.ok).toBe(true);
	});

	it('ends the sessions of a deactivated user, who then cannot sign in', async () => {
		const db = handle.db;
		const auth = testAuth(db);
		await user(db, 'boss@voorbeeld.nl', 'management');
		const id = await user(db, 'leaving@voorbeeld.nl', 'council');
		const ok = await signIn(auth, db, {
			email: 'leaving@voorbeeld.nl',
			password: 'correct-horse-battery',
			ip: '10.2.0.1'
		});
		if (!ok.ok) throw new Error('sign-in failed');
		const headers = new Headers({ cookie: cookieFrom(ok.setCookie) });
		expect((await resolveSession(auth, db, headers)).user?.id).toBe(id);

		await setUserActive(db, null, id, false);
		expect((await resolveSession(auth, db, headers)).user).toBeNull();
		const authUserId = (
			await db
				.selectFrom('app_users')
				.select('auth_user_id')
				.where('id', '=', id)
				.executeTakeFirstOrThrow()
		).auth_user_id!;
		const left = await db
			.selectFrom('auth_session')
			.select('id')
			.where('user_id', '=', authUserId)
			.execute();
		expect(left).toEqual([]);

		const again = await signIn(auth, db, {
			email: 'leaving@voorbeeld.nl',
			password: 'correct-horse-battery',
			ip: '10.2.0.1'
		});
		expect(again).toEqual({ ok: false, reason: 'inactive', message: INACTIVE });
		const wrongToo = await signIn(auth, db, {
			email: 'leaving@voorbeeld.nl',
			password: 'niet-het-wachtwoord',
			ip: '10.2.0.1'
		});
		expect(wrongToo.ok === false && wrongToo.message).toBe(WRONG_CREDENTIALS);
	});
});
