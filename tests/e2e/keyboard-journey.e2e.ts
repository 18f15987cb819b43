import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, type Browser } from './browser';
import { DEMO_PASSWORD, DEMO_USERS } from './session';

// The whole round of a quarter with the keyboard only: Tab and Shift+Tab to move, Enter and Space
// to press, typing to fill. A kartrekker signs in, adds an activity to a quarter and submits it;
// management signs in and approves it. The test only reads the page to know where the focus is
// (and to check the outcome); every action is a key press. K2 2025 of kansrijk-met-jeugd has no
// demo report, so the figures other tests check stay as they are.

const baseURL = inject('baseURL');
const SLUG = 'kansrijk-met-jeugd';
const QUARTER = '2025Q2';
const LABEL = 'K2 2025';
const TITLE = 'Toetsenbordbijeenkomst over jeugdhulp';

/** What has the focus: its tag, accessible-ish name (label, text, aria-label) and type. */
async function focused(page: Page): Promise<{ tag: string; name: string; type: string }> {
	return page.evaluate(() => {
		const el = document.activeElement as HTMLElement | null;
		if (!el || el === document.body) return { tag: 'body', name: '', type: '' };
		const input = el as HTMLInputElement;
		const label =
			(input.labels && input.labels[0]?.textContent) ||
			el.getAttribute('aria-label') ||
			el.textContent ||
			'';
		return {
			tag: el.tagName.toLowerCase(),
			name: label.replace(/\s+/g, ' ').trim(),
			type: input.type ?? ''
		};
	});
}

/**
 * Presses Tab until the focused element matches (forwards first, then Shift+Tab backwards), as a
 * keyboard user moves through the page. Fails with what it passed when it never gets there.
 */
async function tabTo(
	page: Page,
	match: (f: { tag: string; name: string; type: string }) => boolean,
	what: string
): Promise<void> {
	const passed: string[] = [];
	for (const key of ['Tab', 'Shift+Tab'] as const)
		for (let i = 0; i < 250; i++) {
			const f = await focused(page);
			if (match(f)) return;
			if (passed.length < 400) passed.push(`${f.tag}:${f.name.slice(0, 25)}`);
			await page.keyboard.press(key);
		}
	throw new Error(`Met Tab niet bij ${what} gekomen; langs: ${passed.slice(0, 60).join(' | ')}`);
}

const named = (tag: string, name: RegExp) => (f: { tag: string; name: string }) =>
	f.tag === tag && name.test(f.name);

async function signInByKeyboard(page: Page, email: string): Promise<void> {
	await page.context().clearCookies();
	await page.goto(`${baseURL}/inloggen`);
	await tabTo(page, named('input', /^E-mailadres/), 'E-mailadres');
	await page.keyboard.type(email);
	await tabTo(page, named('input', /^Wachtwoord/), 'Wachtwoord');
	await page.keyboard.type(DEMO_PASSWORD);
	await Promise.all([
		page.waitForURL((url) => url.pathname !== '/inloggen'),
		page.keyboard.press('Enter')
	]);
}

/** Presses Enter on the focused link and waits for its page (a client-side navigation too). */
async function follow(page: Page, path: string | RegExp): Promise<void> {
	await Promise.all([
		page.waitForURL((url) =>
			typeof path === 'string' ? url.pathname === path : path.test(url.pathname)
		),
		page.keyboard.press('Enter')
	]);
}

/**
 * The keys that type 15 May 2025 into a date field of this browser: the order of day and month
 * follows the browser's own language (not the page's), so it is found on a blank page first.
 */
async function dateKeys(page: Page): Promise<string> {
	await page.setContent('<input type="date" id="probe">');
	await page.locator('#probe').focus();
	await page.keyboard.type('01022025');
	const value = await page.locator('#probe').inputValue();
	return value === '2025-01-02' ? '05152025' : '15052025';
}

describe('a quarter from concept to approved, by keyboard only', () => {
	let browser: Browser;
	let mayFifteenth = '';
	beforeAll(async () => {
		browser = await openBrowser();
		mayFifteenth = await dateKeys(browser.page);
	});
	afterAll(async () => browser?.close());

	it('the kartrekker signs in, adds an activity and submits the quarter', async () => {
		const { page } = browser;
		await signInByKeyboard(page, DEMO_USERS.kartrekkerA);
		// a kartrekker lands on their own ateliers
		expect(new URL(page.url()).pathname).toBe('/mijn-ateliers');

		await tabTo(page, (f) => f.tag === 'a' && f.name === LABEL, `de link ${LABEL}`);
		const href = await page.evaluate(() => document.activeElement?.getAttribute('href'));
		expect(href).toBe(`/ateliers/${SLUG}/${QUARTER}`);
		await follow(page, `/ateliers/${SLUG}/${QUARTER}`);

		// the new activity: date (day, month, year as typed into the date field), title, kind, count
		await tabTo(page, (f) => f.tag === 'input' && f.type === 'date', 'de datum');
		await page.keyboard.type(mayFifteenth);
		await tabTo(page, named('input', /^Titel/), 'de titel');
		await page.keyboard.type(TITLE);
		await tabTo(page, named('select', /^Soort bijeenkomst/), 'de soort');
		await page.keyboard.type('workshop');
		await tabTo(page, named('input', /^Deelnemers totaal/), 'deelnemers totaal');
		await page.keyboard.type('14');
		await tabTo(page, named('button', /toevoegen/i), 'de knop toevoegen');
		await page.keyboard.press('Enter');
		await page.locator('section#activity .summary', { hasText: TITLE }).waitFor();
		await expect(page.locator('section#activity').textContent()).resolves.toContain('15 mei 2025');

		await tabTo(page, named('button', /^Kwartaal indienen/), 'de knop Kwartaal indienen');
		await page.keyboard.press('Space');
		await page.locator('#status-kop', { hasText: 'ingediend' }).waitFor();
		await expect(page.locator('#status-kop').textContent()).resolves.toContain('ingediend');

		await tabTo(page, named('button', /^Afmelden/), 'Afmelden');
		await Promise.all([page.waitForURL(/\/uitloggen$/), page.keyboard.press('Enter')]);
	});

	it('management signs in, finds the quarter waiting and approves it', async () => {
		const { page } = browser;
		await signInByKeyboard(page, DEMO_USERS.management);
		await tabTo(page, named('a', /^Kwartalen$/), 'het menu Kwartalen');
		await follow(page, '/beheer/kwartalen');
		await tabTo(
			page,
			named('a', new RegExp(`^Kansrijk met jeugd, ${LABEL}$`)),
			`${LABEL} bij Wacht op beoordeling`
		);
		await follow(page, `/ateliers/${SLUG}/${QUARTER}`);
		await expect(page.locator('main').textContent()).resolves.toContain(TITLE);

		await tabTo(page, named('button', /^Goedkeuren/), 'de knop Goedkeuren');
		await page.keyboard.press('Enter');
		await page.locator('#status-kop', { hasText: 'goedgekeurd' }).waitFor();
		await expect(page.locator('#status-kop').textContent()).resolves.toBe('Status: goedgekeurd');
		// locked: nothing left to add or change
		await expect(page.getByRole('button', { name: /toevoegen/ }).count()).resolves.toBe(0);
	});
});
