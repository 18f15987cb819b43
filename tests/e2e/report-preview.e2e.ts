import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, openBrowser, type Browser } from './browser';
import { DEMO_USERS } from './session';
import { signIn } from './sign-in';

// Preparing a report at /rapporten/nieuw: management writes the foreword and the explanation of a
// difference with the plan in the preview, fixes the report and finds both in the PDF it downloads.

const baseURL = inject('baseURL');

describe('preparing a report: foreword, explanation, preview, fix, download', () => {
	let browser: Browser | undefined;
	let plain: Browser | undefined;
	afterAll(async () => {
		await browser?.close();
		await plain?.close();
	});

	it('puts what was written in the preview into the fixed PDF', async () => {
		browser = await openBrowser();
		const { page } = browser;
		await signIn(page, baseURL, DEMO_USERS.management);
		await page.goto(`${baseURL}/rapporten`);
		await page.getByLabel('Van', { exact: true }).selectOption('2021Q1');
		await page.getByLabel('Tot en met', { exact: true }).selectOption('2021Q4');
		await page.getByLabel('het ministerie van VWS').check();
		await page.getByRole('button', { name: 'Voorbereiden: teksten en voorbeeld' }).click();
		await page.waitForURL(/\/rapporten\/nieuw\?/);
		expect(await axeViolations(page)).toEqual([]);

		// the preview flags what is missing: the foreword and at least one explanation
		const missing = page.locator('.missing-list li');
		await expect(missing.first().textContent()).resolves.toBe('Nog geen voorwoord.');
		const explain = page.getByLabel(/^Toelichting bij /).first();
		const label = await page
			.locator('label', { hasText: /^Toelichting bij / })
			.first()
			.textContent();
		const indicator = label!.replace('Toelichting bij ', '').trim();
		await expect(missing.allTextContents()).resolves.toContainEqual(
			expect.stringContaining(`Toelichting ontbreekt: ${indicator}`)
		);

		const foreword = 'Voorwoord uit de browsertest: een jaar van leren in de wijk.';
		const explanation = 'Toelichting uit de browsertest: de minor bracht meer studenten.';
		await page.getByLabel('Voorwoord', { exact: true }).fill(foreword);
		await explain.fill(explanation);
		await page.getByRole('button', { name: 'Opslaan als concept' }).click();
		await page.getByRole('status').filter({ hasText: 'Opgeslagen.' }).waitFor();
		// the preview shows it, and the indicator is no longer missing
		await expect(page.locator('.rapport #voorwoord').textContent()).resolves.toContain(foreword);
		await expect(page.locator('.rapport #plan').textContent()).resolves.toContain(explanation);
		await expect(missing.allTextContents()).resolves.not.toContainEqual(
			expect.stringContaining(`Toelichting ontbreekt: ${indicator}`)
		);

		// fix it, and download the PDF as it was stored
		await page.getByRole('link', { name: 'Naar vaststellen' }).click();
		await page.waitForURL(/\/rapporten\/vaststellen\?/);
		const confirm = page.getByRole('button', { name: /Definitief vaststellen \(versie \d+\)/ });
		await Promise.all([page.waitForURL(/\/rapporten\/\d+$/), confirm.click()]);
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: /\.pdf$/ }).click()
		]);
		const path = await download.path();
		const text = execFileSync('pdftotext', [path, '-']).toString().replace(/\s+/g, ' ');
		expect(text).toContain(foreword);
		expect(text).toContain(explanation);
		expect(execFileSync('pdfinfo', [path]).toString()).toMatch(/^Tagged:\s+yes$/m);
	});

	it('saves the texts without JavaScript too, and refuses a link that is not a web address', async () => {
		plain = await openBrowser({ javaScriptEnabled: false });
		const { page } = plain;
		await signIn(page, baseURL, DEMO_USERS.management);
		await page.goto(`${baseURL}/rapporten/nieuw?van=2022Q1&tot=2022Q4&voor=programmaraad`);
		await page.locator('#outlook').fill('Vooruitblik zonder JavaScript.');
		await page.locator('#highlight_0_title').fill('Werkplaatsdag');
		await page.locator('#highlight_0_url').fill('javascript:alert(1)');
		await page.getByRole('button', { name: 'Opslaan als concept' }).click();
		// refused at the field, with what was typed kept
		await expect(page.locator('#highlight_0_url-error').textContent()).resolves.toContain(
			'https://'
		);
		await expect(page.locator('#outlook').inputValue()).resolves.toBe(
			'Vooruitblik zonder JavaScript.'
		);
		await page.locator('#highlight_0_url').fill('https://www.voorbeeld.nl/dag');
		await page.getByRole('button', { name: 'Opslaan als concept' }).click();
		await page.getByRole('status').filter({ hasText: 'Opgeslagen.' }).waitFor();
		await expect(page.locator('.rapport #vooruitblik').textContent()).resolves.toContain(
			'Vooruitblik zonder JavaScript.'
		);
		await expect(
			page.locator('.rapport #werkplaats a[href="https://www.voorbeeld.nl/dag"]').count()
		).resolves.toBe(1);
	});
});
