import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, openBrowser, type Browser } from './browser';
import { DEMO_USERS } from './session';
import { signIn } from './sign-in';

// Every page of every role, at a phone's width (360 px) and a laptop's (1366 px): the page never
// scrolls sideways, axe-core finds nothing, there is exactly one h1, checkboxes sit beside their
// labels and fields are full height, and chart labels stay
// readable (at least 11 px on the screen). The page list is read from src/routes, so a new page
// without a state here fails the first test.

const baseURL = inject('baseURL');
const ROUTES_DIR = 'src/routes';
const WIDTHS = [360, 1366] as const;
const MIN_CHART_TEXT_PX = 11;

type Who = 'anonymous' | 'kartrekker' | 'council' | 'management';
const ACCOUNTS: Record<Exclude<Who, 'anonymous'>, string> = {
	management: DEMO_USERS.management,
	council: DEMO_USERS.council,
	// her ateliers: integraal-werken-met-jeugd (ended 2022) and kansrijk-met-jeugd (from 2023)
	kartrekker: DEMO_USERS.kartrekkerA
};

// The concrete page states per route: demo slugs and quarters. ':fixed' is a fixed report made
// in beforeAll. A state a role may not open (403, or the sign-in page) is skipped for that role;
// each role's count of checked pages is asserted below.
const STATES: Record<string, string[]> = {
	'/account': ['/account'],
	'/ateliers': ['/ateliers', '/ateliers?periode=2020-2022'],
	'/ateliers/[slug]': ['/ateliers/kansrijk-met-jeugd', '/ateliers/integraal-werken-met-jeugd'],
	'/ateliers/[slug]/[kwartaal]': [
		// a concept (forms open), a submitted quarter (review buttons), an approved one (locked)
		'/ateliers/kansrijk-met-jeugd/2023Q4',
		'/ateliers/kansrijk-met-jeugd/2023Q3',
		'/ateliers/integraal-werken-met-jeugd/2022Q4'
	],
	'/ateliers/[slug]/[kwartaal]/beoordeling': [
		'/ateliers/kansrijk-met-jeugd/2023Q3/beoordeling',
		'/ateliers/integraal-werken-met-jeugd/2022Q4/beoordeling'
	],
	'/ateliers/[slug]/studenten': ['/ateliers/kansrijk-met-jeugd/studenten'],
	'/beheer': ['/beheer'],
	'/beheer/ateliers': ['/beheer/ateliers'],
	'/beheer/ateliers/[slug]': ['/beheer/ateliers/kansrijk-met-jeugd'],
	'/beheer/ateliers/nieuw': ['/beheer/ateliers/nieuw'],
	'/beheer/audit': ['/beheer/audit'],
	'/beheer/doelen': ['/beheer/doelen'],
	'/beheer/gebruikers': ['/beheer/gebruikers'],
	'/beheer/gebruikers/[id]': ['/beheer/gebruikers/1'],
	'/beheer/historie': ['/beheer/historie'],
	'/beheer/indicatoren': ['/beheer/indicatoren'],
	'/beheer/inloggen': ['/beheer/inloggen'],
	// the demo has no sign-in provider: its page is the 404 page (checked like any page)
	'/beheer/inloggen/[id]': ['/beheer/inloggen/999999'],
	'/beheer/kwartalen': ['/beheer/kwartalen', '/beheer/kwartalen?periode=2020-2022'],
	'/beheer/meldingen': ['/beheer/meldingen'],
	'/beheer/periodes': ['/beheer/periodes'],
	'/beheer/registers': ['/beheer/registers'],
	'/beheer/werkplaats': ['/beheer/werkplaats'],
	'/dashboard': [
		'/dashboard?van=2020Q1&tot=2022Q4',
		// by line, with open quarters (the banner)
		'/dashboard?van=2020Q1&tot=2026Q4&lijn=1',
		// the first quarter of the demo: nothing to compare with
		'/dashboard?van=2020Q1&tot=2020Q1'
	],
	'/dashboard/cijfer/[indicator]': [
		'/dashboard/cijfer/bijeenkomsten?van=2020Q1&tot=2022Q4',
		'/dashboard/cijfer/partnerorganisaties?van=2020Q1&tot=2022Q4'
	],
	'/inloggen': ['/inloggen'],
	'/inloggen/geen-account': ['/inloggen/geen-account'],
	// the demo has a management account, so the first start is gone (404)
	'/installatie': ['/installatie'],
	'/meldingen': ['/meldingen'],
	'/mijn-ateliers': ['/mijn-ateliers'],
	'/rapporten': ['/rapporten'],
	'/rapporten/[id]': [':fixed'],
	'/rapporten/vaststellen': ['/rapporten/vaststellen?van=2021Q1&tot=2021Q4&voor=vws'],
	'/rapporten/nieuw': ['/rapporten/nieuw?van=2020Q1&tot=2022Q4&voor=vws'],
	'/uitloggen': ['/uitloggen'],
	'/wachtwoord-instellen/[token]': ['/wachtwoord-instellen/ongeldig-token-ongeldig-token']
};

/** The route ids of every page (a +page.svelte) under src/routes. */
function pageRoutes(dir = ROUTES_DIR): string[] {
	const found: string[] = [];
	const files = readdirSync(dir);
	if (files.includes('+page.svelte')) {
		const rel = relative(ROUTES_DIR, dir).split(sep).join('/');
		found.push('/' + rel.replace(/\(([^)]+)\)\/?/g, '').replace(/\/$/, ''));
	}
	for (const f of files) {
		const path = join(dir, f);
		if (statSync(path).isDirectory()) found.push(...pageRoutes(path));
	}
	return found;
}

/** What is wrong with the page as it is shown now, at the current width. */
async function problems(page: Page): Promise<string[]> {
	const found: string[] = [];
	const layout = await page.evaluate((minPx) => {
		const root = document.documentElement;
		const wide: string[] = [];
		if (root.scrollWidth > window.innerWidth) {
			// name what reaches beyond the right edge: text (a long word) or a childless element
			const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
			for (let node = walker.nextNode(); node && wide.length < 5; node = walker.nextNode()) {
				const range = document.createRange();
				range.selectNodeContents(node);
				const right = Math.max(0, ...[...range.getClientRects()].map((r) => r.right));
				if (right > window.innerWidth + 0.5)
					wide.push(`"${(node.textContent ?? '').trim().slice(0, 30)}" right=${Math.round(right)}`);
			}
			for (const el of document.body.querySelectorAll('*')) {
				if (wide.length >= 8) break;
				const r = el.getBoundingClientRect();
				if (r.width > 0 && r.right > window.innerWidth + 0.5 && el.children.length === 0)
					wide.push(
						`<${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}"> right=${Math.round(r.right)}`
					);
			}
		}
		const small: string[] = [];
		for (const text of document.querySelectorAll<SVGTextElement>('figure svg text')) {
			const box = text.getBoundingClientRect();
			if (box.width === 0 && box.height === 0) continue; // not shown at this width
			const ctm = text.getScreenCTM();
			const size =
				parseFloat(getComputedStyle(text).fontSize) * (ctm ? Math.hypot(ctm.a, ctm.b) : 1);
			if (size < minPx) small.push(`"${text.textContent}" ${size.toFixed(1)} px`);
		}
		// a checkbox sits beside its label; every other field is as tall as the styled ones
		const fields: string[] = [];
		for (const box of document.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')) {
			const label = box.id ? document.querySelector(`label[for="${box.id}"]`) : null;
			const b = box.getBoundingClientRect();
			// the label's first line: to the right of the box, and level with it
			const range = document.createRange();
			if (label) range.selectNodeContents(label);
			const first = label ? range.getClientRects()[0] : undefined;
			if (!first || b.width === 0 || first.width === 0) continue;
			const level = Math.abs(b.top + b.height / 2 - (first.top + first.height / 2)) <= 6;
			if (first.left < b.right - 0.5 || !level || b.width > 40)
				fields.push(`checkbox #${box.id} not beside its label`);
		}
		for (const input of document.querySelectorAll<HTMLElement>(
			'input:not([type="checkbox"]):not([type="radio"]):not([type="hidden"]):not([type="submit"]), select, textarea'
		)) {
			const r = input.getBoundingClientRect();
			if (r.width > 0 && r.height < 28)
				fields.push(
					`<${input.tagName.toLowerCase()} #${input.id}> ${Math.round(r.height)} px high`
				);
		}
		return {
			fields: fields.slice(0, 5),
			scrollWidth: root.scrollWidth,
			innerWidth: window.innerWidth,
			wide,
			h1: document.querySelectorAll('h1').length,
			small: small.slice(0, 5),
			smallCount: small.length
		};
	}, MIN_CHART_TEXT_PX);
	if (layout.scrollWidth > layout.innerWidth)
		found.push(
			`scrolls sideways: ${layout.scrollWidth} > ${layout.innerWidth} (${layout.wide.join('; ')})`
		);
	if (layout.h1 !== 1) found.push(`${layout.h1} h1 elements`);
	for (const f of layout.fields) found.push(f);
	if (layout.smallCount > 0)
		found.push(
			`${layout.smallCount} chart labels under ${MIN_CHART_TEXT_PX} px: ${layout.small.join(', ')}`
		);
	for (const v of await axeViolations(page)) found.push(`axe: ${v}`);
	return found;
}

describe('every page of every role at 360 and 1366 px', () => {
	let browser: Browser;
	let fixedUrl = '';

	beforeAll(async () => {
		browser = await openBrowser();
		// a fixed report for the council's edition, so /rapporten/[id] has a page for both readers
		const { page } = browser;
		await signIn(page, baseURL, DEMO_USERS.management);
		await page.goto(`${baseURL}/rapporten/vaststellen?van=2020Q1&tot=2020Q4&voor=programmaraad`);
		const confirm = page.getByRole('button', { name: /Definitief vaststellen/ });
		await Promise.all([page.waitForURL(/\/rapporten\/\d+$/), confirm.click()]);
		fixedUrl = new URL(page.url()).pathname;
	});
	afterAll(async () => browser?.close());

	it('has a state for every page in src/routes', () => {
		const routes = pageRoutes();
		expect(routes.length).toBeGreaterThan(20);
		expect(Object.keys(STATES).sort()).toEqual(routes.sort());
	});

	// at least this many page states per role (the pages it may open, with their variants)
	const expectedAtLeast: Record<Who, number> = {
		anonymous: 5,
		kartrekker: 18,
		council: 18,
		management: 43
	};

	for (const who of ['anonymous', 'kartrekker', 'council', 'management'] as const)
		describe(who, () => {
			let checked = 0;
			beforeAll(async () => {
				if (who === 'anonymous') await browser.page.context().clearCookies();
				else await signIn(browser.page, baseURL, ACCOUNTS[who]);
			});

			for (const [route, states] of Object.entries(STATES))
				it(`${route}: no sideways scrolling, no axe violations, one h1, readable charts`, async () => {
					const { page } = browser;
					const failures: string[] = [];
					for (const state of states) {
						const url = state === ':fixed' ? fixedUrl : state;
						await page.setViewportSize({ width: WIDTHS[0], height: 800 });
						const response = await page.goto(`${baseURL}${url}`);
						const landed = new URL(page.url());
						// not this role's page: refused, or sent elsewhere (to sign in, or away from it)
						if (response?.status() === 403) continue;
						if (landed.pathname !== new URL(url, baseURL).pathname) continue;
						checked++;
						for (const width of WIDTHS) {
							await page.setViewportSize({ width, height: 800 });
							for (const p of await problems(page)) failures.push(`${url} @${width}: ${p}`);
						}
					}
					expect(failures).toEqual([]);
				});

			it('checked the pages this role may open', () => {
				expect(checked).toBeGreaterThanOrEqual(expectedAtLeast[who]);
			});
		});
});
