import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, openBrowser, type Browser } from './browser';
import {
	DEMO_PASSWORD,
	DEMO_USERS,
	signInCookie,
	signInWithForm,
	visibleAtelierSlugs
} from './session';

const baseURL = inject('baseURL');

const ROLES = [
	['management', DEMO_USERS.management, 'Management'],
	['council', DEMO_USERS.council, 'Programmaraad'],
	['kartrekker', DEMO_USERS.kartrekkerA, 'Kartrekker']
] as const;

describe('signing in and out', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await openBrowser();
	});
	afterAll(async () => browser?.close());

	it('sends an anonymous visitor to the Dutch login page, which has no accessibility violations', async () => {
		const { page } = browser;
		await page.goto(`${baseURL}/ateliers`);
		const url = new URL(page.url());
		expect(url.pathname).toBe('/inloggen');
		expect(url.searchParams.get('naar')).toBe('/ateliers');
		await expect(page.locator('h1').textContent()).resolves.toBe('Inloggen');
		await expect(page.getByLabel('E-mailadres').count()).resolves.toBe(1);
		await expect(page.getByLabel('Wachtwoord').count()).resolves.toBe(1);
		expect(await axeViolations(page)).toEqual([]);
	});

	it('keeps what was typed before the page finished loading (slow connection)', async () => {
		const { page, context } = browser;
		await context.clearCookies();
		// hold the page's scripts back, so the typing happens before the page comes alive
		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		await page.route('**/_app/immutable/**/*.js', async (route) => {
			await held;
			await route.continue();
		});
		try {
			await page.goto(`${baseURL}/inloggen`, { waitUntil: 'domcontentloaded' });
			await page.getByLabel('E-mailadres').fill(DEMO_USERS.council);
			await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
			release();
			// the scripts arrive and the page hydrates; nothing of what was typed may get lost
			await page.waitForLoadState('networkidle');
			await expect(page.getByLabel('E-mailadres').inputValue()).resolves.toBe(DEMO_USERS.council);
			const [signIn] = await Promise.all([
				page.waitForRequest((r) => r.method() === 'POST' && r.url().includes('/inloggen')),
				page.waitForURL((url) => url.pathname !== '/inloggen'),
				page.getByRole('button', { name: 'Inloggen', exact: true }).click()
			]);
			// sent by the hydrated page (use:enhance), not by the browser's plain form submission
			expect(signIn.headers()['x-sveltekit-action']).toBe('true');
		} finally {
			release();
			await page.unroute('**/_app/immutable/**/*.js');
			await context.clearCookies(); // the next tests start signed out
		}
	});

	it('gives wrong password and unknown e-mail the same message', async () => {
		const { page } = browser;
		const messages: string[] = [];
		for (const [email, password] of [
			[DEMO_USERS.council, 'helemaal-fout'],
			['niemand@voorbeeld.nl', DEMO_PASSWORD]
		]) {
			await page.goto(`${baseURL}/inloggen`);
			await page.getByLabel('E-mailadres').fill(email);
			await page.getByLabel('Wachtwoord').fill(password);
			await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
			await page.getByRole('alert').waitFor();
			messages.push((await page.getByRole('alert').textContent())?.trim() ?? '');
			expect(new URL(page.url()).pathname).toBe('/inloggen');
			await expect(page.getByLabel('E-mailadres').inputValue()).resolves.toBe(email);
		}
		expect(messages).toEqual([
			'E-mailadres of wachtwoord klopt niet.',
			'E-mailadres of wachtwoord klopt niet.'
		]);
		expect(await axeViolations(page)).toEqual([]);
	});

	for (const [role, email, label] of ROLES)
		it(`signs in and out as ${role}`, async () => {
			const { page } = browser;
			await signInWithForm(page, baseURL, email);
			// a kartrekker lands on their own ateliers, everyone else on the overview
			expect(new URL(page.url()).pathname).toBe(
				role === 'kartrekker' ? '/mijn-ateliers' : '/ateliers'
			);
			await expect(page.locator('header').textContent()).resolves.toContain(label);
			const nav = (await page.getByRole('navigation', { name: 'Hoofdmenu' }).textContent()) ?? '';
			expect(nav.includes('Gebruikers')).toBe(role === 'management');
			expect(await axeViolations(page)).toEqual([]);
			await page.goto(`${baseURL}/account`);
			await expect(page.locator('main').textContent()).resolves.toContain(email);
			expect(await axeViolations(page)).toEqual([]);

			await page.getByRole('button', { name: 'Afmelden' }).click();
			await page.waitForURL(`${baseURL}/uitloggen`);
			await expect(page.locator('h1').textContent()).resolves.toBe('Je bent afgemeld');
			await page.goto(`${baseURL}/account`);
			expect(new URL(page.url()).pathname).toBe('/inloggen');
		});

	it('brings the user to the page they asked for, and never to another site', async () => {
		const { page } = browser;
		await page.goto(`${baseURL}/ateliers?periode=2020-2022`);
		await signInWithForm(
			page,
			baseURL,
			DEMO_USERS.council,
			DEMO_PASSWORD,
			new URL(page.url()).pathname + new URL(page.url()).search
		);
		expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(
			'/ateliers?periode=2020-2022'
		);
		await page.getByRole('button', { name: 'Afmelden' }).click();
		await page.waitForURL(`${baseURL}/uitloggen`);

		await signInWithForm(
			page,
			baseURL,
			DEMO_USERS.council,
			DEMO_PASSWORD,
			'/inloggen?naar=' + encodeURIComponent('//evil.example/pad')
		);
		expect(page.url()).toBe(`${baseURL}/ateliers`);
		await page.getByRole('button', { name: 'Afmelden' }).click();
		await page.waitForURL(`${baseURL}/uitloggen`);
	});

	it('works without JavaScript', async () => {
		const plain = await openBrowser({ javaScriptEnabled: false });
		try {
			await signInWithForm(plain.page, baseURL, DEMO_USERS.management);
			expect(new URL(plain.page.url()).pathname).toBe('/ateliers');
			await plain.page.getByRole('button', { name: 'Afmelden' }).click();
			await plain.page.waitForURL(`${baseURL}/uitloggen`);
		} finally {
			await plain.close();
		}
	});
});

describe('a kartrekker and another atelier', () => {
	let browser: Browser;
	let mine: string[];
	let other: string;
	beforeAll(async () => {
		browser = await openBrowser();
		mine = await visibleAtelierSlugs(baseURL, await signInCookie(baseURL, DEMO_USERS.kartrekkerA));
		const theirs = await visibleAtelierSlugs(
			baseURL,
			await signInCookie(baseURL, DEMO_USERS.kartrekkerB)
		);
		other = theirs.find((s) => !mine.includes(s))!;
		await signInWithForm(browser.page, baseURL, DEMO_USERS.kartrekkerA);
	});
	afterAll(async () => browser?.close());

	it('sees only their own ateliers, and their atelier page', async () => {
		const { page } = browser;
		await page.goto(`${baseURL}/ateliers?periode=2023-2026`);
		const names = await page.locator('li.atelier h2').allTextContents();
		expect(names.length).toBeGreaterThan(0);
		expect(names.length).toBeLessThan(6);
		const response = await page.goto(`${baseURL}/ateliers/${mine[0]}`);
		expect(response?.status()).toBe(200);
		await expect(page.locator('main').textContent()).resolves.toContain('Kwartaalrapportages');
		expect(await axeViolations(page)).toEqual([]);
	});

	it("gets 403 and none of the data when typing another atelier's URL", async () => {
		const { page } = browser;
		const response = await page.goto(`${baseURL}/ateliers/${other}`);
		expect(response?.status()).toBe(403);
		await expect(page.locator('h1').textContent()).resolves.toContain('Geen toegang');
		const text = (await page.locator('main').textContent()) ?? '';
		expect(text).not.toContain('Kwartaalrapportages');
		expect(text).not.toContain('Kartrekkers');
		expect(await axeViolations(page)).toEqual([]);
		const admin = await page.goto(`${baseURL}/beheer/gebruikers`);
		expect(admin?.status()).toBe(403);
	});
});

describe('management: users, password links, deactivation and the audit trail', () => {
	let manager: Browser;
	let newcomer: Browser;
	const email = `nieuwe.kartrekker.${Date.now()}@voorbeeld.nl`;
	const password = 'mijn-eigen-wachtwoord';
	let userPath = '';
	beforeAll(async () => {
		manager = await openBrowser();
		newcomer = await openBrowser();
		await signInWithForm(manager.page, baseURL, DEMO_USERS.management);
	});
	afterAll(async () => {
		await manager?.close();
		await newcomer?.close();
	});

	it('creates a kartrekker, who sets a password through the one-time link and signs in', async () => {
		const { page } = manager;
		await page.goto(`${baseURL}/beheer/gebruikers`);
		expect(await axeViolations(page)).toEqual([]);
		// a form error shows next to the field
		await page.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
		await page.locator('#nieuw-name-error').waitFor();
		await expect(page.locator('#nieuw-name-error').textContent()).resolves.toBe('Vul een naam in.');
		expect(await axeViolations(page)).toEqual([]);

		await page.getByLabel('Naam').fill('Nieuwe Kartrekker');
		await page.getByLabel('E-mailadres').fill(email);
		await page.getByLabel('Rol').selectOption('kartrekker');
		await page.locator('fieldset input[type=checkbox]').first().check();
		await page.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
		const link = page.locator('.form-ok code');
		await link.waitFor();
		const url = (await link.textContent())!.trim();
		expect(url).toMatch(new RegExp(`^${baseURL}/wachtwoord-instellen/[A-Za-z0-9_-]+$`));

		const other = newcomer.page;
		await other.goto(url);
		expect(await axeViolations(other)).toEqual([]);
		await other.getByLabel('Nieuw wachtwoord', { exact: true }).fill(password);
		await other.getByLabel('Nieuw wachtwoord nogmaals').fill(password);
		await other.getByRole('button', { name: 'Wachtwoord instellen' }).click();
		await other.waitForURL(/\/inloggen/);
		await signInWithForm(other, baseURL, email, password);
		expect(new URL(other.url()).pathname).toBe('/mijn-ateliers');
		// the link works once
		await other.goto(url);
		await expect(other.getByRole('alert').textContent()).resolves.toContain('ongeldig');
		await other.goto(`${baseURL}/ateliers`);
	});

	it('deactivates the user: their session ends and they cannot sign in again', async () => {
		const { page } = manager;
		await page.goto(`${baseURL}/beheer/gebruikers`);
		await page.getByRole('link', { name: 'Nieuwe Kartrekker' }).click();
		await page.waitForURL(/\/beheer\/gebruikers\/\d+$/);
		userPath = new URL(page.url()).pathname;
		expect(await axeViolations(page)).toEqual([]);
		await page.getByRole('button', { name: 'Deactiveren' }).click();
		await page.getByRole('dialog').getByRole('button', { name: 'Ja, deactiveren' }).click();
		await page.getByText('Het account is gedeactiveerd').waitFor();

		const other = newcomer.page;
		await other.goto(`${baseURL}/ateliers`);
		expect(new URL(other.url()).pathname).toBe('/inloggen');
		await other.getByLabel('E-mailadres').fill(email);
		await other.getByLabel('Wachtwoord').fill(password);
		await other.getByRole('button', { name: 'Inloggen', exact: true }).click();
		await other.getByRole('alert').waitFor();
		await expect(other.getByRole('alert').textContent()).resolves.toContain('niet (meer) actief');
		expect(new URL(other.url()).pathname).toBe('/inloggen');
	});

	it('refuses to deactivate the last management account', async () => {
		const { page } = manager;
		await page.goto(`${baseURL}/beheer/gebruikers`);
		const own = page.locator('tr', { hasText: DEMO_USERS.management }).getByRole('link');
		await own.click();
		await page.waitForURL(/\/beheer\/gebruikers\/\d+$/);
		await page.getByRole('button', { name: 'Deactiveren' }).click();
		await page.getByRole('dialog').getByRole('button', { name: 'Ja, deactiveren' }).click();
		await page.getByRole('alert').waitFor();
		await expect(page.getByRole('alert').textContent()).resolves.toContain(
			'laatste actieve managementaccount'
		);
	});

	it('shows the changes in the audit trail, filterable, with each record its own history', async () => {
		const { page } = manager;
		await page.goto(`${baseURL}/beheer/audit`);
		expect(await axeViolations(page)).toEqual([]);
		const text = (await page.locator('main').textContent()) ?? '';
		expect(text).toContain('gedeactiveerd');
		expect(text).toContain('aangemaakt');
		// the trail speaks Dutch: no code (snake_case, camelCase) and no raw true/false/null
		const cells = await page.locator('main table td').allInnerTexts();
		expect(cells.length).toBeGreaterThan(10);
		for (const cell of cells)
			expect(cell).not.toMatch(/\b[a-z]+_[a-z_]+\b|\b[a-z]+[A-Z][a-zA-Z]*\b|\b(true|false|null)\b/);
		const id = userPath.split('/').pop()!;
		await page
			.getByRole('link', { name: `Geschiedenis van gebruiker ${id}` })
			.first()
			.click();
		await page.waitForURL(/entiteit=user&id=\d+/);
		const actions = await page.locator('tbody tr td:nth-child(4)').allTextContents();
		expect(actions).toEqual([
			'gedeactiveerd',
			'wachtwoord ingesteld',
			'wachtwoordlink gemaakt',
			'aangemaakt'
		]);
		await page.getByLabel('Vanaf').fill('2000-01-01');
		await page.getByRole('button', { name: 'Filteren' }).click();
		await page.waitForURL(/van=2000-01-01/);
		await expect(page.locator('tbody tr').count()).resolves.toBeGreaterThan(0);
	});
});
