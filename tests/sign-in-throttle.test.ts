import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, THROTTLED, type SignInResult } from '../src/lib/server/auth/sign-in';
import {
	claimSignInAttempt,
	forgiveSignInFailures,
	recordSignInFailure
} from '../src/lib/server/auth/throttle';
import type { DbHandle } from '../src/lib/server/db/connect';
import { user } from './helpers/auth';
import { createTestDb } from './helpers/test-db';

// Issue 13: the limit was checked before the password and the failure written after it, so a
// burst of parallel requests was checked in full. These tests send the burst.
describe('sign-in throttle under parallel attempts', () => {
	let handle: DbHandle;
	beforeAll(async () => {
		handle = await createTestDb();
	});
	afterAll(async () => handle?.close());

	const reasons = (results: SignInResult[]) => results.map((r) => (r.ok ? 'ok' : r.reason)).sort();
	const tally = (results: SignInResult[]) =>
		reasons(results).reduce<Record<string, number>>(
			(acc, r) => ((acc[r] = (acc[r] ?? 0) + 1), acc),
			{}
		);

	it('checks at most 5 of 200 parallel wrong passwords for one address; the right one then waits out the window', async () => {
		const db = handle.db;
		await user(db, 'burst@voorbeeld.nl', 'council');
		const burst = await Promise.all(
			Array.from({ length: 200 }, (_, i) =>
				signIn(db, {
					email: 'burst@voorbeeld.nl',
					password: `fout-${i}-wachtwoord`,
					ip: `10.7.${i >> 8}.${i & 255}`
				})
			)
		);
		expect(tally(burst)).toEqual({ credentials: 5, throttled: 195 });
		const right = await signIn(db, {
			email: 'burst@voorbeeld.nl',
			password: 'correct-horse-battery',
			ip: '10.7.9.9'
		});
		expect(right).toEqual({ ok: false, reason: 'throttled', message: THROTTLED });
		await db
			.updateTable('sign_in_attempts')
			.set({ at: sql<Date>`now() - interval '16 minutes'` })
			.where('email', '=', 'burst@voorbeeld.nl')
			.execute();
		const later = await signIn(db, {
			email: 'burst@voorbeeld.nl',
			password: 'correct-horse-battery',
			ip: '10.7.9.9'
		});
		expect(later.ok).toBe(true);
	});

	it('checks at most 20 of 200 parallel attempts from one client address, whatever the e-mail', async () => {
		const db = handle.db;
		const burst = await Promise.all(
			Array.from({ length: 200 }, (_, i) =>
				signIn(db, { email: `gok-${i}@voorbeeld.nl`, password: 'wat-dan-ook-123', ip: '10.8.8.8' })
			)
		);
		expect(tally(burst)).toEqual({ credentials: 20, throttled: 180 });
	});

	it('a burst that contains the right password keeps the record of its wrong guesses', async () => {
		const db = handle.db;
		await user(db, 'mixed@voorbeeld.nl', 'council');
		const email = 'mixed@voorbeeld.nl';
		const passwords = [
			'fout-1-wachtwoord',
			'fout-2-wachtwoord',
			'correct-horse-battery',
			'fout-3-wachtwoord'
		];
		const burst = await Promise.all(
			passwords.map((password, i) => signIn(db, { email, password, ip: `10.6.0.${i}` }))
		);
		expect(tally(burst)).toEqual({ credentials: 3, ok: 1 });
		const failed = await db
			.selectFrom('sign_in_attempts')
			.select('id')
			.where('email', '=', email)
			.where('failed_at', 'is not', null)
			.execute();
		expect(failed).toHaveLength(3);
	});

	it('a success forgives the failures that were over before it began, not those still running', async () => {
		const db = handle.db;
		const email = 'order@voorbeeld.nl';
		const before = await claimSignInAttempt(db, email, '10.5.0.1');
		if (before.throttled) throw new Error('throttled');
		await recordSignInFailure(db, before.id);
		const success = await claimSignInAttempt(db, email, '10.5.0.2');
		const concurrent = await claimSignInAttempt(db, email, '10.5.0.3');
		if (success.throttled || concurrent.throttled) throw new Error('throttled');
		await recordSignInFailure(db, concurrent.id);
		await forgiveSignInFailures(db, email, success);
		const left = await db
			.selectFrom('sign_in_attempts')
			.select('id')
			.where('email', '=', email)
			.execute();
		expect(left.map((r) => Number(r.id))).toEqual([concurrent.id]);
	});
});
