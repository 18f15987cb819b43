import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { freePort } from '../../scripts/free-port';
import {
	loginAtProvider,
	startOidcProvider,
	type RunningProvider,
	type TestAccount
} from '../helpers/oidc-provider';
import { startApp, type RunningApp } from './app-server';
import { axeViolations, openBrowser, type Browser } from './browser';
import { DEMO_USERS, signInWithForm } from './session';

// Sign-in with the institution's account, as people do it: management configures a real OpenID
// Connect provider (oidc-provider on 127.0.0.1) on /beheer/inloggen, a kartrekker signs in
// through it, and every fault is refused on the sign-in page. eduID comes from the environment.

const SECRET = 'clientgeheim-van-jaarbeeld-bij-de-provider';
const KEYS = ['surfconext', 'fout-geheim', 'verlopen', 'vervalst', 'onbereikbaar', 'eduid'];
const ACCOUNTS: TestAccount[] = [
	{ login: 'jeugd', email: DEMO_USERS.kartrekkerA, emailVerified: true, name: 'Jeugd' },
	{ login: 'jeugd-tweede', email: DEMO_USERS.kartrekkerA, emailVerified: true, name: 'Jeugd 2' },
	{ login: 'beheer', email: DEMO_USERS.management, emailVerified: true, name: 'Beheer' },
	{ login: 'onbekend', email: 'niemand@voorbeeld.nl', emailVerified: true, name: 'Niemand' },
	{ login: 'onbevestigd', email: DEMO_USERS.council, emailVerified: false, name: 'Raad' },
	{ login: 'partner', email: DEMO_USERS.kartrekkerB, emailVerified: true, name: 'Partner' }
];

describe('sign-in through SURFconext and eduID (OpenID Connect)', () => {
	let app: RunningApp;
	let good: RunningProvider;
	let late: RunningProvider;
	let forged: RunningProvider;
	let guest: RunningProvider;
	let browser: Browser;
	let base: string;
	const codes: string[] = [];

	beforeAll(async () => {
		const port = await freePort();
		base = `http://127.0.0.1:${port}`;
		const client = {
			clientId: 'jaarbeeld',
			clientSecret: SECRET,
			redirectUris: KEYS.map((k) => `${base}/inloggen/sso/${k}/terug`)
		};
		[good, late, forged, guest] = await Promise.all([
			startOidcProvider({ accounts: ACCOUNTS, clients: [client] }),
			startOidcProvider({
				accounts: ACCOUNTS,
				clients: [client],
				clockOffsetSeconds: -1800,
				idTokenSeconds: 300
			}),
			startOidcProvider({ accounts: ACCOUNTS, clients: [client], wrongKeys: true }),
			startOidcProvider({ accounts: ACCOUNTS, clients: [client] })
		]);
		app = await startApp(
			{
				SSO_SECRET_KEY: 'sleutel-voor-de-clientgeheimen-0123456789',
				SSO_PROVIDERS: 'eduid',
				SSO_EDUID_NAME: 'eduID',
				SSO_EDUID_ISSUER: guest.issuer,
				SSO_EDUID_CLIENT_ID: 'jaarbeeld',
				SSO_EDUID_CLIENT_SECRET: SECRET
			},
			{ port }
		);
		browser = await openBrowser();
		// the provider's page asks for a web font; nothing leaves this machine
		await browser.context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
		browser.page.on('request', (request) => {
			const code = new URL(request.url()).searchParams.get('code');
			if (code && request.url().includes('/terug')) codes.push(code);
		});
	}, 180_000);

	afterAll(async () => {
		await browser?.close();
		await app?.stop();
		await Promise.all([good, late, forged, guest].map((p) => p?.stop()));
	});

	async function addProvider(
		page: Page,
		key: string,
		name: string,
		issuer: string,
		secret = SECRET
	) {
		await page.goto(`${base}/beheer/inloggen`);
		const form = page.locator('form[action="?/create"]');
		await form.getByLabel('Naam op de knop').fill(name);
		await form.getByLabel('Sleutel').fill(key);
		await form.getByLabel('Issuer-URL').fill(issuer);
		await form.getByLabel('Client id').fill('jaarbeeld');
		await form.getByLabel('E-maildomeinen (optioneel)').fill('voorbeeld.nl');
		await form.getByLabel('Clientgeheim').fill(secret);
		await form.getByRole('button', { name: 'Provider toevoegen' }).click();
		await page.getByText(`${name} is toegevoegd.`).waitFor();
	}

	/** Clicks "Inloggen met <name>" and signs in at the provider; resolves where the app lands. */
	async function signInVia(page: Page, name: string, login: string): Promise<URL> {
		await page.context().clearCookies();
		await page.goto(`${base}/inloggen`);
		await page.getByRole('link', { name: `Inloggen met ${name}`, exact: true }).click();
		await page.waitForURL(
			(url) => url.origin !== base || url.pathname !== '/inloggen' || url.searchParams.has('sso')
		);
		if (new URL(page.url()).origin !== base) {
			await page.locator('input[name="login"]').fill(login);
			await page.locator('input[name="password"]').fill('wat-dan-ook');
			await page.getByRole('button', { name: 'Sign-in' }).click();
			await page.waitForURL((url) => url.origin === base);
		}
		return new URL(page.url());
	}

	const refusal = (page: Page) => page.locator('#sso-error').textContent();

	it('management configures SURFconext on /beheer/inloggen; bad input gets Dutch messages', async () => {
		const { page } = browser;
		await signInWithForm(page, base, DEMO_USERS.management);
		await page.goto(`${base}/beheer/inloggen`);
		await expect(page.locator('h1').textContent()).resolves.toBe('Inloggen instellen');
		// eduID comes from the environment and is listed, read-only
		await expect(page.getByText('(uit de omgeving)').count()).resolves.toBe(1);
		expect(await axeViolations(page)).toEqual([]);

		const form = page.locator('form[action="?/create"]');
		await form.getByLabel('Naam op de knop').fill('Fout');
		await form.getByLabel('Sleutel').fill('Met Spaties');
		await form.getByLabel('Issuer-URL').fill('http://idp.voorbeeld.nl');
		await form.getByRole('button', { name: 'Provider toevoegen' }).click();
		await page.locator('#nieuw-key-error').waitFor();
		await expect(page.locator('#nieuw-issuer-error').textContent()).resolves.toMatch(/https:\/\//);
		await expect(page.locator('#nieuw-clientId-error').textContent()).resolves.toMatch(/client id/);

		await addProvider(page, 'surfconext', 'SURFconext', good.issuer);
		await expect(
			page.getByText(`${base}/inloggen/sso/surfconext/terug`, { exact: true }).count()
		).resolves.toBe(1);
		await addProvider(page, 'fout-geheim', 'Fout geheim', good.issuer, 'niet-het-geheim');
		await addProvider(page, 'verlopen', 'Verlopen', late.issuer);
		await addProvider(page, 'vervalst', 'Vervalst', forged.issuer);
		await addProvider(page, 'onbereikbaar', 'Onbereikbaar', `http://127.0.0.1:${await freePort()}`);

		// passwords cannot go off while no management account signs in through a provider
		await page.getByLabel('Ja, wachtwoorden werken daarna niet meer').check();
		await page.getByRole('button', { name: 'Wachtwoorden uitzetten' }).click();
		await page
			.getByText(/minstens één actief managementaccount/)
			.first()
			.waitFor();
	});

	it('a kartrekker signs in through SURFconext and lands on their own ateliers', async () => {
		const { page } = browser;
		await page.context().clearCookies();
		await page.goto(`${base}/inloggen`);
		await expect(
			page.getByRole('link', { name: 'Inloggen met SURFconext', exact: true }).count()
		).resolves.toBe(1);
		await expect(
			page.getByRole('link', { name: 'Inloggen met eduID', exact: true }).count()
		).resolves.toBe(1);
		expect(await axeViolations(page)).toEqual([]);

		const landed = await signInVia(page, 'SURFconext', 'jeugd');
		expect(landed.pathname).toBe('/mijn-ateliers');
		const links = await page
			.locator('main a[href^="/ateliers/"]')
			.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
		expect(links.some((h) => h?.includes('jeugd'))).toBe(true);
		expect(links.some((h) => h?.startsWith('/ateliers/impact'))).toBe(false);

		await page.goto(`${base}/account`);
		expect(await page.locator('main').innerText()).toMatch(
			/Met SURFconext: gekoppeld aan jeugd@voorbeeld\.nl/
		);
		expect(await axeViolations(page)).toEqual([]);
	});

	it('a guest signs in through eduID, configured in the environment', async () => {
		const landed = await signInVia(browser.page, 'eduID', 'partner');
		// a kartrekker (impact@): their own ateliers
		expect(landed.pathname).toBe('/mijn-ateliers');
		await browser.page.goto(`${base}/account`);
		expect(await browser.page.locator('main').innerText()).toMatch(
			/Met eduID: gekoppeld aan impact@voorbeeld\.nl/
		);
	});

	it('an unknown person gets the Dutch page and no account', async () => {
		const { page } = browser;
		const landed = await signInVia(page, 'SURFconext', 'onbekend');
		expect(landed.pathname).toBe('/inloggen/geen-account');
		await page
			.getByText('Je hebt nog geen account in Jaarbeeld; vraag het management van de werkplaats.')
			.waitFor();
		expect(await axeViolations(page)).toEqual([]);
		await page.goto(`${base}/account`);
		expect(new URL(page.url()).pathname).toBe('/inloggen');
	});

	it('refuses each fault with a Dutch message on the sign-in page, and no session', async () => {
		const { page } = browser;
		const cases: [string, string, RegExp][] = [
			['Fout geheim', 'jeugd', /weigert de gegevens waarmee Jaarbeeld zich aanmeldt/],
			['Onbereikbaar', 'jeugd', /is nu niet bereikbaar/],
			['Verlopen', 'jeugd', /is verlopen of nog niet geldig/],
			['Vervalst', 'jeugd', /kon niet worden gecontroleerd/],
			['SURFconext', 'onbevestigd', /geeft geen bevestigd e-mailadres door/],
			['SURFconext', 'jeugd-tweede', /al gekoppeld aan een ander account bij SURFconext/]
		];
		for (const [name, login, message] of cases) {
			const landed = await signInVia(page, name, login);
			expect(landed.pathname, `${name} / ${login}`).toBe('/inloggen');
			await expect(refusal(page), `${name} / ${login}`).resolves.toMatch(message);
			const cookies = await page.context().cookies(base);
			expect(cookies.some((c) => c.name.includes('session_token'))).toBe(false);
		}
		expect(await axeViolations(page)).toEqual([]);
	});

	it('refuses a tampered state and a replayed answer', async () => {
		const { page } = browser;
		await page.context().clearCookies();
		await page.goto(`${base}/inloggen`);
		let authorization = '';
		const watch = (request: { url: () => string }) => {
			if (request.url().startsWith(`${good.issuer}/auth?`)) authorization = request.url();
		};
		page.on('request', watch);
		await page.getByRole('link', { name: 'Inloggen met SURFconext', exact: true }).click();
		await page.locator('input[name="login"]').waitFor();
		page.off('request', watch);
		// the provider's answer to this browser's attempt, held back before the browser gets it
		const answer = await loginAtProvider(new URL(authorization), 'jeugd');
		const state = answer.searchParams.get('state')!;
		const stateCookie = {
			name: 'jaarbeeld.sso_state',
			value: state,
			domain: '127.0.0.1',
			path: '/inloggen/sso'
		};

		const tampered = new URL(answer);
		tampered.searchParams.set('state', 'door-iemand-anders-gemaakt');
		await page.goto(tampered.href);
		expect(new URL(page.url()).pathname).toBe('/inloggen');
		await expect(refusal(page)).resolves.toMatch(/verlopen, al gebruikt of niet in deze browser/);

		// the untouched answer in the browser that started the attempt signs in, once
		await page.context().addCookies([stateCookie]);
		await page.goto(answer.href);
		expect(new URL(page.url()).pathname).toBe('/mijn-ateliers');
		await page.context().clearCookies();
		await page.context().addCookies([stateCookie]);
		await page.goto(answer.href);
		expect(new URL(page.url()).pathname).toBe('/inloggen');
		await expect(refusal(page)).resolves.toMatch(/verlopen, al gebruikt/);
		await page.goto(`${base}/account`);
		expect(new URL(page.url()).pathname).toBe('/inloggen');
	});

	it('shows management how a user signs in; deactivating ends their provider session', async () => {
		const kartrekker = await openBrowser();
		try {
			await kartrekker.context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (r) => r.abort());
			await signInVia(kartrekker.page, 'SURFconext', 'jeugd');
			await kartrekker.page.goto(`${base}/account`);
			expect(new URL(kartrekker.page.url()).pathname).toBe('/account');

			const { page } = browser;
			await signInWithForm(page, base, DEMO_USERS.management);
			await page.goto(`${base}/beheer/gebruikers`);
			const href = await page
				.locator('tr', { hasText: DEMO_USERS.kartrekkerA })
				.getByRole('link')
				.getAttribute('href');
			await page.goto(`${base}${href}`);
			expect(await page.locator('main').innerText()).toMatch(
				/Met SURFconext: gekoppeld aan jeugd@voorbeeld\.nl/
			);
			await page.getByRole('button', { name: 'Deactiveren' }).click();
			await page.getByRole('dialog').getByRole('button', { name: 'Ja, deactiveren' }).click();
			await page.getByText('Het account is gedeactiveerd; alle sessies zijn beëindigd.').waitFor();

			await kartrekker.page.goto(`${base}/account`);
			expect(new URL(kartrekker.page.url()).pathname).toBe('/inloggen');
			await signInVia(kartrekker.page, 'SURFconext', 'jeugd');
			await expect(refusal(kartrekker.page)).resolves.toMatch(/niet \(meer\) actief/);

			await page.getByRole('button', { name: 'Weer activeren' }).click();
			await page.getByText('Het account is weer actief.').waitFor();
		} finally {
			await kartrekker.close();
		}
	});

	it('switches passwords off once management signs in through a provider, and on again', async () => {
		const { page } = browser;
		await signInVia(page, 'SURFconext', 'beheer');
		await page.goto(`${base}/beheer/inloggen`);
		await page.getByLabel('Ja, wachtwoorden werken daarna niet meer').check();
		await page.getByRole('button', { name: 'Wachtwoorden uitzetten' }).click();
		await page.getByText('Wachtwoorden staan').filter({ hasText: 'uit' }).waitFor();

		const other = await openBrowser();
		try {
			await other.page.goto(`${base}/inloggen`);
			await expect(other.page.getByLabel('Wachtwoord').count()).resolves.toBe(0);
			// a password posted anyway is refused on the server
			const response = await fetch(`${base}/inloggen`, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					origin: base,
					'content-type': 'application/x-www-form-urlencoded',
					accept: 'text/html'
				},
				body: new URLSearchParams({ email: DEMO_USERS.council, password: 'jaarbeeld-demo' })
			});
			expect(response.status).toBe(400);
			expect(await response.text()).toContain('Inloggen met een wachtwoord staat uit');
		} finally {
			await other.close();
		}
		await page.getByRole('button', { name: 'Wachtwoorden weer aanzetten' }).click();
		await page.getByText('Wachtwoorden staan').filter({ hasText: 'aan' }).waitFor();
	});

	it('logs each refusal without secrets, codes or tokens', () => {
		const log = app.output();
		expect(log).toContain('"msg":"sso sign-in refused"');
		for (const fault of ['client', 'unreachable', 'token_expired', 'token', 'state', 'no_account'])
			expect(log).toContain(`"fault":"${fault}"`);
		expect(log).not.toContain(SECRET);
		expect(log).not.toContain('niet-het-geheim');
		for (const code of codes) expect(log).not.toContain(code);
		expect(log).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}/);
	});
});
