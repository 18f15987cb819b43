import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, openBrowser, type Browser } from './browser';
import { DEMO_USERS } from './session';
import { signIn } from './sign-in';

// Fixing a report from /rapporten and downloading it, as management (with and without
// JavaScript), and what the council may see of it.

const baseURL = inject('baseURL');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('fixing a report ("vaststellen")', () => {
	const open: Browser[] = [];
	afterAll(async () => {
		for (const b of open) await b.close();
	});
	let vwsUrl = '';

	it('fixes a report after a confirmation step and downloads both files byte for byte', async () => {
		const browser = await openBrowser();
		open.push(browser);
		const { page } = browser;
		await signIn(page, baseURL, DEMO_USERS.management);
		await page.goto(`${baseURL}/rapporten`);
		expect(await axeViolations(page)).toEqual([]);
		await page.getByLabel('Van', { exact: true }).selectOption('2022Q1');
		await page.getByLabel('Tot en met', { exact: true }).selectOption('2022Q4');
		await page.getByLabel('het ministerie van VWS').check();
		await page.getByRole('button', { name: 'Verder naar bevestigen' }).click();
		await page.waitForURL(/\/rapporten\/vaststellen\?/);
		expect(await axeViolations(page)).toEqual([]);
		const confirm = page.getByRole('button', { name: /Definitief vaststellen \(versie \d+\)/ });
		const version = Number(/versie (\d+)/.exec((await confirm.textContent()) ?? '')![1]);
		await Promise.all([page.waitForURL(/\/rapporten\/\d+$/), confirm.click()]);
		vwsUrl = new URL(page.url()).pathname;
		await expect(page.locator('h1').textContent()).resolves.toBe(
			`Rapport VWS K1 2022 – K4 2022, versie ${version}`
		);
		await expect(page.getByRole('status').first().textContent()).resolves.toContain(
			'niet veranderd'
		);
		expect(await axeViolations(page)).toEqual([]);

		const hashes = await page.locator('.files code').allTextContents();
		const files = [
			{ name: `Jaarbeeld WSD Zuyd 2022 VWS versie ${version}.pdf`, type: 'application/pdf' },
			{
				name: `Jaarbeeld WSD Zuyd 2022 VWS versie ${version}.xlsx`,
				type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
			}
		];
		for (const [i, file] of files.entries()) {
			const [download] = await Promise.all([
				page.waitForEvent('download'),
				page.getByRole('link', { name: file.name }).click()
			]);
			expect(download.suggestedFilename()).toBe(file.name);
			const bytes = readFileSync(await download.path());
			expect(sha256(bytes)).toBe(hashes[i]);
			// the same bytes again, with their type: what is stored does not change
			const href = await page.getByRole('link', { name: file.name }).getAttribute('href');
			const again = await page.request.get(`${baseURL}${href}`);
			expect(again.headers()['content-type']).toBe(file.type);
			expect(sha256(await again.body())).toBe(hashes[i]);
		}

		// the list shows it, newest first
		await page.goto(`${baseURL}/rapporten`);
		const first = page.locator('tbody tr').first();
		await expect(first.textContent()).resolves.toContain(hashes[0]);
		await expect(first.textContent()).resolves.toContain(`VWS${version}`);
	});

	it('fixes without JavaScript too; the council reads its own edition only', async () => {
		const browser = await openBrowser({ javaScriptEnabled: false });
		open.push(browser);
		const { page } = browser;
		await signIn(page, baseURL, DEMO_USERS.management);
		await page.goto(`${baseURL}/rapporten/vaststellen?van=2022Q1&tot=2022Q4&voor=programmaraad`);
		await Promise.all([
			page.waitForURL(/\/rapporten\/\d+$/),
			page.getByRole('button', { name: /Definitief vaststellen/ }).click()
		]);
		const councilUrl = new URL(page.url()).pathname;

		await signIn(page, baseURL, DEMO_USERS.council);
		expect((await page.goto(`${baseURL}${councilUrl}`))!.status()).toBe(200);
		expect((await page.goto(`${baseURL}${vwsUrl}`))!.status()).toBe(403);
		expect((await page.request.get(`${baseURL}${vwsUrl}/rapport.pdf`)).status()).toBe(403);
		await page.goto(`${baseURL}/rapporten`);
		const rows = await page.locator('tbody tr').allTextContents();
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.every((r) => r.includes('Programmaraad'))).toBe(true);
		await expect(page.getByRole('heading', { name: 'Rapport vaststellen' }).count()).resolves.toBe(
			0
		);
	});

	it('says "gewijzigd sinds vaststelling" on the report and its dashboard after a reopen', async () => {
		const browser = await openBrowser();
		open.push(browser);
		const { page } = browser;
		await signIn(page, baseURL, DEMO_USERS.management);
		const dashboard = `${baseURL}/dashboard?van=2022Q1&tot=2022Q4`;
		await page.goto(dashboard);
		expect(await page.getByText('gewijzigd sinds vaststelling').count()).toBe(0);

		const quarter = `${baseURL}/ateliers/armoede/2022Q2`;
		await page.goto(quarter);
		await expect(page.locator('#status-kop').textContent()).resolves.toBe('Status: goedgekeurd');
		await page.getByLabel('Reden om te heropenen').fill('Een bijeenkomst ontbrak.');
		await page.getByRole('button', { name: 'Heropenen' }).click();
		await page.getByRole('button', { name: 'Ja, heropenen' }).click();
		await page.locator('#status-kop', { hasText: 'concept' }).waitFor();

		await page.goto(dashboard);
		const notices = page.getByRole('status').filter({ hasText: 'gewijzigd sinds vaststelling' });
		// both editions fixed above (the VWS one and the programme council's)
		await expect(notices.count()).resolves.toBe(2);
		const notice = notices.filter({ hasText: 'Het rapport voor VWS' });
		await Promise.all([
			page.waitForURL(`${baseURL}${vwsUrl}`),
			notice.first().getByRole('link', { name: 'Bekijk wat er veranderde' }).click()
		]);
		await expect(page.locator('main').textContent()).resolves.toContain(
			'Gewijzigd sinds vaststelling op'
		);
		await expect(page.locator('main').textContent()).resolves.toContain(
			'Kwartaalrapportage heropend'
		);
		expect(await axeViolations(page)).toEqual([]);

		// approved again without changes: the data are as they were sent
		await page.goto(quarter);
		await page.getByRole('button', { name: 'Kwartaal indienen' }).click();
		await page.locator('#status-kop', { hasText: 'ingediend' }).waitFor();
		await page.getByRole('button', { name: 'Goedkeuren' }).click();
		await page.locator('#status-kop', { hasText: 'goedgekeurd' }).waitFor();
		await page.goto(`${baseURL}${vwsUrl}`);
		await expect(page.locator('main').textContent()).resolves.toContain('niet veranderd');
	});
});
