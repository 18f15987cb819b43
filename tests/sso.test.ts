import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../src/lib/server/auth/guards';
import { setPasswordSignIn } from '../src/lib/server/auth/password-switch';
import { resolveSession } from '../src/lib/server/auth/session';
import { finishProviderSignIn, startProviderSignIn } from '../src/lib/server/auth/sso/flow';
import { listIdentities, unlinkIdentity } from '../src/lib/server/auth/sso/identities';
import { forgetProviderConfigs } from '../src/lib/server/auth/sso/oidc';
import {
	createProvider,
	deleteProvider,
	updateProvider
} from '../src/lib/server/auth/sso/provider-admin';
import { providerSchema } from '../src/lib/server/auth/sso/provider-schema';
import { findProvider } from '../src/lib/server/auth/sso/providers';
import type { DbHandle } from '../src/lib/server/db/connect';
import { setUserActive } from '../src/lib/server/users/accounts';
import { freePort } from '../scripts/free-port';
import { atelier, user } from './helpers/auth';
import {
	loginAtProvider,
	startOidcProvider,
	type RunningProvider,
	type TestAccount
} from './helpers/oidc-provider';
import { expectRefused } from './helpers/records';
import { createTestDb } from './helpers/test-db';

// Sign-in through a real OpenID Connect provider (oidc-provider in its own process), driven
// without a browser: the app's side is called as the routes call it. The browser test
// (tests/e2e/sso.e2e.ts) walks the same flow through the pages.

const APP = 'http://127.0.0.1:4599';
const KEYS = ['surfconext', 'fout-geheim', 'verlopen', 'vervalst', 'onbereikbaar'];
const ACCOUNTS: TestAccount[] = [
	{ login: 'kim', email: 'kim@hogeschool.nl', emailVerified: true, name: 'Kim' },
	{ login: 'kim-tweede', email: 'kim@hogeschool.nl', emailVerified: true, name: 'Kim 2' },
	{ login: 'baas', email: 'baas@hogeschool.nl', emailVerified: true, name: 'Baas' },
	{ login: 'onbekend', email: 'niemand@hogeschool.nl', emailVerified: true, name: 'Niemand' },
	{ login: 'onbevestigd', email: 'sam@hogeschool.nl', emailVerified: false, name: 'Sam' },
	{ login: 'buiten', email: 'lou@elders.nl', emailVerified: true, name: 'Lou' },
	{ login: 'gestopt', email: 'gestopt@hogeschool.nl', emailVerified: true, name: 'Gestopt' }
];
const client = {
	clientId: 'jaarbeeld',
	clientSecret: 'het-echte-geheim-van-de-client',
	redirectUris: KEYS.map((k) => `${APP}/inloggen/sso/${k}/terug`)
};

describe('sign-in through an OpenID Connect provider', () => {
	let handle: DbHandle;
	let good: RunningProvider;
	let late: RunningProvider;
	let forged: RunningProvider;
	let boss: SessionUser;
	let kim: number;
	const savedKey = process.env.SSO_SECRET_KEY;

	beforeAll(async () => {
		process.env.SSO_SECRET_KEY = 'test-sleutel-voor-clientgeheimen-0123456789';
		[handle, good, late, forged] = await Promise.all([
			createTestDb(),
			startOidcProvider({ accounts: ACCOUNTS, clients: [client] }),
			// 30 minutes behind, ID tokens valid for 5: they expired long before they arrive
			startOidcProvider({
				accounts: ACCOUNTS,
				clients: [client],
				clockOffsetSeconds: -1800,
				idTokenSeconds: 300
			}),
			startOidcProvider({ accounts: ACCOUNTS, clients: [client], wrongKeys: true })
		]);
		const db = handle.db;
		const a = await atelier(db, 'sso-a');
		const bossId = await user(db, 'baas@hogeschool.nl', 'management');
		boss = {
			id: bossId,
			name: 'baas',
			email: 'baas@hogeschool.nl',
			role: 'management',
			atelierIds: []
		};
		kim = await user(db, 'kim@hogeschool.nl', 'kartrekker', undefined, [a]);
		await user(db, 'sam@hogeschool.nl', 'council');
		await user(db, 'lou@elders.nl', 'council');
		const gone = await user(db, 'gestopt@hogeschool.nl', 'council');
		await setUserActive(db, null, gone, false);
		const add = (key: string, issuer: string, secret = client.clientSecret) =>
			createProvider(
				db,
				boss,
				providerSchema.parse({
					key,
					name: key === 'surfconext' ? 'SURFconext' : key,
					issuer,
					clientId: client.clientId,
					clientSecret: secret,
					emailDomains: 'hogeschool.nl'
				})
			);
		await add('surfconext', good.issuer);
		await add('fout-geheim', good.issuer, 'niet-het-geheim');
		await add('verlopen', late.issuer);
		await add('vervalst', forged.issuer);
		await add('onbereikbaar', `http://127.0.0.1:${await freePort()}`);
	}, 120_000);

	afterAll(async () => {
		process.env.SSO_SECRET_KEY = savedKey;
		if (savedKey === undefined) delete process.env.SSO_SECRET_KEY;
		await Promise.all([handle?.close(), good?.stop(), late?.stop(), forged?.stop()]);
	});

	/** Everything a refused sign-in must leave as it was. */
	const state = async () => {
		const db = handle.db;
		const [users, sessions, identities, audit] = await Promise.all([
			db.selectFrom('app_users').selectAll().orderBy('id').execute(),
			db.selectFrom('sessions').select('token_hash').orderBy('token_hash').execute(),
			db.selectFrom('user_identities').selectAll().orderBy('id').execute(),
			db.selectFrom('audit_log').select('id').orderBy('id').execute()
		]);
		return { users, sessions, identities, audit };
	};

	async function signInAs(key: string, login: string, returnTo = '/ateliers') {
		const start = await startProviderSignIn(handle.db, key, APP, returnTo);
		if (!start.ok) return { start, back: null, result: null };
		const back = await loginAtProvider(start.url, login);
		const result = await finishProviderSignIn(handle.db, key, back, start.state, 'vitest');
		return { start, back, result };
	}

	async function expectFault(key: string, login: string, fault: string) {
		const before = await state();
		const { start, result } = await signInAs(key, login);
		const outcome = start.ok ? result : start;
		expect(outcome, `${login} via ${key}`).toMatchObject({ ok: false, fault });
		expect(await state()).toEqual(before);
	}

	it('sends the browser to the provider with PKCE (S256), state, nonce and only the scopes it needs', async () => {
		const start = await startProviderSignIn(handle.db, 'surfconext', APP, '/ateliers');
		if (!start.ok) throw new Error(start.fault);
		const params = start.url.searchParams;
		expect(start.url.origin).toBe(good.issuer);
		expect(params.get('response_type')).toBe('code');
		expect(params.get('code_challenge_method')).toBe('S256');
		expect(params.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(params.get('state')).toBe(start.state);
		expect(params.get('nonce')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
		expect(params.get('scope')).toBe('openid email profile');
		expect(params.get('redirect_uri')).toBe(`${APP}/inloggen/sso/surfconext/terug`);
		// the verifier and nonce stay on the server, keyed by a hash of the state
		const stored = await handle.db.selectFrom('sso_states').selectAll().execute();
		expect(stored.some((s) => s.state_hash === start.state)).toBe(false);
		expect(stored.some((s) => s.nonce === params.get('nonce'))).toBe(true);
	});

	it('links the first sign-in to the account with the same verified e-mail, then knows it by subject', async () => {
		const { result } = await signInAs('surfconext', 'kim', '/mijn-ateliers');
		expect(result).toMatchObject({
			ok: true,
			userId: kim,
			linked: true,
			returnTo: '/mijn-ateliers'
		});
		if (!result?.ok) return;
		const session = await resolveSession(handle.db, result.session.token);
		expect(session?.user.id).toBe(kim);
		expect(session?.method).toBe('sso:surfconext');
		const identities = await handle.db.selectFrom('user_identities').selectAll().execute();
		expect(identities).toMatchObject([
			{ user_id: kim, provider_key: 'surfconext', issuer: good.issuer, subject: 'kim' }
		]);
		const audit = await handle.db
			.selectFrom('audit_log')
			.selectAll()
			.where('action', '=', 'identity_link')
			.execute();
		expect(audit).toHaveLength(1);
		expect(JSON.stringify(audit[0].after)).not.toMatch(/secret|geheim|token/i);

		// later the e-mail address changes in Jaarbeeld: the subject still finds the account
		await handle.db
			.updateTable('app_users')
			.set({ email: 'kim.nieuw@hogeschool.nl' })
			.where('id', '=', kim)
			.execute();
		const again = await signInAs('surfconext', 'kim');
		expect(again.result).toMatchObject({ ok: true, userId: kim, linked: false });
		await handle.db
			.updateTable('app_users')
			.set({ email: 'kim@hogeschool.nl' })
			.where('id', '=', kim)
			.execute();
		expect((await listIdentities(handle.db, kim)).map((i) => i.provider)).toEqual(['SURFconext']);
	});

	it('refuses an unknown person and creates nothing', async () => {
		await expectFault('surfconext', 'onbekend', 'no_account');
	});

	it('refuses an e-mail address the provider has not verified', async () => {
		await expectFault('surfconext', 'onbevestigd', 'email_unverified');
	});

	it('refuses an address outside the provider’s e-mail domains', async () => {
		await expectFault('surfconext', 'buiten', 'domain');
	});

	it('refuses a second subject for an account that is already linked at this issuer', async () => {
		await expectFault('surfconext', 'kim-tweede', 'linked_elsewhere');
	});

	it('refuses a deactivated account', async () => {
		await expectFault('surfconext', 'gestopt', 'inactive');
	});

	it('refuses a wrong client secret, an unreachable provider, an expired and a wrongly signed ID token', async () => {
		await expectFault('fout-geheim', 'kim', 'client');
		await expectFault('onbereikbaar', 'kim', 'unreachable');
		await expectFault('verlopen', 'kim', 'token_expired');
		await expectFault('vervalst', 'kim', 'token');
		await expectFault('bestaat-niet', 'kim', 'unknown_provider');
	});

	it('refuses a tampered state, a state from another browser and a replayed answer', async () => {
		const db = handle.db;
		const start = await startProviderSignIn(db, 'surfconext', APP, '/ateliers');
		if (!start.ok) throw new Error(start.fault);
		const back = await loginAtProvider(start.url, 'kim');
		const before = await state();
		const tampered = new URL(back);
		tampered.searchParams.set('state', `${start.state}x`);
		expect(await finishProviderSignIn(db, 'surfconext', tampered, start.state)).toMatchObject({
			ok: false,
			fault: 'state'
		});
		expect(await finishProviderSignIn(db, 'surfconext', tampered, `${start.state}x`)).toMatchObject(
			{
				ok: false,
				fault: 'state'
			}
		);
		// the right answer arriving in a browser that did not start it (no state cookie)
		expect(await finishProviderSignIn(db, 'surfconext', back, undefined)).toMatchObject({
			ok: false,
			fault: 'state'
		});
		expect(await state()).toEqual(before);
		const first = await finishProviderSignIn(db, 'surfconext', back, start.state);
		expect(first.ok).toBe(true);
		const afterFirst = await state();
		expect(await finishProviderSignIn(db, 'surfconext', back, start.state)).toMatchObject({
			ok: false,
			fault: 'state'
		});
		expect(await state()).toEqual(afterFirst);
	});

	it('cannot use a stored secret once SSO_SECRET_KEY changes', async () => {
		const key = process.env.SSO_SECRET_KEY;
		process.env.SSO_SECRET_KEY = 'een-andere-sleutel-een-andere-sleutel-00';
		forgetProviderConfigs();
		try {
			expect((await findProvider(handle.db, 'surfconext'))?.clientSecret).toBeNull();
			await expectFault('surfconext', 'kim', 'misconfigured');
		} finally {
			process.env.SSO_SECRET_KEY = key;
		}
		expect((await findProvider(handle.db, 'surfconext'))?.clientSecret).toBe(client.clientSecret);
	});

	it('ends a provider session when the account is deactivated', async () => {
		const { result } = await signInAs('surfconext', 'kim');
		if (!result?.ok) throw new Error('sign-in failed');
		expect(await resolveSession(handle.db, result.session.token)).not.toBeNull();
		await setUserActive(handle.db, boss.id, kim, false);
		expect(await resolveSession(handle.db, result.session.token)).toBeNull();
		await expectFault('surfconext', 'kim', 'inactive');
		await setUserActive(handle.db, boss.id, kim, true);
	});

	it('keeps passwords on until a management account can sign in through a provider', async () => {
		const db = handle.db;
		await expectRefused(
			setPasswordSignIn(db, boss, false),
			409,
			/minstens één actief managementaccount/
		);
		const { result } = await signInAs('surfconext', 'baas');
		expect(result).toMatchObject({ ok: true, userId: boss.id });
		await setPasswordSignIn(db, boss, false);
		// while passwords are off, removing the only provider management signs in with is refused
		const surf = await findProvider(db, 'surfconext');
		// fout-geheim shares the issuer: management keeps a way in while it exists
		const wrongSecret = await findProvider(db, 'fout-geheim');
		await deleteProvider(db, boss, surf!.id!, surf!.version!);
		await expectRefused(
			deleteProvider(db, boss, wrongSecret!.id!, wrongSecret!.version!),
			409,
			/geen enkel managementaccount/
		);
		await setPasswordSignIn(db, boss, true);
		const kartrekker: SessionUser = { ...boss, id: kim, role: 'kartrekker' };
		await expectRefused(setPasswordSignIn(db, kartrekker, false), 403);
		// put SURFconext back for the rest of the file: the links by issuer still hold
		await createProvider(
			db,
			boss,
			providerSchema.parse({
				key: 'surfconext',
				name: 'SURFconext',
				issuer: good.issuer,
				clientId: client.clientId,
				clientSecret: client.clientSecret,
				emailDomains: 'hogeschool.nl'
			})
		);
		expect((await signInAs('surfconext', 'kim')).result).toMatchObject({ ok: true, linked: false });
	});

	it('stores the client secret encrypted, never shows or audits it, and keeps it on an edit without one', async () => {
		const db = handle.db;
		const row = await db
			.selectFrom('sign_in_providers')
			.selectAll()
			.where('key', '=', 'surfconext')
			.executeTakeFirstOrThrow();
		expect(row.client_secret_encrypted).not.toContain(client.clientSecret);
		expect(row.client_secret_encrypted).toMatch(/^[\w-]+:[\w-]+:[\w-]+:[\w-]+$/);
		const input = providerSchema.parse({
			key: 'surfconext',
			name: 'SURFconext (hogeschool)',
			issuer: good.issuer,
			clientId: client.clientId,
			clientSecret: '',
			emailDomains: 'hogeschool.nl, partner.nl'
		});
		await updateProvider(db, boss, row.id, row.version, input);
		await expectRefused(updateProvider(db, boss, row.id, row.version, input), 409, /intussen/);
		const after = await findProvider(db, 'surfconext');
		expect(after).toMatchObject({
			name: 'SURFconext (hogeschool)',
			clientSecret: client.clientSecret,
			emailDomains: ['hogeschool.nl', 'partner.nl']
		});
		const audit = await db
			.selectFrom('audit_log')
			.select(['before', 'after'])
			.where('entity', '=', 'sign_in_provider')
			.execute();
		expect(audit.length).toBeGreaterThan(0);
		expect(JSON.stringify(audit)).not.toContain(client.clientSecret);
		await expectRefused(
			createProvider(db, boss, { ...input, key: 'surfconext', clientSecret: 'x' }),
			409,
			/al een provider met deze sleutel/
		);
	});

	it('refuses bad provider input with Dutch messages per field', () => {
		const parsed = providerSchema.safeParse({
			key: 'Niet Goed!',
			name: '',
			issuer: 'http://idp.example.nl',
			clientId: '',
			clientSecret: '',
			emailDomains: 'geen domein'
		});
		expect(parsed.success).toBe(false);
		const fields = new Map(parsed.error!.issues.map((i) => [String(i.path[0]), i.message]));
		expect(fields.get('key')).toMatch(/kleine letters/);
		expect(fields.get('name')).toMatch(/naam op de knop/);
		expect(fields.get('issuer')).toMatch(/https:\/\//);
		expect(fields.get('clientId')).toMatch(/client id/);
		expect(fields.get('emailDomains')).toMatch(/domeinen/);
	});

	it('lets management remove a link, after which the next sign-in links again by e-mail', async () => {
		const db = handle.db;
		const [identity] = await listIdentities(db, kim);
		await unlinkIdentity(db, boss, kim, identity.id);
		expect(await listIdentities(db, kim)).toEqual([]);
		await expectRefused(unlinkIdentity(db, boss, kim, identity.id), 404);
		expect((await signInAs('surfconext', 'kim')).result).toMatchObject({ ok: true, linked: true });
	});
});
