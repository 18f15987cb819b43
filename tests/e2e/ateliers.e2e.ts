import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, openBrowser, type Browser } from './browser';
import { DEMO_USERS, signInWithForm } from './session';

const baseURL = inject('baseURL');

describe('ateliers page', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await openBrowser();
		await signInWithForm(browser.page, baseURL, DEMO_USERS.management);
	});
	afterAll(async () => browser?.close());

	it('lists the four ateliers of 2020-2022 with kartrekkers, lineage and approved quarters', async () => {
		const { page } = browser;
		await page.goto(`${baseURL}/`);
		expect(new URL(page.url()).pathname).toBe('/ateliers');
		await expect(page.locator('header').textContent()).resolves.toContain(
			'Werkplaats Sociaal Domein Zuyd'
		);

		await page.getByRole('link', { name: '2020-2022' }).click();
		await page.waitForURL(/periode=2020-2022/);
		await expect(page.locator('h1').textContent()).resolves.toBe('Leerateliers 2020-2022');

		const ateliers = page.locator('li.atelier');
		await expect(ateliers.count()).resolves.toBe(4);
		await expect(ateliers.locator('h2').allTextContents()).resolves.toEqual([
			'Armoede',
			'Impact',
			'Integraal werken met jeugd',
			'Samenlevingsopbouw'
		]);

		const armoede = page.locator('li#armoede');
		await expect(armoede.textContent()).resolves.toContain('Joost Weling');
		await expect(armoede.textContent()).resolves.toContain(
			'Over leven ten tijde van tweedeling: armoede'
		);
		// twelve quarters, all approved
		const cells = armoede.getByRole('listitem');
		await expect(cells.count()).resolves.toBe(12);
		await expect(armoede.locator('.state-goedgekeurd').count()).resolves.toBe(12);
	});

	it('shows the six ateliers of 2023 and a mix of quarter statuses', async () => {
		const { page } = browser;
		await page.goto(`${baseURL}/ateliers?periode=2023-2026`);
		const names = await page.locator('li.atelier h2').allTextContents();
		expect(names).toHaveLength(6);
		expect(names).toContain('Over leven ten tijde van tweedeling: armoede');
		const text = (await page.locator('main').textContent()) ?? '';
		expect(text).toContain('Voortgekomen uit');
		for (const status of ['goedgekeurd', 'ingediend', 'teruggestuurd', 'ontbreekt'])
			expect(text).toContain(status);
	});

	it('answers an unknown period with a Dutch 404 page', async () => {
		const { page } = browser;
		const response = await page.goto(`${baseURL}/ateliers?periode=1999-2001`);
		expect(response?.status()).toBe(404);
		await expect(page.locator('h1').textContent()).resolves.toContain('Pagina niet gevonden');
	});

	it('has no accessibility violations, on a wide screen and on a phone', async () => {
		const { page } = browser;
		await page.goto(`${baseURL}/ateliers?periode=2020-2022`);
		expect(await axeViolations(page)).toEqual([]);
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(`${baseURL}/ateliers?periode=2023-2026`);
		expect(await axeViolations(page)).toEqual([]);
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth > document.documentElement.clientWidth
		);
		expect(overflow).toBe(false);
	});
});
