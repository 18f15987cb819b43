import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './app-server';
import { openBrowser, type Browser } from './browser';
import { DEMO_PASSWORD, DEMO_USERS, signInWithForm } from './session';

// Every form behaves the same after a submit (the one form pattern of the README): a refused
// submit opens with an error summary that has the focus, links each message to its field, and
// that field is aria-invalid and described by its message; a successful submit puts the focus on
// the status message, a live region. Once with JavaScript (use:enhance) and once without (the
// server's page, with autofocus). On an app of its own: the successful submits change the demo.

type Role = keyof typeof DEMO_USERS | 'anonymous';

interface FormCase {
	name: string;
	role: Role;
	/** The page, or a function of what earlier cases found (a link they were given). */
	path: string | (() => string);
	/** Fills in something wrong and submits (none for a form that cannot be refused). */
	fail?: (page: Page) => Promise<void>;
	/** How many fields the summary must link to (0: a message about the whole form). */
	fields?: number;
	/** Ids of fields that must be aria-invalid although the summary has no link to them. */
	invalid?: string[];
	/** Fills in something right and submits; the status message must then say `said`. */
	succeed?: (page: Page, mode: string) => Promise<void>;
	said?: RegExp;
	/** Only in one of the two runs (a success that cannot be repeated, say). */
	only?: 'js' | 'plain';
}

const click = (page: Page, name: string | RegExp, within = 'main') =>
	page
		.locator(within)
		.getByRole('button', { name, exact: typeof name === 'string' })
		.click();
const fill = (page: Page, id: string, value: string) => page.locator(`[id="${id}"]`).fill(value);
const select = (page: Page, id: string, value: string) =>
	page.locator(`[id="${id}"]`).selectOption(value);

// values read before a field is emptied, put back by the successful submit
const kept = new Map<string, string>();
const keep = async (page: Page, id: string) => {
	if (!kept.has(id)) kept.set(id, await page.locator(`[id="${id}"]`).inputValue());
};
const restore = (page: Page, id: string) => fill(page, id, kept.get(id) ?? '');

const QUARTER = '/ateliers/impact/2023Q4';
let currentMode = 'js';
const pathOf = (c: FormCase) => (typeof c.path === 'string' ? c.path : c.path());

const CASES: FormCase[] = [
	{
		name: 'inloggen',
		role: 'anonymous',
		path: '/inloggen',
		fail: async (page) => {
			await fill(page, 'email', DEMO_USERS.council);
			await fill(page, 'password', 'niet-het-wachtwoord');
			await click(page, 'Inloggen');
		},
		fields: 0
	},
	{
		name: 'een bijeenkomst toevoegen',
		role: 'kartrekkerB',
		path: QUARTER,
		fail: async (page) => {
			// the form for a new one is folded away under the list
			await page.locator('section#activity details > summary').click();
			await click(page, 'Bijeenkomst toevoegen', 'section#activity');
		},
		fields: 3,
		succeed: async (page, mode) => {
			await fill(page, 'activity-nieuw-date', '2023-11-14');
			await fill(page, 'activity-nieuw-title', `Formulierenmiddag ${mode}`);
			await select(page, 'activity-nieuw-kind', 'workshop');
			await click(page, 'Bijeenkomst toevoegen', 'section#activity');
		},
		said: /^Opgeslagen\.$/
	},
	{
		name: 'een publicatie toevoegen',
		role: 'kartrekkerB',
		path: QUARTER,
		fail: async (page) => {
			const details = page.locator('section#publication details');
			if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
			await click(page, 'Publicatie toevoegen', 'section#publication');
		},
		fields: 1
	},
	{
		name: 'netwerkleden',
		role: 'kartrekkerB',
		path: QUARTER,
		fail: async (page) => {
			await fill(page, 'netwerkleden', 'veel');
			await click(page, 'Opslaan', 'section#gegevens');
		},
		fields: 1,
		succeed: async (page) => {
			await fill(page, 'netwerkleden', '68');
			await click(page, 'Opslaan', 'section#gegevens');
		},
		said: /^Opgeslagen\.$/
	},
	{
		name: 'een Excel-bestand inlezen',
		role: 'kartrekkerB',
		path: QUARTER,
		fail: (page) => click(page, 'Uploaden en inlezen', 'section#excel'),
		fields: 0,
		invalid: ['bestand']
	},
	{
		name: 'het studentenoverzicht',
		role: 'kartrekkerB',
		path: '/ateliers/impact/studenten',
		fail: (page) => click(page, 'Toevoegen'),
		fields: 1,
		succeed: async (page, mode) => {
			await fill(page, 'student-naam', `Sam ${mode}`);
			await click(page, 'Toevoegen');
		},
		said: /De student is toegevoegd/
	},
	{
		name: 'een opmerking bij het kwartaal',
		role: 'kartrekkerB',
		path: `${QUARTER}/beoordeling`,
		fail: (page) => click(page, 'Plaatsen', 'form:has([id="opmerking-tekst-kwartaal"])'),
		fields: 1,
		succeed: async (page, mode) => {
			await fill(page, 'opmerking-tekst-kwartaal', `Zie de bijeenkomst van november (${mode}).`);
			await click(page, 'Plaatsen', 'form:has([id="opmerking-tekst-kwartaal"])');
		},
		said: /Je opmerking is geplaatst/
	},
	{
		name: 'een opmerking afhandelen',
		role: 'kartrekkerB',
		path: `${QUARTER}/beoordeling`,
		succeed: (page) =>
			page
				.locator('section#gesprek')
				.getByRole('button', { name: 'Markeer als afgehandeld' })
				.first()
				.click(),
		said: /Gemarkeerd als afgehandeld/
	},
	{
		name: 'terugsturen zonder opmerking',
		role: 'management',
		path: '/ateliers/impact/2023Q3',
		fail: (page) => click(page, 'Terugsturen'),
		fields: 1
	},
	{
		name: 'het wachtwoord wijzigen',
		role: 'council',
		path: '/account',
		fail: (page) => click(page, 'Wachtwoord wijzigen'),
		fields: 1,
		succeed: async (page) => {
			// only in the run with JavaScript: the run without does not sign in as this user
			await fill(page, 'current', DEMO_PASSWORD);
			await fill(page, 'next', 'een-ander-wachtwoord');
			await fill(page, 'confirm', 'een-ander-wachtwoord');
			await click(page, 'Wachtwoord wijzigen');
		},
		said: /Je wachtwoord is gewijzigd/,
		only: 'js'
	},
	{
		name: 'een atelier aanmaken',
		role: 'management',
		path: '/beheer/ateliers/nieuw',
		fail: (page) => click(page, 'Atelier aanmaken'),
		fields: 2,
		succeed: async (page, mode) => {
			await fill(page, 'atelier-name', `Formulieren ${mode}`);
			await fill(page, 'atelier-activeFrom', 'K1 2025');
			await click(page, 'Atelier aanmaken');
		},
		said: /Het atelier is aangemaakt/
	},
	{
		name: 'een atelier wijzigen',
		role: 'management',
		path: '/beheer/ateliers/impact',
		fail: async (page) => {
			await keep(page, 'edit-name');
			await fill(page, 'edit-name', '');
			await click(page, 'Opslaan', 'form[action="?/update"]');
		},
		fields: 1,
		succeed: async (page) => {
			await restore(page, 'edit-name');
			await click(page, 'Opslaan', 'form[action="?/update"]');
		},
		said: /De wijzigingen zijn opgeslagen/
	},
	{
		name: 'een atelier beëindigen',
		role: 'management',
		path: '/beheer/ateliers/impact',
		fail: async (page) => {
			await fill(page, 'end-activeTo', 'ooit');
			await click(page, 'Beëindigen', 'form[action="?/end"]');
		},
		fields: 1
	},
	{
		name: 'een atelier voortzetten',
		role: 'management',
		path: '/beheer/ateliers/impact',
		fail: (page) => click(page, /voortzetten/i, 'form[action="?/continue"]'),
		fields: 1
	},
	{
		name: 'een partnerorganisatie in het register',
		role: 'management',
		path: '/beheer/registers',
		fail: (page) => click(page, 'Toevoegen', 'form[action="?/organisatie"]'),
		fields: 1,
		succeed: async (page, mode) => {
			await fill(page, 'organisatie-name', `Formulierhuis ${mode}`);
			await select(page, 'organisatie-kind', 'welzijn');
			await click(page, 'Toevoegen', 'form[action="?/organisatie"]');
		},
		said: /is toegevoegd/
	},
	{
		name: 'een wijk in het register',
		role: 'management',
		path: '/beheer/registers',
		fail: (page) => click(page, 'Toevoegen', 'form[action="?/locatie"]'),
		fields: 1,
		succeed: async (page, mode) => {
			await fill(page, 'locatie-municipality', 'Maastricht');
			await fill(page, 'locatie-name', `Formulierwijk ${mode}`);
			await click(page, 'Toevoegen', 'form[action="?/locatie"]');
		},
		said: /is toegevoegd/
	},
	{
		name: 'een subsidieperiode toevoegen',
		role: 'management',
		path: '/beheer/periodes',
		fail: (page) => click(page, 'Periode toevoegen'),
		fields: 3
	},
	{
		name: 'de werkplaats',
		role: 'management',
		path: '/beheer/werkplaats',
		fail: async (page) => {
			await keep(page, 'name');
			await fill(page, 'name', '');
			await click(page, 'Opslaan', 'form[action="?/opslaan"]');
		},
		fields: 1,
		succeed: async (page) => {
			await restore(page, 'name');
			await click(page, 'Opslaan', 'form[action="?/opslaan"]');
		},
		said: /^Opgeslagen\.$/
	},
	{
		name: 'het logo',
		role: 'management',
		path: '/beheer/werkplaats',
		fail: (page) => click(page, 'Logo opslaan'),
		fields: 1
	},
	{
		name: 'een cijfer',
		role: 'management',
		path: '/beheer/indicatoren',
		fail: async (page) => {
			const id = await page.locator('main input[id$="-name"]').first().getAttribute('id');
			await keep(page, id!);
			kept.set('indicator', id!);
			await fill(page, id!, '');
			await page.locator('main form:has(input[id$="-name"])').first().getByRole('button').click();
		},
		fields: 1,
		succeed: async (page) => {
			const id = kept.get('indicator')!;
			await restore(page, id);
			await page.locator('main form:has(input[id$="-name"])').first().getByRole('button').click();
		},
		said: /^Opgeslagen\.$/
	},
	{
		name: 'de doelen',
		role: 'management',
		path: '/beheer/doelen?jaar=2024',
		fail: async (page) => {
			await page.locator('main input[name^="t:"]').first().fill('veel');
			await click(page, 'Doelen opslaan');
		},
		fields: 1,
		succeed: async (page) => {
			await page.locator('main input[name^="t:"]').first().fill('40');
			await click(page, 'Doelen opslaan');
		},
		said: /zijn opgeslagen/
	},
	{
		name: 'een gebruiker aanmaken',
		role: 'management',
		path: '/beheer/gebruikers',
		fail: (page) => click(page, /aanmaken|toevoegen/i, 'form[action="?/create"]'),
		fields: 2,
		succeed: async (page, mode) => {
			await fill(page, 'nieuw-name', `Fenna ${mode}`);
			await fill(page, 'nieuw-email', `formulier-${mode}@voorbeeld.nl`);
			await select(page, 'nieuw-role', 'council');
			await click(page, /aanmaken|toevoegen/i, 'form[action="?/create"]');
			// the one-off link for the new user's password, for the next case
			const link = await page.locator('.status-message code').first().textContent();
			kept.set(`link-${mode}`, link!.trim());
		},
		said: /is aangemaakt/
	},
	{
		name: 'een wachtwoord instellen met de link',
		role: 'anonymous',
		path: () => kept.get(`link-${currentMode}`)!.replace(/^https?:\/\/[^/]+/, ''),
		fail: (page) => click(page, 'Wachtwoord instellen'),
		fields: 1,
		succeed: async (page) => {
			await fill(page, 'password', 'een-eigen-wachtwoord');
			await fill(page, 'confirm', 'een-eigen-wachtwoord');
			await click(page, 'Wachtwoord instellen');
		},
		said: /Je wachtwoord is ingesteld/
	},
	{
		name: 'een inlogprovider toevoegen',
		role: 'management',
		path: '/beheer/inloggen',
		fail: (page) => click(page, /toevoegen/i, 'form[action="?/create"]'),
		fields: 2
	},
	{
		name: 'de herinneringen',
		role: 'management',
		path: '/beheer/meldingen',
		fail: async (page) => {
			await fill(page, 'dagen', 'vaak');
			await click(page, 'Opslaan', 'form[action="?/herinnering"]');
		},
		fields: 1,
		succeed: async (page) => {
			await fill(page, 'dagen', '7');
			await click(page, 'Opslaan', 'form[action="?/herinnering"]');
		},
		said: /^Opgeslagen\.$/
	},
	{
		name: 'historie inlezen',
		role: 'management',
		path: '/beheer/historie',
		fail: (page) => click(page, 'Uploaden en inlezen'),
		fields: 0,
		invalid: ['bestand']
	},
	{
		name: 'de audit filteren',
		role: 'management',
		path: '/beheer/audit',
		fail: async (page) => {
			await fill(page, 'van', '2024-05-01');
			await fill(page, 'tot', '2024-01-31');
			await click(page, 'Filteren');
		},
		fields: 1
	}
];

/** What the page says about the form's outcome, read in the page. */
function outcome(page: Page) {
	return page.evaluate(() => {
		const active = document.activeElement as HTMLElement | null;
		const summary = document.querySelector('.error-summary');
		const links = [...(summary?.querySelectorAll('a[href^="#"]') ?? [])].map((a) => {
			const id = decodeURIComponent(a.getAttribute('href')!.slice(1));
			const field = document.getElementById(id);
			const described = (field?.getAttribute('aria-describedby') ?? '')
				.split(/\s+/)
				.filter(Boolean)
				.map((d) => document.getElementById(d)?.textContent?.trim() ?? '');
			return {
				id,
				message: a.textContent?.trim() ?? '',
				exists: field !== null,
				invalid: field?.getAttribute('aria-invalid') ?? null,
				described
			};
		});
		return {
			active: active
				? `${active.tagName.toLowerCase()}.${[...active.classList].join('.')}#${active.id}`
				: 'none',
			onSummary: summary !== null && active === summary,
			summaryText: summary?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
			onStatus: active?.classList.contains('status-message') ?? false,
			statusRole: active?.getAttribute('role') ?? null,
			statusText: active?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
			links
		};
	});
}

const invalidOf = (page: Page, id: string) =>
	page.locator(`[id="${id}"]`).getAttribute('aria-invalid');

function run(mode: 'js' | 'plain') {
	describe(`every form ${mode === 'js' ? 'with' : 'without'} JavaScript`, () => {
		const cases = CASES.filter((c) => !c.only || c.only === mode);
		const browsers = new Map<Role, Browser>();
		const pageOf = (role: Role) => browsers.get(role)!.page;
		beforeAll(async () => {
			currentMode = mode;
			for (const role of new Set(cases.map((c) => c.role))) {
				const browser = await openBrowser({ javaScriptEnabled: mode === 'js' });
				browser.page.setDefaultTimeout(10_000);
				browsers.set(role, browser);
				if (role !== 'anonymous') await signInWithForm(browser.page, app.url, DEMO_USERS[role]);
			}
		});
		afterAll(async () => {
			for (const browser of browsers.values()) await browser.close();
		});

		for (const c of cases) {
			if (c.fail)
				it(`${c.name}: a refused submit puts the focus on the error summary`, async () => {
					const page = pageOf(c.role);
					await page.goto(`${app.url}${pathOf(c)}`);
					await c.fail!(page);
					await page
						.locator('.error-summary')
						.first()
						.waitFor()
						.catch(async (error) => {
							const shown = `${page.url()}: ${await page.locator('body').textContent()}`;
							throw new Error(`no error summary: ${shown?.replace(/\s+/g, ' ')}`, {
								cause: error
							});
						});
					await page
						.waitForFunction(() => document.activeElement?.classList.contains('error-summary'))
						.catch(() => undefined);
					const seen = await outcome(page);
					expect(seen.onSummary, `focus on ${seen.active}`).toBe(true);
					expect(seen.summaryText).not.toBe('');
					expect(seen.links.length, seen.summaryText).toBeGreaterThanOrEqual(c.fields ?? 1);
					if (c.fields === 0) expect(seen.links).toEqual([]);
					for (const link of seen.links) {
						expect(link.exists, `#${link.id}`).toBe(true);
						expect(link.invalid, `#${link.id}`).toBe('true');
						expect(link.described, `#${link.id}`).toContain(link.message);
					}
					for (const id of c.invalid ?? []) await expect(invalidOf(page, id)).resolves.toBe('true');
				});
			if (c.succeed)
				it(`${c.name}: a successful submit puts the focus on the status message`, async () => {
					const page = pageOf(c.role);
					if (!c.fail) await page.goto(`${app.url}${pathOf(c)}`);
					await c.succeed!(page, mode);
					await page
						.locator('.status-message')
						.first()
						.waitFor()
						.catch(async (error) => {
							const refused = await page.locator('main').textContent();
							throw new Error(`no status message: ${refused?.replace(/\s+/g, ' ')}`, {
								cause: error
							});
						});
					await page
						.waitForFunction(() => document.activeElement?.classList.contains('status-message'))
						.catch(() => undefined);
					const seen = await outcome(page);
					expect(seen.onStatus, `focus on ${seen.active}`).toBe(true);
					expect(seen.statusRole).toBe('status');
					expect(seen.statusText).toMatch(c.said!);
					await expect(page.locator('.error-summary').count()).resolves.toBe(0);
				});
		}
	});
}

let app: RunningApp;
beforeAll(async () => {
	app = await startApp();
});
afterAll(async () => {
	await app?.stop();
});

run('js');
run('plain');
