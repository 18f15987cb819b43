import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, openBrowser, type Browser } from './browser';
import { signInWithForm } from './session';

// The Excel route through the browser: download the template of a quarter, fill it in with
// exceljs, upload it (with problems first), and upload the same file again.

const baseURL = inject('baseURL');
const URL_Q3 = `${baseURL}/ateliers/over-leven-armoede/2024Q3`;

async function filled(template: Buffer, rows: Record<string, unknown[][]>): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(template as never);
	for (const [sheet, values] of Object.entries(rows))
		values.forEach((v, i) => (wb.getWorksheet(sheet)!.getRow(i + 2).values = v as never));
	return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('Excel template and upload in the browser', () => {
	let browser: Browser;
	let template: Buffer;
	beforeAll(async () => {
		browser = await openBrowser();
		await signInWithForm(browser.page, baseURL, 'armoede@voorbeeld.nl');
	});
	afterAll(async () => browser?.close());

	it('downloads the template of the quarter', async () => {
		const { page } = browser;
		await page.goto(URL_Q3);
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'Download het sjabloon van dit kwartaal' }).click()
		]);
		expect(download.suggestedFilename()).toBe('jaarbeeld-over-leven-armoede-2024Q3.xlsx');
		const chunks: Buffer[] = [];
		for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
		template = Buffer.concat(chunks);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(template as never);
		expect(wb.getWorksheet('Bereik')?.getCell('A1').value).toBe('Wijk of stadsdeel');
	});

	const upload = async (name: string, buffer: Buffer) => {
		const { page } = browser;
		await page.goto(URL_Q3);
		await page.getByLabel('Ingevuld sjabloon').setInputFiles({
			name,
			mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			buffer
		});
		await page.getByRole('button', { name: 'Uploaden en inlezen' }).click();
		await page.locator('#excel [role="alert"], #excel [role="status"]').first().waitFor();
		return (await page.locator('#excel').textContent()) ?? '';
	};

	it('lists the problems per sheet, row and column and stores nothing', async () => {
		const bad = await filled(template, {
			Bereik: [['Geleen (Sittard-Geleen)', 'veel', 3]],
			'Trots op': [['', 'Zonder titel']]
		});
		const text = await upload('fout.xlsx', bad);
		expect(text).toContain('er is niets opgeslagen');
		const rows = await browser.page.locator('#excel tbody tr').allTextContents();
		expect(rows).toEqual([
			expect.stringContaining('Bereik2Gesprekken met bewoners'),
			expect.stringContaining('Trots op2TitelVul een titel in.')
		]);
		expect(await axeViolations(browser.page)).toEqual([]);
		await expect(browser.page.locator('#reach .summary').count()).resolves.toBe(0);
	});

	it('refuses a csv file renamed to .xlsx', async () => {
		const text = await upload('bereik.xlsx', Buffer.from('Wijk;Gesprekken\nGeleen;3\n'));
		expect(text).toContain('Dit is geen Excel-bestand (.xlsx)');
	});

	it('stores a valid file, and the same file again adds nothing', async () => {
		const good = await filled(template, {
			Bereik: [['Geleen (Sittard-Geleen)', 14, 3]],
			'Trots op': [['Uit Excel', 'Ingelezen verhaal']]
		});
		expect(await upload('goed.xlsx', good)).toContain('Ingelezen: 2 nieuwe regels opgeslagen');
		expect(await upload('goed.xlsx', good)).toContain(
			'0 nieuwe regels opgeslagen, 2 regels stonden er al'
		);
		await expect(browser.page.locator('#reach .summary').count()).resolves.toBe(1);
		await expect(browser.page.locator('#highlight .summary').count()).resolves.toBe(1);
	});
});
