import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, openBrowser, type Browser } from './browser';
import { DEMO_USERS, signInWithForm } from './session';

// A kartrekker logs a whole quarter through the forms and submits it; management returns it with a
// comment; the kartrekker fixes and resubmits; management approves; the quarter is then locked.
// Once with JavaScript, once without. 2024 quarters of over-leven-armoede have no demo report, so
// the demo figures other tests check stay as they are.

const baseURL = inject('baseURL');
const KARTREKKER = 'armoede@voorbeeld.nl';
const SLUG = 'over-leven-armoede';

async function fill(scope: Locator, values: Record<string, string | boolean>) {
	for (const [label, value] of Object.entries(values)) {
		const field = scope.getByLabel(label, { exact: false }).first();
		const tag = await field.evaluate((el) => `${el.tagName}:${(el as HTMLInputElement).type}`);
		if (tag.startsWith('SELECT')) await field.selectOption({ label: String(value) });
		else if (tag === 'INPUT:checkbox') await field.setChecked(Boolean(value));
		else await field.fill(String(value));
	}
}

/** Opens the "new" form of a section (a closed <details> once the section has items). */
async function newForm(page: Page, type: string): Promise<Locator> {
	const section = page.locator(`section#${type}`);
	const details = section.locator('details');
	if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
	return details;
}

async function save(form: Locator, button: RegExp) {
	await form.getByRole('button', { name: button }).click();
	await form.page().waitForLoadState('load');
}

function flow(javaScriptEnabled: boolean, quarter: string, label: string) {
	describe(`logging and approving ${label} (${javaScriptEnabled ? 'with' : 'without'} JavaScript)`, () => {
		let kt: Browser;
		let mgmt: Browser;
		const url = `${baseURL}/ateliers/${SLUG}/${quarter}`;
		const student = javaScriptEnabled ? 'Sanne met JS' : 'Sanne zonder JS';
		// axe-core runs inside the page, so only where scripts run (the same pages, checked once)
		const expectNoAxe = async (page: Page) => {
			if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([]);
		};
		beforeAll(async () => {
			kt = await openBrowser({ javaScriptEnabled });
			mgmt = await openBrowser({ javaScriptEnabled });
			await signInWithForm(kt.page, baseURL, KARTREKKER);
			await signInWithForm(mgmt.page, baseURL, DEMO_USERS.management);
		});
		afterAll(async () => {
			await kt?.close();
			await mgmt?.close();
		});

		it('the kartrekker finds the quarter under Mijn ateliers and keeps a student roster', async () => {
			const { page } = kt;
			await page.goto(`${baseURL}/mijn-ateliers`);
			await expectNoAxe(page);
			const atelier = page.locator('section', { hasText: 'Over leven ten tijde van tweedeling' });
			await atelier.getByRole('link', { name: 'Studentenoverzicht' }).click();
			await page.waitForURL(/studenten$/);
			await page.getByRole('button', { name: 'Toevoegen' }).click();
			await page.locator('.field-error').first().waitFor();
			await expect(page.locator('.field-error').first().textContent()).resolves.toContain(
				'Vul een naam'
			);
			await page.getByLabel('Naam of roepnaam').fill(student);
			await page.getByRole('button', { name: 'Toevoegen' }).click();
			await page.getByText(`${student} · 0 deelnames`).waitFor();
			await expectNoAxe(page);
			await page.goto(`${baseURL}/mijn-ateliers`);
			await atelier.getByRole('link', { name: label }).click();
			await page.waitForURL(url);
			await expect(page.locator('h1').textContent()).resolves.toContain(label);
			await expect(page.locator('#status-kop').textContent()).resolves.toContain('concept');
		});

		it('shows Dutch messages next to the fields and keeps the values', async () => {
			const { page } = kt;
			const form = await newForm(page, 'activity');
			await fill(form, {
				Datum: '2024-07-01',
				'Soort bijeenkomst': 'workshop',
				'Deelnemers totaal': '5',
				'waarvan bewoners': '7'
			});
			await save(form, /toevoegen/);
			const section = page.locator('section#activity');
			await section.locator('.field-error').first().waitFor();
			const text = (await section.textContent()) ?? '';
			expect(text).toContain('Vul een titel in.');
			expect(text).toContain('De datum moet in');
			await expect(section.getByLabel('waarvan bewoners').inputValue()).resolves.toBe('7');
			// a differently written existing organisation is offered, not duplicated
			const partner = await newForm(page, 'partner');
			await fill(partner, { Organisatie: 'trajekt', 'Soort (alleen': 'welzijn' });
			await save(partner, /toevoegen/);
			await page.locator('section#partner .field-error').first().waitFor();
			await expect(page.locator('section#partner').textContent()).resolves.toContain(
				'bestaat al als “Trajekt”'
			);
			await expectNoAxe(page);
		});

		it('logs every kind of record and submits the quarter', async () => {
			const { page } = kt;
			const month = quarter.endsWith('Q1') ? '02' : '05';
			let form = await newForm(page, 'partner');
			await fill(form, { Organisatie: 'Trajekt', 'Rol in dit kwartaal': 'gastheer' });
			await save(form, /toevoegen/);
			await page.locator('.summary', { hasText: 'Trajekt — gastheer' }).waitFor();

			form = await newForm(page, 'activity');
			await fill(form, {
				Datum: `2024-${month}-15`,
				Titel: 'Wijkgesprek over rondkomen',
				'Soort bijeenkomst': 'kennisbijeenkomst',
				Openbaar: true,
				'Deelnemers totaal': '25',
				'waarvan professionals': '10',
				'waarvan bewoners': '12',
				'Wijk of stadsdeel': 'Geleen (Sittard-Geleen)',
				Trajekt: true
			});
			await save(form, /toevoegen/);
			await page
				.locator('.summary', { hasText: 'Wijkgesprek over rondkomen — 25 deelnemers' })
				.waitFor();

			form = await newForm(page, 'student');
			await fill(form, { Student: student, 'Wat deed de student': 'wijkverhalen' });
			await save(form, /toevoegen/);
			await page.locator('.summary', { hasText: `${student}: wijkverhalen` }).waitFor();

			form = await newForm(page, 'publication');
			await fill(form, {
				Datum: `2024-${month}-20`,
				Titel: 'Verslag wijkgesprek',
				Soort: 'verslag',
				Webadres: 'https://www.zuyd.nl/verslag'
			});
			await save(form, /toevoegen/);
			await page.locator('.summary', { hasText: 'verslag: Verslag wijkgesprek' }).waitFor();

			form = await newForm(page, 'reach');
			await fill(form, {
				'Wijk of stadsdeel': 'Geleen (Sittard-Geleen)',
				'Gesprekken met bewoners': '30',
				'Professionals bereikt': '8'
			});
			await save(form, /toevoegen/);
			await page.locator('.summary', { hasText: '30 gesprekken met bewoners' }).waitFor();

			form = await newForm(page, 'highlight');
			await fill(form, {
				Titel: 'Bewoners aan het woord',
				'Citaat (optioneel)': 'Eindelijk luistert iemand.',
				'Van wie is het citaat': 'een bewoner',
				'Opnemen in het verslag': true
			});
			await save(form, /toevoegen/);
			await page
				.locator('.summary', {
					hasText: 'Bewoners aan het woord (voor het verslag aan de financier)'
				})
				.waitFor();

			await page.getByLabel('Netwerkleden aan het eind').fill('55');
			await page.locator('#gegevens').getByRole('button', { name: 'Opslaan' }).click();
			await page.waitForURL(/gelukt=gegevens/);
			await expect(page.getByLabel('Netwerkleden aan het eind').inputValue()).resolves.toBe('55');
			await expectNoAxe(page);

			await page.getByRole('button', { name: 'Kwartaal indienen' }).click();
			await page.locator('#status-kop', { hasText: 'ingediend' }).waitFor();
			await expect(page.getByRole('button', { name: /toevoegen/ }).count()).resolves.toBe(0);
		});

		it('management sees it in the matrix and returns it with a comment', async () => {
			const { page } = mgmt;
			await page.goto(`${baseURL}/beheer/kwartalen?periode=2023-2026`);
			await expectNoAxe(page);
			await page
				.locator('section', { hasText: 'Wacht op beoordeling' })
				.getByRole('link', { name: `Over leven ten tijde van tweedeling: armoede, ${label}` })
				.click();
			await page.waitForURL(url);
			await page.getByRole('button', { name: 'Terugsturen' }).click();
			await page
				.locator('.field-error', { hasText: 'Schrijf erbij wat er moet worden aangepast.' })
				.waitFor();
			await page
				.getByLabel('Opmerking voor de kartrekker')
				.fill('Vul bij het hoogtepunt de rol van de spreker aan.');
			await page.getByRole('button', { name: 'Terugsturen' }).click();
			await page.locator('#status-kop', { hasText: 'teruggestuurd' }).waitFor();
			await expectNoAxe(page);
		});

		it('the kartrekker reads the comment, fixes the record and resubmits', async () => {
			const { page } = kt;
			await page.goto(url);
			await expect(page.locator('.return-comment').textContent()).resolves.toContain(
				'rol van de spreker'
			);
			await page
				.locator('section#highlight')
				.getByRole('link', { name: /Wijzigen/ })
				.click();
			await page.waitForURL(/bewerk=highlight-/);
			await page
				.locator('section#highlight')
				.getByLabel('Rol van de spreker')
				.fill('bewoner van Geleen');
			await save(page.locator('section#highlight'), /Wijziging opslaan/);
			await page.waitForURL(/gelukt=highlight/);
			await expect(page.locator('#status-kop').textContent()).resolves.toContain('concept');
			await page.getByRole('button', { name: 'Kwartaal indienen' }).click();
			await page.locator('#status-kop', { hasText: 'ingediend' }).waitFor();
		});

		it('management approves; the kartrekker can no longer change it, not even by posting', async () => {
			await mgmt.page.goto(url);
			await mgmt.page.getByRole('button', { name: 'Goedkeuren' }).click();
			await mgmt.page.locator('#status-kop', { hasText: 'goedgekeurd' }).waitFor();
			const { page } = kt;
			await page.goto(url);
			await expect(page.locator('#status-kop').textContent()).resolves.toContain('goedgekeurd');
			await expect(page.getByRole('link', { name: /Wijzigen/ }).count()).resolves.toBe(0);
			await expect(page.locator('form[action="?/opslaan"]').count()).resolves.toBe(0);
			const response = await page.request.post(`${url}?/opslaan`, {
				headers: { origin: baseURL, accept: 'text/html' },
				form: { type: 'highlight', title: 'Toch nog iets' }
			});
			expect(response.status()).toBe(409);
			expect(await response.text()).toContain('goedgekeurd en daarmee afgesloten');
			await page.setViewportSize({ width: 360, height: 740 });
			await page.goto(url);
			await expectNoAxe(page);
			const overflow = await page.evaluate(
				() => document.documentElement.scrollWidth > document.documentElement.clientWidth
			);
			expect(overflow).toBe(false);
		});
	});
}

flow(true, '2024Q1', 'K1 2024');
flow(false, '2024Q2', 'K2 2024');
