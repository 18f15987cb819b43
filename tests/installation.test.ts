import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveSession } from '../src/lib/server/auth/session';
import { signIn } from '../src/lib/server/auth/sign-in';
import type { DbHandle } from '../src/lib/server/db/connect';
import { ActionError, ValidationError } from '../src/lib/server/errors';
import {
	completeSetup,
	issueSetupCode,
	newSetupCode,
	setupNeeded,
	SETUP_THROTTLED,
	WRONG_CODE
} from '../src/lib/server/setup/installation';
import { getWerkplaatsSettings } from '../src/lib/server/settings/werkplaats';
import { parseUserCreateArgs, runUserCreate } from '../src/lib/server/users/cli';
import { createTestDb } from './helpers/test-db';
import { refusal } from './helpers/refusal';

const form = (code: string, overrides: Record<string, string> = {}) => ({
	code,
	werkplaatsName: 'Werkplaats Sociaal Domein Noord',
	shortName: 'WSD Noord',
	name: 'Eerste Beheerder',
	email: 'Beheer@Noord.nl',
	password: 'een-lang-wachtwoord',
	confirm: 'een-lang-wachtwoord',
	...overrides
});

describe('the first start of an installation', () => {
	let handle: DbHandle;
	beforeEach(async () => {
		handle = await createTestDb();
	});
	afterEach(async () => handle?.close());

	it('prints codes of four groups of four unambiguous characters', () => {
		const codes = new Set(Array.from({ length: 50 }, newSetupCode));
		expect(codes.size).toBe(50);
		for (const code of codes) expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}$/);
	});

	it('creates the werkplaats and its first manager with the printed code, once', async () => {
		const db = handle.db;
		expect(await setupNeeded(db)).toBe(true);
		const code = (await issueSetupCode(db))!;
		expect(code).toBeTruthy();
		// only the hash is stored
		const stored = await db.selectFrom('setup_codes').select('code_hash').execute();
		expect(stored).toHaveLength(1);
		expect(stored[0].code_hash).not.toContain(code.replace(/-/g, ''));

		// typed in lower case without dashes is the same code
		const done = await completeSetup(db, {
			values: form(code.toLowerCase().replace(/-/g, ' ')),
			ip: '10.0.0.1'
		});
		const user = await db
			.selectFrom('app_users')
			.select(['id', 'name', 'email', 'role', 'active'])
			.executeTakeFirstOrThrow();
		expect(user).toEqual({
			id: done.userId,
			name: 'Eerste Beheerder',
			email: 'beheer@noord.nl',
			role: 'management',
			active: true
		});
		expect(await getWerkplaatsSettings(db)).toMatchObject({
			name: 'Werkplaats Sociaal Domein Noord',
			shortName: 'WSD Noord'
		});
		// signed in at once, and the password works for the next sign-in
		expect((await resolveSession(db, done.session.token))?.user.id).toBe(done.userId);
		const again = await signIn(db, {
			email: 'beheer@noord.nl',
			password: 'een-lang-wachtwoord',
			ip: '10.0.0.1'
		});
		expect(again.ok).toBe(true);
		// audited: the account and the werkplaats, by the new manager
		const audit = await db
			.selectFrom('audit_log')
			.select(['entity', 'action', 'actor_id', 'after'])
			.orderBy('id')
			.execute();
		expect(audit.map((a) => `${a.entity}:${a.action}`)).toEqual([
			'user:create',
			'werkplaats:setup'
		]);
		expect(audit[1].actor_id).toBe(done.userId);

		// gone for good: every code is used up and a second set-up is refused with 404
		expect(await setupNeeded(db)).toBe(false);
		expect(await db.selectFrom('setup_codes').selectAll().execute()).toEqual([]);
		expect(await issueSetupCode(db)).toBeNull();
		const second = await refusal(
			completeSetup(db, { values: form(code, { email: 'ander@noord.nl' }), ip: '10.0.0.1' })
		);
		expect(second.status).toBe(404);
		expect(await db.selectFrom('app_users').select('id').execute()).toHaveLength(1);
	});

	it('refuses a wrong code, counts it like a failed sign-in and then throttles', async () => {
		const db = handle.db;
		const code = (await issueSetupCode(db))!;
		for (let i = 0; i < 5; i++) {
			const wrong = await refusal(
				completeSetup(db, { values: form('AAAA-BBBB-CCCC-DDDD'), ip: '10.0.0.9' })
			);
			expect(wrong.status).toBe(400);
			expect(wrong.errors).toEqual({ code: WRONG_CODE });
		}
		// now even the right code is refused from this address for a while
		const throttled = await refusal(completeSetup(db, { values: form(code), ip: '10.0.0.9' }));
		expect(throttled.status).toBe(429);
		expect(throttled.errors).toEqual({ code: SETUP_THROTTLED });
		expect(await setupNeeded(db)).toBe(true);
		// ... while another address still gets through
		await completeSetup(db, { values: form(code), ip: '10.0.0.10' });
		expect(await setupNeeded(db)).toBe(false);
	});

	it('keeps the code when a field is wrong, with Dutch messages at the fields', async () => {
		const db = handle.db;
		const code = (await issueSetupCode(db))!;
		const bad = await refusal(
			completeSetup(db, {
				values: form(code, {
					werkplaatsName: ' ',
					email: 'geen-adres',
					password: 'kort',
					confirm: 'anders'
				}),
				ip: '10.0.0.1'
			})
		);
		expect(bad).toBeInstanceOf(ValidationError);
		expect(bad.errors).toEqual({
			werkplaatsName: 'Vul de naam van de werkplaats in.',
			email: 'Vul een geldig e-mailadres in, zoals naam@organisatie.nl.',
			password: 'Kies een wachtwoord van minstens 10 tekens.',
			confirm: 'De twee wachtwoorden zijn niet gelijk.'
		});
		expect(await db.selectFrom('app_users').select('id').execute()).toEqual([]);
		await completeSetup(db, { values: form(code), ip: '10.0.0.1' });
		expect(await setupNeeded(db)).toBe(false);
	});

	it('accepts the code of any start (every app process prints its own) and lets one set-up win', async () => {
		const db = handle.db;
		const first = (await issueSetupCode(db))!;
		const second = (await issueSetupCode(db))!;
		const outcomes = await Promise.allSettled([
			completeSetup(db, { values: form(first), ip: '10.0.0.1' }),
			completeSetup(db, {
				values: form(second, { email: 'tweede@noord.nl', name: 'Tweede' }),
				ip: '10.0.0.2'
			})
		]);
		expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
		const lost = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
		expect((lost.reason as ActionError).status).toBe(404);
		const managers = await db.selectFrom('app_users').select('role').execute();
		expect(managers).toEqual([{ role: 'management' }]);
	});

	it('ends once `npm run user:create` made a management account', async () => {
		const db = handle.db;
		const code = (await issueSetupCode(db))!;
		const parsed = parseUserCreateArgs([
			'--email',
			'cli@noord.nl',
			'--password',
			'een-lang-wachtwoord',
			'--role',
			'management'
		]);
		if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
		await runUserCreate(db, parsed.args);
		expect(await setupNeeded(db)).toBe(false);
		const refused = await refusal(completeSetup(db, { values: form(code), ip: '10.0.0.1' }));
		expect(refused.status).toBe(404);
	});
});
