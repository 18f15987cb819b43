import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './app-server';
import { openBrowser, type Browser } from './browser';
import { signInWithForm } from './session';

// The whole first hour of a new werkplaats, in the browser only (no SQL, no command line): the
// setup code from the log, a subsidy period, three ateliers of which one continues another, two
// wijken, an organisation entered twice and merged, a kartrekker created and assigned; she logs a
// quarter and submits it, management approves it, and the dashboard shows its numbers.

const CODE_LINE = /installatiecode ([A-Z2-9]{4}(?:-[A-Z2-9]{4}){3})/;
const BOSS = { email: 'lot@wsd-zuid.nl', password: 'een-lang-wachtwoord' };
const KIM = { email: 'kim@wsd-zuid.nl', password: 'kims-eigen-wachtwoord' };

async function fill(scope: Locator, values: Record<string, string | boolean>) {
	for (const [label, value] of Object.entries(values)) {
		const field = scope.getByLabel(label, { exact: false }).first();
		const tag = await field.evaluate((el) => `${el.tagName}:${(el as HTMLInputElement).type}`);
		if (tag.startsWith('SELECT')) await field.selectOption({ label: String(value) });
		else if (tag === 'INPUT:checkbox') await field.setChecked(Boolean(value));
		else await field.fill(String(value));
	}
}

async function newForm(page: Page, type: string): Promise<Locator> {
	const details = page.locator(`section#${type}`).locator('details');
	if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
	return details;
}

describe('a new werkplaats, from an empty database to its first approved quarter', () => {
	let app: RunningApp;
	let boss: Browser;
	let kim: Browser;
	beforeAll(async () => {
		app = await startApp({ DEMO_DATA: 'off' });
		boss = await openBrowser();
		kim = await openBrowser();
	});
	afterAll(async () => {
		await boss?.close();
		await kim?.close();
		await app?.stop();
	});

	it('is set up, logged, approved and counted without SQL', { timeout: 240_000 }, async () => {
		const code = CODE_LINE.exec(await app.waitForOutput((out) => CODE_LINE.test(out)))![1]!;
		const { page } = boss;
		await page.goto(`${app.url}/`);
		await page.waitForURL(/\/installatie$/);
		await page.fill('#code', code);
		await page.fill('#werkplaatsName', 'Werkplaats Sociaal Domein Zuid');
		await page.fill('#shortName', 'WSD Zuid');
		await page.fill('#name', 'Lot Beheer');
		await page.fill('#email', BOSS.email);
		await page.fill('#password', BOSS.password);
		await page.fill('#confirm', BOSS.password);
		await page.getByRole('button', { name: 'Werkplaats inrichten' }).click();
		await page.waitForURL(/\/beheer\/werkplaats/);

		// a subsidy period
		await page.goto(`${app.url}/beheer/periodes`);
		await page.fill('#nieuw-name', '2026');
		await page.selectOption('#nieuw-startQuarter', '2026Q1');
		await page.selectOption('#nieuw-endQuarter', '2026Q4');
		await page.getByRole('button', { name: 'Periode toevoegen' }).click();
		await page.getByText('De periode is toegevoegd.').waitFor();

		// three ateliers, the third continuing the first
		for (const name of ['Schulden Zuid', 'Wonen Zuid']) {
			await page.goto(`${app.url}/beheer/ateliers/nieuw`);
			await page.getByLabel('Naam').fill(name);
			await page.getByLabel('Eerste actieve kwartaal').fill('K1 2026');
			await page.getByRole('button', { name: 'Atelier aanmaken' }).click();
			await page.getByText('Het atelier is aangemaakt.').waitFor();
		}
		await page.goto(`${app.url}/beheer/ateliers/schulden-zuid`);
		const cont = page.locator('form[action="?/continue"]');
		await cont.getByLabel('Laatste kwartaal').fill('K2 2026');
		await cont.getByLabel('Naam van het nieuwe atelier').fill('Bestaanszekerheid Zuid');
		await cont.getByRole('button', { name: 'Voortzetten' }).click();
		await page.waitForURL(/\/beheer\/ateliers\/bestaanszekerheid-zuid/);

		// two wijken, and an organisation entered twice, then merged
		await page.goto(`${app.url}/beheer/registers`);
		for (const wijk of ['Zuid-Centrum', 'Zuid-Oost']) {
			const form = page.locator('form[action="?/locatie"]');
			await form.getByLabel('Gemeente').fill('Zuidstad');
			await form.getByLabel('Naam').fill(wijk);
			await form.getByRole('button', { name: 'Toevoegen' }).click();
			await page.getByText(`“${wijk}” is toegevoegd.`).waitFor();
		}
		for (const org of ['Buurtkracht Zuid', 'Buurtkracht Zuyd']) {
			const form = page.locator('form[action="?/organisatie"]');
			await form.getByLabel('Naam').fill(org);
			await form.getByLabel('Soort').selectOption('welzijn');
			await form.getByRole('button', { name: 'Toevoegen' }).click();
			await page.getByText(`“${org}” is toegevoegd.`).waitFor();
		}
		const pair = page.locator('.pairs li', { hasText: 'Buurtkracht Zuyd' });
		await pair.getByRole('button', { name: 'Samenvoegen tot “Buurtkracht Zuid”' }).click();
		await page.getByRole('dialog').getByRole('button', { name: 'Ja, samenvoegen' }).click();
		await page.getByText('Samengevoegd;').waitFor();

		// a kartrekker for the continuing atelier; she sets her own password through the link
		await page.goto(`${app.url}/beheer/gebruikers`);
		const create = page.locator('form', {
			has: page.getByRole('button', { name: 'Gebruiker aanmaken' })
		});
		await create.getByLabel('Naam').fill('Kim Kartrekker');
		await create.getByLabel('E-mailadres').fill(KIM.email);
		await create.getByLabel('Rol').selectOption({ label: 'Kartrekker' });
		await create.getByLabel('Bestaanszekerheid Zuid').check();
		await create.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
		const link = page.locator('.form-ok code');
		await link.waitFor();
		await kim.page.goto((await link.textContent())!.trim());
		await kim.page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(KIM.password);
		await kim.page.getByLabel('Nieuw wachtwoord nogmaals').fill(KIM.password);
		await kim.page.getByRole('button', { name: 'Wachtwoord instellen' }).click();
		await kim.page.waitForURL(/\/inloggen/);
		await signInWithForm(kim.page, app.url, KIM.email, KIM.password);

		// she logs K3 2026: the merged organisation as partner, one activity with it, and submits
		const quarter = `${app.url}/ateliers/bestaanszekerheid-zuid/2026Q3`;
		await kim.page.goto(`${app.url}/mijn-ateliers`);
		await kim.page.goto(quarter);
		let form = await newForm(kim.page, 'partner');
		await fill(form, { Organisatie: 'Buurtkracht Zuid', 'Rol in dit kwartaal': 'gastheer' });
		await form.getByRole('button', { name: /toevoegen/ }).click();
		await kim.page.locator('.summary', { hasText: 'Buurtkracht Zuid — gastheer' }).waitFor();
		form = await newForm(kim.page, 'activity');
		await fill(form, {
			Datum: '2026-08-20',
			Titel: 'Buurtgesprek over rondkomen',
			'Soort bijeenkomst': 'kennisbijeenkomst',
			Openbaar: true,
			'Deelnemers totaal': '18',
			'waarvan bewoners': '11',
			'Wijk of stadsdeel': 'Zuid-Oost (Zuidstad)',
			'Buurtkracht Zuid': true
		});
		await form.getByRole('button', { name: /toevoegen/ }).click();
		await kim.page.locator('.summary', { hasText: 'Buurtgesprek over rondkomen' }).waitFor();
		await kim.page.getByRole('button', { name: 'Kwartaal indienen' }).click();
		await kim.page.locator('#status-kop', { hasText: 'ingediend' }).waitFor();

		// management approves it, and the dashboard counts it
		await page.goto(quarter);
		await page.getByRole('button', { name: 'Goedkeuren' }).click();
		await page.locator('#status-kop', { hasText: 'goedgekeurd' }).waitFor();
		await page.goto(`${app.url}/dashboard?van=2026Q1&tot=2026Q4`);
		const card = (name: string) =>
			page.locator('li.card').filter({ hasText: name }).locator('.value').first().textContent();
		await expect(card('Openbare kennisbijeenkomsten')).resolves.toBe('1');
		await expect(card('Deelnemers')).resolves.toBe('18');
		await expect(card('Partnerorganisaties')).resolves.toBe('1');
		await expect(card('Wijken en stadsdelen')).resolves.toBe('1');
	});
});
