import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, type Browser } from './browser';
import { signIn as signInAs } from './sign-in';

// The download buttons of the dashboard, signed in as the demo management account (beheer@voorbeeld.nl,
// jaarbeeld-demo).

const baseURL = inject('baseURL');
const QUERY = 'van=2020Q1&tot=2022Q4';

async function signIn(browser: Browser) {
	await signInAs(browser.page, baseURL, 'beheer@voorbeeld.nl');
	await browser.page.goto(`${baseURL}/dashboard?${QUERY}`);
}

const BUTTONS = [
	{ name: 'Excel-werkboek', file: 'Jaarbeeld WSD Zuyd 2020-2022.xlsx', magic: 'PK' },
	{ name: 'Rapport voor VWS (pdf)', file: 'Jaarbeeld WSD Zuyd 2020-2022 VWS.pdf', magic: '%PDF' },
	{
		name: 'Rapport voor de programmaraad (pdf)',
		file: 'Jaarbeeld WSD Zuyd 2020-2022 Programmaraad.pdf',
		magic: '%PDF'
	}
];

describe('reports and export from the dashboard', () => {
	const open: Browser[] = [];
	afterAll(async () => {
		for (const b of open) await b.close();
	});

	it('sends anonymous visitors to the login page', async () => {
		for (const path of [
			`/dashboard/export.xlsx?${QUERY}`,
			`/dashboard/rapport.pdf?${QUERY}&voor=vws`
		]) {
			const response = await fetch(`${baseURL}${path}`, { redirect: 'manual' });
			expect(response.status).toBe(303);
			expect(response.headers.get('location')).toBe(`/inloggen?naar=${encodeURIComponent(path)}`);
		}
	});

	it('downloads each file with its name, and shows the button is busy meanwhile', async () => {
		const browser = await openBrowser();
		open.push(browser);
		await signIn(browser);
		const { page } = browser;
		let requests = 0;
		await page.route('**/dashboard/export.xlsx**', async (route) => {
			requests++;
			await route.continue();
		});
		for (const button of BUTTONS) {
			const link = page.getByRole('link', { name: button.name });
			const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
			if (button.file.endsWith('.xlsx')) {
				// while it was being made: busy, and a second press did nothing
				expect(requests).toBe(1);
			}
			expect(download.suggestedFilename()).toBe(button.file);
			const path = await download.path();
			expect(readFileSync(path).subarray(0, button.magic.length).toString('latin1')).toBe(
				button.magic
			);
		}
		expect(requests).toBe(1);
	});

	it('shows the busy state and ignores a second press', async () => {
		const browser = await openBrowser();
		open.push(browser);
		await signIn(browser);
		const { page } = browser;
		let requests = 0;
		let release: () => void = () => {};
		const held = new Promise<void>((r) => (release = r));
		await page.route('**/dashboard/rapport.pdf**', async (route) => {
			requests++;
			await held;
			await route.continue();
		});
		const link = page.getByRole('link', { name: 'Rapport voor VWS (pdf)' });
		await link.click();
		const busy = page.locator('a[aria-busy="true"]');
		await busy.waitFor();
		await expect(busy.textContent()).resolves.toContain('Bezig met maken');
		await expect(busy.getAttribute('aria-disabled')).resolves.toBe('true');
		const downloaded = page.waitForEvent('download');
		// aria-disabled makes Playwright refuse a normal click; a person can still press it
		await busy.click({ force: true });
		release();
		const download = await downloaded;
		expect(download.suggestedFilename()).toBe('Jaarbeeld WSD Zuyd 2020-2022 VWS.pdf');
		expect(requests).toBe(1);
	});

	it('downloads with plain links when JavaScript is off', async () => {
		const browser = await openBrowser({ javaScriptEnabled: false });
		open.push(browser);
		await signIn(browser);
		const { page } = browser;
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'Rapport voor de programmaraad (pdf)' }).click()
		]);
		expect(download.suggestedFilename()).toBe('Jaarbeeld WSD Zuyd 2020-2022 Programmaraad.pdf');
	});
});
