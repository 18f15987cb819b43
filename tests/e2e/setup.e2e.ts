import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solidPng } from '../helpers/images';
import { createPostgresDatabase } from '../helpers/postgres-db';
import { startApp, type RunningApp } from './app-server';
import { axeViolations, openBrowser, type Browser } from './browser';
import { signInWithForm } from './session';

// A new werkplaats from an empty database, in the browser only: no SQL, no command line. The
// setup code is read from the app's own log, as an administrator would.

const CODE_LINE = /installatiecode ([A-Z2-9]{4}(?:-[A-Z2-9]{4}){3})/;

// The embedded database without demo data, and a new PostgreSQL database when DATABASE_URL is set.
const DATABASES: {
	name: string;
	open: () => Promise<{ env: Record<string, string>; drop?: () => Promise<void> }>;
}[] = [
	{ name: 'PGlite', open: async () => ({ env: { DEMO_DATA: 'off' } }) },
	...(process.env.DATABASE_URL
		? [
				{
					name: 'PostgreSQL',
					open: async () => {
						const database = await createPostgresDatabase();
						return { env: { DATABASE_URL: database.url }, drop: database.drop };
					}
				}
			]
		: [])
];

describe.each(DATABASES)('setting up a werkplaats from an empty database ($name)', (target) => {
	let app: RunningApp;
	let browser: Browser;
	let drop: (() => Promise<void>) | undefined;
	let code = '';
	beforeAll(async () => {
		const opened = await target.open();
		drop = opened.drop;
		app = await startApp(opened.env);
		code = CODE_LINE.exec(await app.waitForOutput((out) => CODE_LINE.test(out)))![1];
		browser = await openBrowser();
	});
	afterAll(async () => {
		await browser?.close();
		await app?.stop();
		await drop?.();
	});

	it('prints the code on one line of the log and leads every page to the set-up', async () => {
		const lines = app
			.output()
			.split('\n')
			.filter((l) => l.includes('installatiecode'));
		expect(lines).toHaveLength(1);
		expect(JSON.parse(lines[0]).msg).toBe(
			`Nog niet ingericht: open /installatie en vul de installatiecode ${code} in.`
		);
		const { page } = browser;
		for (const path of ['/', '/dashboard', '/inloggen', '/beheer/periodes']) {
			await page.goto(`${app.url}${path}`);
			expect(new URL(page.url()).pathname, path).toBe('/installatie');
		}
		await expect(page.locator('h1').textContent()).resolves.toBe('Jaarbeeld inrichten');
		expect(await axeViolations(page)).toEqual([]);
	});

	it('refuses a wrong code at its field, then creates the werkplaats and its manager', async () => {
		const { page } = browser;
		const fill = async (codeTyped: string) => {
			await page.fill('#code', codeTyped);
			await page.fill('#werkplaatsName', 'Werkplaats Sociaal Domein Noord');
			await page.fill('#shortName', 'WSD Noord');
			await page.fill('#name', 'Noor Beheer');
			await page.fill('#email', 'noor@wsd-noord.nl');
			await page.fill('#password', 'een-lang-wachtwoord');
			await page.fill('#confirm', 'een-lang-wachtwoord');
			await page.getByRole('button', { name: 'Werkplaats inrichten' }).click();
		};
		await fill('AAAA-BBBB-CCCC-DDDD');
		await expect(page.locator('#code-error').textContent()).resolves.toContain(
			'Deze installatiecode klopt niet'
		);
		// what was typed stays, except the code and the passwords
		await expect(page.inputValue('#werkplaatsName')).resolves.toBe(
			'Werkplaats Sociaal Domein Noord'
		);
		await fill(code);
		await page.waitForURL(/\/beheer\/werkplaats\?welkom=1$/);
		await expect(page.locator('header').textContent()).resolves.toContain(
			'Werkplaats Sociaal Domein Noord'
		);
		await expect(page.locator('header').textContent()).resolves.toContain('Noor Beheer');
		await expect(page.getByRole('status').first().textContent()).resolves.toContain(
			'De werkplaats is ingericht'
		);
	});

	it('saves the werkplaats settings and shows the uploaded logo in the header', async () => {
		const { page } = browser;
		await page.fill('#quarterDueMonths', '2');
		await page.fill('#contactEmail', 'geen adres');
		await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
		await expect(page.locator('#contactEmail-error').textContent()).resolves.toContain(
			'Vul een geldig e-mailadres in'
		);
		await page.fill('#contactEmail', 'info@wsd-noord.nl');
		await page.fill(
			'#fundingLine',
			'Deze publicatie is tot stand gekomen dankzij financiering van het Ministerie van VWS.'
		);
		await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
		await page.getByText('Opgeslagen.').waitFor();

		// a file that only pretends to be a PNG is refused by its bytes
		await page.setInputFiles('#logo', {
			name: 'logo.png',
			mimeType: 'image/png',
			buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')
		});
		await page.getByRole('button', { name: 'Logo opslaan' }).click();
		await expect(page.locator('#logo-error').textContent()).resolves.toContain(
			'geen PNG- of JPEG-afbeelding'
		);
		const png = solidPng(40, 20, [20, 90, 160]);
		await page.setInputFiles('#logo', { name: 'logo.png', mimeType: 'image/png', buffer: png });
		await page.getByRole('button', { name: 'Logo opslaan' }).click();
		await page.getByText('Het logo is opgeslagen.').waitFor();
		const logo = page.locator('header img.logo');
		await expect(logo.count()).resolves.toBe(1);
		// the browser decodes it once it has loaded; the app serves exactly the uploaded bytes
		await page.waitForFunction(() => {
			const img = document.querySelector<HTMLImageElement>('header img.logo');
			return img !== null && img.complete;
		});
		await expect(logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).resolves.toBe(40);
		const served = await fetch(`${app.url}${await logo.getAttribute('src')}`);
		expect(served.headers.get('content-type')).toBe('image/png');
		expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);

		await page.reload();
		await expect(page.inputValue('#quarterDueMonths')).resolves.toBe('2');
		await expect(page.inputValue('#contactEmail')).resolves.toBe('info@wsd-noord.nl');
		expect(await axeViolations(page)).toEqual([]);
	});

	it('adds two subsidy periods, refusing an overlap, and the dashboard offers them', async () => {
		const { page } = browser;
		await page.getByRole('link', { name: 'Beheer', exact: true }).click();
		await page.getByRole('link', { name: 'Subsidieperiodes' }).click();
		await expect(page.locator('.empty').textContent()).resolves.toContain(
			'Er zijn nog geen subsidieperiodes'
		);
		const add = async (name: string, from: string, to: string) => {
			await page.fill('#nieuw-name', name);
			await page.selectOption('#nieuw-startQuarter', from);
			await page.selectOption('#nieuw-endQuarter', to);
			await page.getByRole('button', { name: 'Periode toevoegen' }).click();
		};
		await add('2020-2022', '2020Q1', '2022Q4');
		await page.getByText('De periode is toegevoegd.').waitFor();
		await add('2022-2025', '2022Q3', '2025Q4');
		await expect(page.locator('#nieuw-startQuarter-error').textContent()).resolves.toContain(
			'overlapt met 2020-2022'
		);
		await add('2023-2026', '2023Q1', '2026Q4');
		await page.getByText('De periode is toegevoegd.').waitFor();
		await expect(page.locator('.periods h2').allTextContents()).resolves.toEqual([
			'2020-2022 K1 2020 – K4 2022',
			'2023-2026 K1 2023 – K4 2026'
		]);
		expect(await axeViolations(page)).toEqual([]);

		await page.getByRole('link', { name: 'Dashboard' }).click();
		await page.waitForURL(/\/dashboard/);
		const presets = page.getByRole('navigation', { name: 'Periodes' });
		await presets.getByRole('link', { name: '2023-2026' }).waitFor();
		await expect(presets.getByRole('link').allTextContents()).resolves.toEqual(
			expect.arrayContaining(['2020-2022', '2023-2026'])
		);
		await presets.getByRole('link', { name: '2020-2022' }).click();
		await page.waitForURL(/van=2020Q1&tot=2022Q4/);
		await expect(page.locator('h1').textContent()).resolves.toBe('2020-2022 in cijfers');
		// no atelier yet: nothing to approve, and the page does not claim everything is approved
		const banner = (await page.getByRole('main').textContent()) ?? '';
		expect(banner).toContain('In deze periode is geen leeratelier actief');
		expect(banner).not.toContain('Alle kwartalen van deze periode zijn goedgekeurd');

		await page.goto(`${app.url}/ateliers`);
		await expect(
			page.getByRole('navigation', { name: 'Subsidieperiode' }).getByRole('link').allTextContents()
		).resolves.toEqual(['2020-2022', '2023-2026']);
	});

	it('shows the second of two managers editing one period the conflict view', async () => {
		const first = browser.page;
		const second = await browser.context.newPage();
		for (const page of [first, second]) await page.goto(`${app.url}/beheer/periodes`);
		const rename = async (page: typeof first, name: string) => {
			const period = page.locator('.periods li').first();
			await period.getByLabel('Naam').fill(name);
			await period.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
		};
		await rename(first, '2020-2022 (eerste)');
		await first.getByText('Opgeslagen.').waitFor();
		await rename(second, '2020-2022 (tweede)');
		const notice = second.locator('.periods li').first().getByRole('alert');
		await expect(notice.textContent()).resolves.toContain(
			'Iemand anders heeft dit intussen gewijzigd. Er is niets overschreven'
		);
		await expect(notice.textContent()).resolves.toContain('2020-2022 (eerste)');
		// nothing was overwritten, and the second manager's input is still in the form
		await expect(
			second.locator('.periods li').first().getByLabel('Naam').inputValue()
		).resolves.toBe('2020-2022 (tweede)');
		await first.reload();
		await expect(first.locator('.periods h2').first().textContent()).resolves.toContain(
			'2020-2022 (eerste)'
		);
		// saving again keeps the second version on purpose
		await second
			.locator('.periods li')
			.first()
			.getByRole('button', { name: 'Wijzigingen opslaan' })
			.click();
		await second.getByText('Opgeslagen.').waitFor();
		await expect(second.locator('.periods h2').first().textContent()).resolves.toContain(
			'2020-2022 (tweede)'
		);
		await second.close();
	});

	it('renames and hides indicators without JavaScript, and the dashboard follows', async () => {
		const plain = await openBrowser({ javaScriptEnabled: false });
		try {
			const { page } = plain;
			await signInWithForm(page, app.url, 'noor@wsd-noord.nl', 'een-lang-wachtwoord');
			await page.goto(`${app.url}/beheer/indicatoren`);
			const talks = page.locator('section', { has: page.locator('#gesprekken_bewoners-kop') });
			// the definition is on the page as stored, so a plain post keeps it
			await expect(talks.getByLabel('Definitie').inputValue()).resolves.toBe(
				'Som van de gesprekken met bewoners.'
			);
			await talks.getByLabel('Naam').fill('Keukentafelgesprekken');
			await talks.getByRole('button', { name: 'Opslaan' }).click();
			await page
				.locator('section', { has: page.locator('#gesprekken_bewoners-kop') })
				.getByText('Opgeslagen.')
				.waitFor();
			const stock = page.locator('section', { has: page.locator('#netwerkleden-kop') });
			await stock.getByLabel(/Verbergen/).check();
			await stock.getByRole('button', { name: 'Opslaan' }).click();
			await expect(page.locator('#netwerkleden-kop').textContent()).resolves.toContain(
				'(verborgen)'
			);

			await page.goto(`${app.url}/dashboard?van=2023Q1&tot=2023Q4`);
			const main = (await page.locator('main').textContent()) ?? '';
			expect(main).toContain('Keukentafelgesprekken');
			expect(main).not.toContain('Netwerkleden');
			const drill = await page.goto(
				`${app.url}/dashboard/cijfer/netwerkleden?van=2023Q1&tot=2023Q4`
			);
			expect(drill?.status()).toBe(404);
		} finally {
			await plain.close();
		}
		// axe needs JavaScript in the page: the same screens, checked in the other browser
		for (const path of ['/beheer', '/beheer/indicatoren']) {
			await browser.page.goto(`${app.url}${path}`);
			expect(await axeViolations(browser.page), path).toEqual([]);
		}
	});

	it('has no set-up page any more', async () => {
		const response = await browser.page.goto(`${app.url}/installatie`);
		expect(response?.status()).toBe(404);
		const post = await fetch(`${app.url}/installatie`, {
			method: 'POST',
			headers: { origin: app.url, 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ code }).toString(),
			redirect: 'manual'
		});
		expect(post.status).toBe(404);
	});
});
