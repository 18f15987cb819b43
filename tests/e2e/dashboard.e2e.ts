import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, openBrowser, type Browser } from './browser';
import { signIn } from './sign-in';

const baseURL = inject('baseURL');

describe('dashboard "in cijfers"', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await openBrowser();
		await signIn(browser.page, baseURL, 'beheer@voorbeeld.nl');
	});
	afterAll(async () => browser?.close());

	const card = (name: string) =>
		browser.page.locator('li.card').filter({ hasText: name }).locator('.value');

	it('shows the brochure figures for 2020-2022', async () => {
		const { page } = browser;
		await page.goto(`${baseURL}/dashboard?van=2020Q1&tot=2022Q4`);
		await expect(page.locator('h1').textContent()).resolves.toBe('2020-2022 in cijfers');
		await expect(card('Leerateliers').textContent()).resolves.toBe('4');
		await expect(card('Openbare kennisbijeenkomsten').textContent()).resolves.toBe('13');
		await expect(card('Wijken en stadsdelen').textContent()).resolves.toBe('6');
		await expect(page.locator('main').textContent()).resolves.toContain(
			'Alle kwartalen van deze periode zijn goedgekeurd.'
		);
		// a table per atelier, with the werkplaats row from the engine
		const rows = page.locator('table').first().locator('tbody tr');
		await expect(rows.count()).resolves.toBe(4);
		// charts render as SVG on the server, each with a text summary; the stacked ones twice (a
		// wide and a narrow drawing), of which the screen shows one
		await expect(page.locator('figure.chart svg[role="img"]:visible').count()).resolves.toBe(5);
		await expect(page.locator('figure.chart svg[role="img"]').count()).resolves.toBe(7);
	});

	it('changing the period changes the URL and the numbers', async () => {
		const { page } = browser;
		await page.goto(`${baseURL}/dashboard?van=2020Q1&tot=2022Q4`);
		await page.getByLabel('Van', { exact: true }).selectOption('2021Q1');
		await page.getByLabel('Tot en met', { exact: true }).selectOption('2021Q4');
		await Promise.all([
			page.waitForURL(/van=2021Q1&tot=2021Q4/),
			page.getByRole('button', { name: 'Toon cijfers' }).click()
		]);
		await expect(page.locator('h1').textContent()).resolves.toBe('2021 in cijfers');
		await expect(card('Openbare kennisbijeenkomsten').textContent()).resolves.toBe('5');
		await expect(card('Leerateliers').textContent()).resolves.toBe('4');

		await page.getByRole('link', { name: '2023-2026' }).click();
		await page.waitForURL(/van=2023Q1/);
		await expect(card('Leerateliers').textContent()).resolves.toBe('6');
		// 2023 has submitted and returned quarters: the banner names them
		await expect(page.locator('#open-heading').textContent()).resolves.toMatch(/nog niet/);
	});

	it('a number opens to the records behind it: the 13 public kennisbijeenkomsten', async () => {
		const { page } = browser;
		await page.goto(`${baseURL}/dashboard?van=2020Q1&tot=2022Q4`);
		await Promise.all([
			page.waitForURL(/\/dashboard\/cijfer\/openbare_kennisbijeenkomsten\?van=2020Q1&tot=2022Q4/),
			page
				.locator('li.card')
				.filter({ hasText: 'Openbare kennisbijeenkomsten' })
				.getByRole('link')
				.click()
		]);
		await expect(page.locator('h1').textContent()).resolves.toBe(
			'Openbare kennisbijeenkomsten: 13'
		);
		await expect(page.locator('tbody tr').count()).resolves.toBe(13);
		await expect(page.locator('tbody').textContent()).resolves.toContain(
			'Ervaringen met de effectencalculator'
		);
	});

	it('grouped by line, a chosen atelier brings its predecessor, in the number and its records', async () => {
		const { page } = browser;
		await page.goto(`${baseURL}/dashboard?van=2020Q1&tot=2024Q4&atelier=over-leven-armoede&lijn=1`);
		await expect(page.locator('.lead').textContent()).resolves.toMatch(
			/1 van \d+ leerateliers met de rest van hun lijn/
		);
		const rows = page.locator('table').first().locator('tbody tr');
		await expect(rows.count()).resolves.toBe(1);
		await expect(rows.first().textContent()).resolves.toContain('Armoede');
		// 'Bijeenkomsten' alone, not 'Openbare kennisbijeenkomsten'
		const meetings = page
			.locator('li.card')
			.filter({ has: page.locator('.name', { hasText: /^Bijeenkomsten$/ }) });
		const shown = await meetings.locator('.value').textContent();
		await Promise.all([
			page.waitForURL(/\/dashboard\/cijfer\/bijeenkomsten\?.*lijn=1/),
			meetings.getByRole('link').click()
		]);
		await expect(page.locator('h1').textContent()).resolves.toBe(`Bijeenkomsten: ${shown}`);
		const body = (await page.locator('tbody').textContent()) ?? '';
		expect(body).toContain('Armoede');
		expect(body).toContain('Over leven');
	});

	it('a record links to its quarter report, for whoever may open it', async () => {
		const { page } = browser;
		const drill = `${baseURL}/dashboard/cijfer/openbare_kennisbijeenkomsten?van=2020Q1&tot=2022Q4`;
		const row = () =>
			page.locator('tbody tr').filter({ hasText: 'Ervaringen met de effectencalculator' });
		for (const email of ['beheer@voorbeeld.nl', 'raad@voorbeeld.nl', 'impact@voorbeeld.nl']) {
			await signIn(page, baseURL, email);
			await page.goto(drill);
			const link = row().getByRole('link', { name: 'Impact, K2 2022' });
			await expect(link.getAttribute('href')).resolves.toBe('/ateliers/impact/2022Q2');
			await Promise.all([page.waitForURL(`${baseURL}/ateliers/impact/2022Q2`), link.click()]);
			// the quarter page itself, not an error page
			await expect(page.locator('h1').textContent()).resolves.toBe('K2 2022 Impact');
		}
		await signIn(page, baseURL, 'beheer@voorbeeld.nl');
	});

	it('pages through a long list with plain links, keeping the selection', async () => {
		const { page } = browser;
		await page.goto(`${baseURL}/dashboard/cijfer/bijeenkomsten?van=2020Q1&tot=2022Q4`);
		await expect(page.locator('h1').textContent()).resolves.toBe('Bijeenkomsten: 105');
		await expect(page.locator('tbody tr').count()).resolves.toBe(100);
		const main = page.locator('main');
		await expect(main.textContent()).resolves.toMatch(/Pagina 1 van 2 · rijen 1–100 van\s+105/);
		const nav = page.getByRole('navigation', { name: 'Paginering' });
		await expect(nav.getByRole('link').allTextContents()).resolves.toEqual(['Volgende →']);
		// by keyboard: focus the link and press Enter
		await nav.getByRole('link', { name: 'Volgende →' }).focus();
		await Promise.all([page.waitForURL(/pagina=2/), page.keyboard.press('Enter')]);
		const url = new URL(page.url());
		expect([url.searchParams.get('van'), url.searchParams.get('tot')]).toEqual([
			'2020Q1',
			'2022Q4'
		]);
		await expect(page.locator('tbody tr').count()).resolves.toBe(5);
		await expect(main.textContent()).resolves.toMatch(/Pagina 2 van 2 · rijen 101–105 van\s+105/);
		await expect(page.title()).resolves.toContain('(pagina 2 van 2)');
		// the headline number and the explanation are about all rows, not this page
		await expect(page.locator('h1').textContent()).resolves.toBe('Bijeenkomsten: 105');
		await expect(page.locator('caption').textContent()).resolves.toMatch(/105\s+regels/);
		await Promise.all([
			page.waitForURL((u) => !u.searchParams.has('pagina')),
			nav.getByRole('link', { name: '← Vorige' }).click()
		]);
		await expect(page.locator('tbody tr').count()).resolves.toBe(100);
		// a sum column is added up over all pages, and agrees with the number
		await page.goto(`${baseURL}/dashboard/cijfer/deelnemers?van=2020Q1&tot=2022Q4&pagina=2`);
		const headline = (await page.locator('h1').textContent())!.split(': ')[1];
		await expect(page.locator('tfoot').innerText()).resolves.toMatch(
			new RegExp(`^Totaal van alle 105 regels\\s+${headline.replace('.', '\\.')}\\s*$`)
		);
	});

	it('explains a page number that does not exist instead of failing', async () => {
		const { page } = browser;
		const base = `${baseURL}/dashboard/cijfer/bijeenkomsten?van=2020Q1&tot=2022Q4`;
		let response = await page.goto(`${base}&pagina=9`);
		expect(response?.status()).toBe(200);
		await expect(page.locator('.notice').textContent()).resolves.toContain('Pagina 9 bestaat niet');
		await expect(page.locator('tbody tr').count()).resolves.toBe(5);
		response = await page.goto(`${base}&pagina=abc`);
		expect(response?.status()).toBe(200);
		await expect(page.locator('.notice').textContent()).resolves.toContain(
			'‘abc’ is geen paginanummer'
		);
		await expect(page.locator('tbody tr').count()).resolves.toBe(100);
	});

	it('the council sees approved data only; a kartrekker only their own ateliers', async () => {
		const { page } = browser;
		await signIn(page, baseURL, 'raad@voorbeeld.nl');
		await page.goto(`${baseURL}/dashboard?van=2023Q1&tot=2023Q4`);
		await expect(page.locator('.lead').textContent()).resolves.toContain(
			'alleen goedgekeurde kwartalen'
		);
		await signIn(page, baseURL, 'armoede@voorbeeld.nl');
		await page.goto(`${baseURL}/dashboard?van=2020Q1&tot=2022Q4`);
		await expect(
			page.locator('table').first().locator('tbody tr th').allTextContents()
		).resolves.toEqual([expect.stringContaining('Armoede')]);
		await expect(card('Leerateliers').textContent()).resolves.toBe('1');
	});

	it('has no accessibility violations, wide and at 360 px, and does not overflow', async () => {
		const { page } = browser;
		await signIn(page, baseURL, 'beheer@voorbeeld.nl');
		for (const path of [
			'/dashboard?van=2020Q1&tot=2022Q4',
			'/dashboard?van=2020Q1&tot=2023Q4&lijn=1',
			'/dashboard/cijfer/partnerorganisaties?van=2020Q1&tot=2022Q4',
			'/dashboard/cijfer/deelnemers?van=2020Q1&tot=2022Q4&pagina=2',
			'/beheer/doelen?jaar=2022'
		]) {
			await page.setViewportSize({ width: 1280, height: 900 });
			await page.goto(`${baseURL}${path}`);
			expect(await axeViolations(page)).toEqual([]);
			await page.setViewportSize({ width: 360, height: 740 });
			await page.goto(`${baseURL}${path}`);
			expect(await axeViolations(page)).toEqual([]);
			const overflow = await page.evaluate(
				() => document.documentElement.scrollWidth > document.documentElement.clientWidth
			);
			expect([path, overflow]).toEqual([path, false]);
		}
	});
});
