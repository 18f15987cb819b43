import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordSignInEnabled } from '../src/lib/server/auth/password-switch';
import { endSessionsOf, resolveSession, tokenHash } from '../src/lib/server/auth/session';
import {
	INACTIVE,
	PASSWORDS_OFF,
	signIn,
	THROTTLED,
	WRONG_CREDENTIALS
} from '../src/lib/server/auth/sign-in';
import type { DbHandle } from '../src/lib/server/db/connect';
import { setUserActive } from '../src/lib/server/users/accounts';
import { user, atelier } from './helpers/auth';
import { createTestDb } from './helpers/test-db';

describe('password sign-in and sessions (our own session table)', () => {
	let handle: DbHandle;
	beforeAll(async () => {
		handle = await createTestDb();
	});
	afterAll(async () => handle?.close());

	it('signs in with the right password; wrong password and unknown e-mail get the same message', async () => {
		const db = handle.db;
		const a = await atelier(db, 'a');
		const id = await user(db, 'kim@voorbeeld.nl', 'kartrekker', 'correct-horse-battery', [a]);

		const ok = await signIn(db, {
			email: ' Kim@Voorbeeld.nl ',
			password: 'correct-horse-battery',
			ip: '10.0.0.1'
		});
		expect(ok.ok).toBe(true);
		if (!ok.ok) return;
		expect(ok.userId).toBe(id);
		// 32 random bytes; the table keeps only their SHA-256, never the token itself
		expect(ok.session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(ok.session.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6.9 * 24 * 3600_000);

		const session = await resolveSession(db, ok.session.token);
		expect(session?.method).toBe('password');
		expect(session?.user).toEqual({
			id,
			name: 'kim',
			email: 'kim@voorbeeld.nl',
			role: 'kartrekker',
			atelierIds: [a]
		});
		const stored = await db.selectFrom('sessions').select('token_hash').execute();
		expect(stored).toEqual([{ token_hash: tokenHash(ok.session.token) }]);
		expect(stored[0].token_hash).not.toContain(ok.session.token);

		const wrong = await signIn(db, {
			email: 'kim@voorbeeld.nl',
			password: 'verkeerd-wachtwoord',
			ip: '10.0.0.1'
		});
		const unknown = await signIn(db, {
			email: 'niemand@voorbeeld.nl',
			password: 'correct-horse-battery',
			ip: '10.0.0.1'
		});
		expect(wrong).toEqual({ ok: false, reason: 'credentials', message: WRONG_CREDENTIALS });
		expect(unknown).toEqual(wrong);
		expect(WRONG_CREDENTIALS).toBe('E-mailadres of wachtwoord klopt niet.');
	});

	it('stores passwords as argon2id hashes', async () => {
		const rows = await handle.db
			.selectFrom('app_users')
			.select('password_hash')
			.where('password_hash', 'is not', null)
			.execute();
		expect(rows.length).toBeGreaterThan(0);
		for (const r of rows) expect(r.password_hash).toMatch(/^\$argon2id\$/);
	});

	it('treats an expired, unknown or tampered session token as signed out', async () => {
		const db = handle.db;
		await user(db, 'tamper@voorbeeld.nl', 'council');
		const ok = await signIn(db, {
			email: 'tamper@voorbeeld.nl',
			password: 'correct-horse-battery',
			ip: '10.0.0.2'
		});
		if (!ok.ok) throw new Error('sign-in failed');
		const token = ok.session.token;
		const tampered = token.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
		expect(await resolveSession(db, tampered)).toBeNull();
		expect(await resolveSession(db, `${token}x`)).toBeNull();
		expect(await resolveSession(db, '')).toBeNull();
		// the stored hash is no token: presenting it does not sign in
		expect(await resolveSession(db, tokenHash(token))).toBeNull();
		expect(await resolveSession(db, token)).not.toBeNull();
		// expired in the database
		await db
			.updateTable('sessions')
			.set({ expires_at: new Date(Date.now() - 1000) })
			.execute();
		expect(await resolveSession(db, token)).toBeNull();
	});

	it('extends a session in use to seven days again, at most once a day', async () => {
		const db = handle.db;
		await user(db, 'renew@voorbeeld.nl', 'council');
		const ok = await signIn(db, {
			email: 'renew@voorbeeld.nl',
			password: 'correct-horse-battery',
			ip: '10.0.0.3'
		});
		if (!ok.ok) throw new Error('sign-in failed');
		const hash = tokenHash(ok.session.token);
		expect((await resolveSession(db, ok.session.token))?.renewedUntil).toBeNull();
		await db
			.updateTable('sessions')
			.set({
				renewed_at: sql<Date>`now() - interval '25 hours'`,
				expires_at: sql<Date>`now() + interval '2 days'`
			})
			.where('token_hash', '=', hash)
			.execute();
		const renewed = await resolveSession(db, ok.session.token);
		expect(renewed?.renewedUntil?.getTime()).toBeGreaterThan(Date.now() + 6.9 * 24 * 3600_000);
		const row = await db
			.selectFrom('sessions')
			.select('expires_at')
			.where('token_hash', '=', hash)
			.executeTakeFirstOrThrow();
		expect(new Date(row.expires_at).getTime()).toBe(renewed!.renewedUntil!.getTime());
		expect((await resolveSession(db, ok.session.token))?.renewedUntil).toBeNull();
	});

	it('ends all other sessions of an account but keeps the one asked for', async () => {
		const db = handle.db;
		const id = await user(db, 'many@voorbeeld.nl', 'council');
		const sessions = [];
		for (let i = 0; i < 3; i++) {
			const ok = await signIn(db, {
				email: 'many@voorbeeld.nl',
				password: 'correct-horse-battery',
				ip: '10.0.0.4'
			});
			if (!ok.ok) throw new Error('sign-in failed');
			sessions.push(ok.session.token);
		}
		await endSessionsOf(db, id, sessions[1]);
		expect(await resolveSession(db, sessions[0])).toBeNull();
		expect((await resolveSession(db, sessions[1]))?.user.id).toBe(id);
		expect(await resolveSession(db, sessions[2])).toBeNull();
	});

	it('refuses every password while password sign-in is off, unless PASSWORD_SIGN_IN=on', async () => {
		const db = handle.db;
		await user(db, 'off@voorbeeld.nl', 'council');
		await db
			.insertInto('settings')
			.values({ key: 'password_sign_in', value: JSON.stringify(false) })
			.execute();
		try {
			const refused = await signIn(db, {
				email: 'off@voorbeeld.nl',
				password: 'correct-horse-battery',
				ip: '10.0.0.5'
			});
			expect(refused).toEqual({ ok: false, reason: 'disabled', message: PASSWORDS_OFF });
			expect(await passwordSignInEnabled(db, {})).toBe(false);
			expect(await passwordSignInEnabled(db, { PASSWORD_SIGN_IN: 'on' })).toBe(true);
		} finally {
			await db.deleteFrom('settings').where('key', '=', 'password_sign_in').execute();
		}
		const ok = await signIn(db, {
			email: 'off@voorbeeld.nl',
			password: 'correct-horse-battery',
			ip: '10.0.0.5'
		});
		expect(ok.ok).toBe(true);
	});

	it('counts failures in the database: 5 per e-mail within 15 minutes refuse even the right password', async () => {
		const db = handle.db;
		await user(db, 'throttle@voorbeeld.nl', 'council');
		for (let i = 0; i < 5; i++) {
			const r = await signIn(db, {
				email: 'throttle@voorbeeld.nl',
				password: `fout-${i}-wachtwoord`,
				ip: `10.1.0.${i}`
			});
			expect(r.ok).toBe(false);
		}
		const { n } = await db
			.selectFrom('sign_in_attempts')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('email', '=', 'throttle@voorbeeld.nl')
			.where('failed_at', 'is not', null)
			.executeTakeFirstOrThrow();
		expect(Number(n)).toBe(5);
		// another app process (the same database) sees the same count
		const refused = await signIn(db, {
			email: 'throttle@voorbeeld.nl',
			password: 'correct-horse-battery',
			ip: '10.1.0.99'
		});
		expect(refused).toEqual({ ok: false, reason: 'throttled', message: THROTTLED });
		// once the failures are older than 15 minutes, sign-in works again
		await db
			.updateTable('sign_in_attempts')
			.set({ at: sql<Date>`now() - interval '16 minutes'` })
			.where('email', '=', 'throttle@voorbeeld.nl')
			.execute();
		const later = await signIn(db, {
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
			await signIn(db, {
				email: `onbekend-${i}@voorbeeld.nl`,
				password: 'wat-dan-ook-123',
				ip: '10.9.9.9'
			});
		const refused = await signIn(db, {
			email: 'address@voorbeeld.nl',
			password: 'correct-horse-battery',
			ip: '10.9.9.9'
		});
		expect(refused.ok === false && refused.reason).toBe('throttled');
		const elsewhere = await signIn(db, {
			email: 'address@voorbeeld.nl',
			password: 'correct-horse-battery',
			ip: '10.9.9.10'
		});
		expect(elsewhere.ok).toBe(true);
	});

	it('ends the sessions of a deactivated user, who then cannot sign in', async () => {
		const db = handle.db;
		await user(db, 'boss@voorbeeld.nl', 'management');
		const id = await user(db, 'leaving@voorbeeld.nl', 'council');
		const ok = await signIn(db, {
			email: 'leaving@voorbeeld.nl',
			password: 'correct-horse-battery',
			ip: '10.2.0.1'
		});
		if (!ok.ok) throw new Error('sign-in failed');
		expect((await resolveSession(db, ok.session.token))?.user.id).toBe(id);

		await setUserActive(db, null, id, false);
		expect(await resolveSession(db, ok.session.token)).toBeNull();
		const left = await db
			.selectFrom('sessions')
			.select('token_hash')
			.where('user_id', '=', id)
			.execute();
		expect(left).toEqual([]);

		const again = await signIn(db, {
			email: 'leaving@voorbeeld.nl',
			password: 'correct-horse-battery',
			ip: '10.2.0.1'
		});
		expect(again).toEqual({ ok: false, reason: 'inactive', message: INACTIVE });
		const wrongToo = await signIn(db, {
			email: 'leaving@voorbeeld.nl',
			password: 'niet-het-wachtwoord',
			ip: '10.2.0.1'
		});
		expect(wrongToo.ok === false && wrongToo.message).toBe(WRONG_CREDENTIALS);
	});
});
