import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './app-server';
import { axeViolations, openBrowser, type Browser } from './browser';
import { DEMO_USERS, signInWithForm } from './session';

// Management sets up its own ateliers and registries in the browser: three ateliers of which one
// continues another, two wijken, an organisation entered twice and merged, a kartrekker created
// and assigned; two managers editing one atelier; and the same steps without JavaScript. On an
// app of its own, so the demo figures the other browser tests check stay as they are.

let app: RunningApp;
const main = (page: Page) => page.locator('main');
const text = async (page: Page) => ((await main(page).textContent()) ?? '').replace(/\s+/g, ' ');

async function createAtelier(page: Page, name: string, from: string) {
	await page.goto(`${app.url}/beheer/ateliers/nieuw`);
	await page.getByLabel('Naam').fill(name);
	await page.getByLabel('Eerste actieve kwartaal').fill(from);
	await page.getByRole('button', { name: 'Atelier aanmaken' }).click();
	await page.getByText('Het atelier is aangemaakt.').waitFor();
}

async function addWijk(page: Page, municipality: string, name: string) {
	const form = page.locator('form[action="?/locatie"]');
	await form.getByLabel('Gemeente').fill(municipality);
	await form.getByLabel('Naam').fill(name);
	await form.getByRole('button', { name: 'Toevoegen' }).click();
	await page.getByText(`“${name}” is toegevoegd.`).waitFor();
}

async function addOrganisation(page: Page, name: string) {
	const form = page.locator('form[action="?/organisatie"]');
	await form.getByLabel('Naam').fill(name);
	await form.getByLabel('Soort').selectOption('welzijn');
	await form.getByRole('button', { name: 'Toevoegen' }).click();
	await page.getByText(`“${name}” is toegevoegd.`).waitFor();
}

describe('setting up ateliers and registries in the browser', () => {
	let boss: Browser;
	let boss2: Browser;
	let plain: Browser;
	beforeAll(async () => {
		app = await startApp();
		boss = await openBrowser();
		boss2 = await openBrowser();
		plain = await openBrowser({ javaScriptEnabled: false });
		for (const b of [boss, boss2, plain])
			await signInWithForm(b.page, app.url, DEMO_USERS.management);
	});
	afterAll(async () => {
		for (const b of [boss, boss2, plain]) await b?.close();
		await app?.stop();
	});

	it('creates three ateliers, one continuing another', async () => {
		const { page } = boss;
		await page.goto(`${app.url}/ateliers`);
		await page
			.getByRole('navigation', { name: 'Hoofdmenu' })
			.getByRole('link', { name: 'Beheer' })
			.click();
		await page.waitForURL(/\/beheer$/);
		await page.getByRole('main').getByRole('link', { name: 'Ateliers beheren' }).click();
		await page.waitForURL(/\/beheer\/ateliers$/);
		await page.getByRole('link', { name: 'Nieuw atelier aanmaken' }).click();
		await page.waitForURL(/\/beheer\/ateliers\/nieuw$/);
		await page.getByRole('button', { name: 'Atelier aanmaken' }).click();
		await page.locator('.field-error', { hasText: 'Vul een naam in.' }).waitFor();
		await page.locator('.field-error', { hasText: 'Vul een kwartaal in' }).waitFor();
		expect(await axeViolations(page)).toEqual([]);

		await createAtelier(page, 'Schuldhulp Beek', 'K1 2031');
		expect(page.url()).toContain('/beheer/ateliers/schuldhulp-beek');
		await createAtelier(page, 'Wonen in Beek', '2031Q1');

		await page.goto(`${app.url}/beheer/ateliers/schuldhulp-beek`);
		const cont = page.locator('form[action="?/continue"]');
		await cont.getByLabel('Laatste kwartaal').fill('K4 2031');
		await cont.getByLabel('Naam van het nieuwe atelier').fill('Bestaanszekerheid Beek');
		await cont.getByRole('button', { name: 'Voortzetten' }).click();
		await page.waitForURL(/\/beheer\/ateliers\/bestaanszekerheid-beek/);
		expect(await text(page)).toContain('Actief K1 2032 – heden. Voortzetting van Schuldhulp Beek.');
		expect(await axeViolations(page)).toEqual([]);

		await page.goto(`${app.url}/beheer/ateliers`);
		const row = page.locator('tr', { hasText: 'Bestaanszekerheid Beek' });
		expect(await row.textContent()).toContain('Schuldhulp Beek');
		const first = page.locator('tr', {
			has: page.getByRole('link', { name: 'Schuldhulp Beek', exact: true })
		});
		expect((await first.textContent())?.replace(/\s+/g, ' ')).toContain('K1 2031 – K4 2031');
		expect(await axeViolations(page)).toEqual([]);
	});

	it('gives the second of two managers editing one atelier the conflict view', async () => {
		const url = `${app.url}/beheer/ateliers/wonen-in-beek`;
		await boss.page.goto(url);
		await boss2.page.goto(url);
		await boss.page.getByLabel('Thema', { exact: true }).first().fill('Wonen en armoede');
		await boss.page
			.locator('form[action="?/update"]')
			.getByRole('button', { name: 'Opslaan' })
			.click();
		await boss.page.getByText('De wijzigingen zijn opgeslagen.').waitFor();
		await boss2.page.getByLabel('Thema', { exact: true }).first().fill('Wonen en zorg');
		await boss2.page
			.locator('form[action="?/update"]')
			.getByRole('button', { name: 'Opslaan' })
			.click();
		await boss2.page.getByText('Iemand anders heeft dit intussen gewijzigd').waitFor();
		// the form now shows what is there; nothing was overwritten
		expect(await boss2.page.getByLabel('Thema', { exact: true }).first().inputValue()).toBe(
			'Wonen en armoede'
		);
		await boss2.page.reload();
		expect(await boss2.page.getByLabel('Thema', { exact: true }).first().inputValue()).toBe(
			'Wonen en armoede'
		);
	});

	it('creates a kartrekker and assigns her on the atelier page too', async () => {
		const { page } = boss;
		await page.goto(`${app.url}/beheer/gebruikers`);
		const form = page.locator('form', {
			has: page.getByRole('button', { name: 'Gebruiker aanmaken' })
		});
		await form.getByLabel('Naam').fill('Kim Kartrekker');
		await form.getByLabel('E-mailadres').fill('kim@beek.example');
		await form.getByLabel('Rol').selectOption({ label: 'Kartrekker' });
		await form.getByLabel('Wonen in Beek').check();
		await form.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
		await page.getByText('wachtwoord-instellen').first().waitFor();

		await page.goto(`${app.url}/beheer/ateliers/bestaanszekerheid-beek`);
		expect(await text(page)).toContain('Dit atelier heeft nog geen kartrekker.');
		await page
			.getByLabel('Kartrekker toewijzen')
			.selectOption({ label: 'Kim Kartrekker (kim@beek.example)' });
		await page.getByRole('button', { name: 'Toewijzen' }).click();
		await page.getByText('De kartrekker is toegewezen.').waitFor();
		expect(
			await page.locator('section', { hasText: 'Kartrekkers' }).first().textContent()
		).toContain('Kim Kartrekker');
		// the user's own page shows both ateliers ticked
		await page.getByRole('link', { name: 'Kim Kartrekker' }).click();
		await page.waitForURL(/\/beheer\/gebruikers\/\d+$/);
		const ticked = (name: string) => page.getByRole('checkbox', { name, exact: true }).isChecked();
		expect(await ticked('Bestaanszekerheid Beek')).toBe(true);
		expect(await ticked('Wonen in Beek')).toBe(true);
		expect(await ticked('Schuldhulp Beek')).toBe(false);
	});

	it('adds two wijken and merges an organisation entered twice', async () => {
		const { page } = boss;
		await page.goto(`${app.url}/beheer/registers`);
		expect(await axeViolations(page)).toEqual([]);
		await addWijk(page, 'Beek', 'Beek-Centrum');
		await addWijk(page, 'Beek', 'Spaubeek');
		const beek = await text(page);
		expect(beek).toContain('Beek-Centrum · wijk');
		expect(beek).toContain('Spaubeek · wijk');

		await addOrganisation(page, 'Buurtkracht Beek');
		await addOrganisation(page, 'Buurtkracht Beeck');
		const pair = page.locator('.pairs li', { hasText: 'Buurtkracht Beeck' });
		expect(await pair.textContent()).toContain('bijna dezelfde naam');
		await pair.getByRole('button', { name: 'Samenvoegen tot “Buurtkracht Beek”' }).click();
		const dialog = page.getByRole('dialog');
		expect(await dialog.textContent()).toContain(
			'“Buurtkracht Beeck” samenvoegen met “Buurtkracht Beek”?'
		);
		await dialog.getByRole('button', { name: 'Ja, samenvoegen' }).click();
		await page.getByText('Samengevoegd;').waitFor();
		await page.reload();
		const after = await text(page);
		expect(after).toContain('Buurtkracht Beek · welzijn');
		expect(after).not.toContain('Buurtkracht Beeck');
		expect(await axeViolations(page)).toEqual([]);
	});

	it('works without JavaScript: create an atelier, add a wijk, merge after the confirmation step', async () => {
		const { page } = plain;
		await createAtelier(page, 'Zonder script', 'K2 2031');
		await page.goto(`${app.url}/beheer/registers`);
		await addWijk(page, 'Beek', 'Genhout');
		await addWijk(page, 'Beek', 'Genhoud');
		const pair = page.locator('.pairs li', { hasText: 'Genhoud' });
		await pair.getByRole('button', { name: /Samenvoegen tot “Genhout/ }).click();
		await page.getByRole('alertdialog').waitFor();
		await page.getByRole('alertdialog').getByRole('button', { name: 'Ja, samenvoegen' }).click();
		await page.getByText('Samengevoegd;').waitFor();
		const after = await text(page);
		expect(after).toContain('Genhout · wijk');
		expect(after).not.toContain('Genhoud');
	});

	it('imports earlier years from the history workbook, once', async () => {
		const { page } = boss;
		await createAtelier(page, 'Historie Beek', 'K1 2019');
		await page.goto(`${app.url}/beheer/historie`);
		expect(await axeViolations(page)).toEqual([]);
		const download = await page.request.get(`${app.url}/beheer/historie/sjabloon.xlsx`);
		expect(download.status()).toBe(200);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load((await download.body()) as never);
		wb.getWorksheet('Publicaties')!.getRow(2).values = [
			'historie-beek',
			'2019Q2',
			'2019-05-01',
			'Jaarverslag 2019',
			'rapport',
			'',
			'Werkplaats'
		];
		wb.getWorksheet('Kwartalen')!.getRow(2).values = ['Historie Beek', 'K2 2019', 30, 'nee'];
		const file = {
			name: 'historie.xlsx',
			mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			buffer: Buffer.from(await wb.xlsx.writeBuffer())
		};
		await page.getByLabel('Ingevuld historiebestand').setInputFiles(file);
		await page.getByRole('button', { name: 'Uploaden en inlezen' }).click();
		await page.getByText('Ingelezen: 1 kwartaal goedgekeurd, 2 regels opgeslagen.').waitFor();
		await page.getByLabel('Ingevuld historiebestand').setInputFiles(file);
		await page.getByRole('button', { name: 'Uploaden en inlezen' }).click();
		await page.getByText('2 regels stonden er al en zijn overgeslagen').waitFor();
		// the quarter is approved, with the history entry
		await page.goto(`${app.url}/ateliers/historie-beek/2019Q2`);
		const quarter = await text(page);
		expect(quarter).toContain('goedgekeurd');
		expect(quarter).toContain('ingelezen uit historische gegevens');
	});

	it('counts two organisations once on the dashboard after they are merged', async () => {
		const { page } = boss;
		const download = await page.request.get(`${app.url}/beheer/historie/sjabloon.xlsx`);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load((await download.body()) as never);
		const partners = wb.getWorksheet('Partners')!;
		partners.getRow(2).values = ['historie-beek', '2019Q3', 'Buurtzorg Beek', 'zorg', 'Beek', ''];
		partners.getRow(3).values = ['historie-beek', '2019Q4', 'Buurtzorg Beeck', 'zorg', 'Beek', ''];
		await page.goto(`${app.url}/beheer/historie`);
		await page.getByLabel('Ingevuld historiebestand').setInputFiles({
			name: 'partners.xlsx',
			mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			buffer: Buffer.from(await wb.xlsx.writeBuffer())
		});
		await page.getByRole('button', { name: 'Uploaden en inlezen' }).click();
		await page.getByText('Ingelezen: 2 kwartalen goedgekeurd, 2 regels opgeslagen.').waitFor();

		const figure = `${app.url}/dashboard/cijfer/partnerorganisaties?van=2019Q1&tot=2019Q4`;
		await page.goto(figure);
		expect(await page.locator('h1').textContent()).toBe('Partnerorganisaties: 2');
		expect(await text(page)).toContain('Buurtzorg Beeck');

		await page.goto(`${app.url}/beheer/registers`);
		const pair = page.locator('.pairs li', { hasText: 'Buurtzorg Beeck' });
		await pair.getByRole('button', { name: 'Samenvoegen tot “Buurtzorg Beek”' }).click();
		await page.getByRole('dialog').getByRole('button', { name: 'Ja, samenvoegen' }).click();
		await page.getByText('Samengevoegd; 1 verwijzing(en) verplaatst.').waitFor();

		await page.goto(figure);
		expect(await page.locator('h1').textContent()).toBe('Partnerorganisaties: 1');
		const after = await text(page);
		expect(after).toContain('Buurtzorg Beek');
		expect(after).not.toContain('Buurtzorg Beeck');
	});

	it('refuses the set-up pages to everyone but management', async () => {
		const kartrekker = await openBrowser();
		try {
			await signInWithForm(kartrekker.page, app.url, DEMO_USERS.kartrekkerA);
			const nav = kartrekker.page.getByRole('navigation', { name: 'Hoofdmenu' });
			expect(await nav.textContent()).not.toContain('Beheer');
			for (const path of ['/beheer/ateliers', '/beheer/ateliers/nieuw', '/beheer/registers']) {
				const response = await kartrekker.page.goto(`${app.url}${path}`);
				expect(response?.status(), path).toBe(403);
			}
		} finally {
			await kartrekker.close();
		}
	});
});
