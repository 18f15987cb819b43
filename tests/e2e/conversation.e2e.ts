import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, openBrowser, type Browser } from './browser';
import { DEMO_USERS, signInWithForm } from './session';

// The quarter cycle between people: a kartrekker comments on a record and submits; management sees
// the comment (and the submission) under Meldingen, answers next to the record and approves; the
// kartrekker then sees both notifications. And the confirmation before deleting a record, with a
// <dialog> and without JavaScript. The 2024 quarters of "leiderschap" have no demo report.

const baseURL = inject('baseURL');
const KARTREKKER = 'leiderschap@voorbeeld.nl';
const SLUG = 'leiderschap';

async function addHighlight(page: Page, title: string) {
	const section = page.locator('section#highlight');
	const details = section.locator('details');
	if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
	await details.getByLabel('Titel').fill(title);
	await details.getByRole('button', { name: /toevoegen/ }).click();
	await page.locator('.summary', { hasText: title }).waitFor();
}

describe('conversation, notifications and approval between a kartrekker and management', () => {
	let kt: Browser;
	let mgmt: Browser;
	const quarterUrl = `${baseURL}/ateliers/${SLUG}/2024Q3`;
	const question = 'Klopt het dat dit in Stein was? Graag even bevestigen.';
	const answer = 'Ja, dat klopt: in de bibliotheek van Stein.';

	beforeAll(async () => {
		kt = await openBrowser();
		mgmt = await openBrowser();
		await signInWithForm(kt.page, baseURL, KARTREKKER);
		await signInWithForm(mgmt.page, baseURL, DEMO_USERS.management);
	});
	afterAll(async () => {
		await kt?.close();
		await mgmt?.close();
	});

	it('the kartrekker comments on a record in the review view and submits the quarter', async () => {
		const { page } = kt;
		await page.goto(quarterUrl);
		await addHighlight(page, 'Leiderschapsdag in Stein');
		await page.getByRole('link', { name: 'Alles lezen en het gesprek over dit kwartaal' }).click();
		await page.waitForURL(`${quarterUrl}/beoordeling`);
		const record = page.locator('article.record', { hasText: 'Leiderschapsdag in Stein' });
		await expect(record.locator('dd').first().textContent()).resolves.toContain('Leiderschapsdag');
		// an empty comment is refused at the field
		await record.locator('summary', { hasText: 'Opmerking bij dit gegeven' }).click();
		await record.getByRole('button', { name: 'Plaatsen' }).click();
		await record.locator('.field-error', { hasText: 'Schrijf een opmerking.' }).waitFor();
		await record.getByLabel('Je opmerking').fill(question);
		await record.getByRole('button', { name: 'Plaatsen' }).click();
		await page.getByText('Je opmerking is geplaatst.').waitFor();
		await record.getByText(question).waitFor();
		expect(await axeViolations(page)).toEqual([]);
		await page.goto(quarterUrl);
		await page.getByRole('button', { name: 'Kwartaal indienen' }).click();
		await page.locator('#status-kop', { hasText: 'ingediend' }).waitFor();
	});

	it('management finds both under Meldingen, answers next to the record and approves', async () => {
		const { page } = mgmt;
		await page.goto(`${baseURL}/ateliers`);
		await expect(page.locator('a.inbox .count').textContent()).resolves.toMatch(/\d+/);
		await page.locator('a.inbox').click();
		await page.waitForURL(`${baseURL}/meldingen`);
		expect(await axeViolations(page)).toEqual([]);
		const items = page.locator('ul.items li');
		await items.filter({ hasText: 'K3 2024 van Leiderschap is ingediend' }).waitFor();
		const comment = items.filter({ hasText: 'Nieuwe opmerking bij K3 2024 van Leiderschap' });
		await expect(comment.textContent()).resolves.toContain(question);
		await comment.getByRole('button', { name: /Openen/ }).click();
		await page.waitForURL(/\/ateliers\/leiderschap\/2024Q3\/beoordeling#opmerking-\d+$/);
		// the comment is shown next to its record; the answer goes there too
		const record = page.locator('article.record', { hasText: 'Leiderschapsdag in Stein' });
		await record.getByText(question).waitFor();
		await record.locator('summary', { hasText: 'Opmerking bij dit gegeven' }).click();
		await record.getByLabel('Je opmerking').fill(answer);
		await record.getByRole('button', { name: 'Plaatsen' }).click();
		await record.getByText(answer).waitFor();
		// the thread at the bottom has both, and management marks the question resolved
		const thread = page.locator('section#gesprek');
		await thread.getByText(answer).waitFor();
		await thread
			.locator('article', { hasText: question })
			.getByRole('button', { name: 'Markeer als afgehandeld' })
			.click();
		await thread.locator('article', { hasText: question }).getByText('afgehandeld door').waitFor();
		expect(await axeViolations(page)).toEqual([]);
		await page.getByRole('link', { name: 'Naar goedkeuren of terugsturen' }).click();
		await page.getByRole('button', { name: 'Goedkeuren' }).click();
		await page.locator('#status-kop', { hasText: 'goedgekeurd' }).waitFor();
	});

	it('the kartrekker sees both notifications: the answer and the approval', async () => {
		const { page } = kt;
		await page.goto(`${baseURL}/meldingen`);
		const items = page.locator('ul.items li');
		const reply = items.filter({ hasText: 'Nieuwe opmerking bij K3 2024 van Leiderschap' });
		await expect(reply.textContent()).resolves.toContain(answer);
		await items.filter({ hasText: 'K3 2024 van Leiderschap is goedgekeurd' }).waitFor();
		await expect(page.locator('a.inbox .count').textContent()).resolves.toMatch(/[1-9]/);
		await page.getByRole('button', { name: 'Alles als gelezen markeren' }).click();
		await page.getByRole('heading', { name: 'Alles gelezen' }).waitFor();
		await expect(page.locator('a.inbox .count').count()).resolves.toBe(0);
		// the preference: only in the app from now on
		await page.getByLabel('Geen e-mail, alleen hier in Jaarbeeld').check();
		await page.locator('#voorkeur').getByRole('button', { name: 'Opslaan' }).click();
		await page.getByText('Je keuze is opgeslagen.').waitFor();
		await page.reload();
		await expect(
			page.getByLabel('Geen e-mail, alleen hier in Jaarbeeld').isChecked()
		).resolves.toBe(true);
	});

	it('the council reads the approved quarter in the review view, without the conversation', async () => {
		const council = await openBrowser();
		try {
			await signInWithForm(council.page, baseURL, DEMO_USERS.council);
			await council.page.goto(`${quarterUrl}/beoordeling`);
			await council.page.getByText('Leiderschapsdag in Stein').first().waitFor();
			await expect(council.page.locator('section#gesprek').count()).resolves.toBe(0);
			await expect(council.page.locator('main').textContent()).resolves.not.toContain(question);
		} finally {
			await council.close();
		}
	});
});

for (const javaScriptEnabled of [true, false])
	describe(`confirmation before deleting a record (${javaScriptEnabled ? 'with' : 'without'} JavaScript)`, () => {
		let kt: Browser;
		const quarterUrl = `${baseURL}/ateliers/${SLUG}/${javaScriptEnabled ? '2024Q4' : '2024Q2'}`;
		beforeAll(async () => {
			kt = await openBrowser({ javaScriptEnabled });
			await signInWithForm(kt.page, baseURL, KARTREKKER);
		});
		afterAll(async () => kt?.close());

		it('asks first, names the record, and deletes only after yes', async () => {
			const { page } = kt;
			await page.goto(quarterUrl);
			await addHighlight(page, 'Te verwijderen hoogtepunt');
			const item = page.locator('section#highlight li', { hasText: 'Te verwijderen hoogtepunt' });
			await item.getByRole('button', { name: /Verwijderen/ }).click();
			if (javaScriptEnabled) {
				const dialog = page.getByRole('dialog');
				await dialog.waitFor();
				await expect(dialog.textContent()).resolves.toContain('“Te verwijderen hoogtepunt”');
				expect(await axeViolations(page)).toEqual([]);
				await dialog.getByRole('button', { name: 'Annuleren' }).click();
				await expect(
					page.locator('.summary', { hasText: 'Te verwijderen hoogtepunt' }).count()
				).resolves.toBe(1);
				await item.getByRole('button', { name: /Verwijderen/ }).click();
				await page.getByRole('dialog').getByRole('button', { name: 'Ja, verwijderen' }).click();
			} else {
				// the server answers with the question; nothing is deleted yet
				const step = page.getByRole('alertdialog');
				await step.waitFor();
				await expect(step.textContent()).resolves.toContain('“Te verwijderen hoogtepunt”');
				await expect(
					page.locator('.summary', { hasText: 'Te verwijderen hoogtepunt' }).count()
				).resolves.toBe(1);
				await step.getByRole('button', { name: 'Ja, verwijderen' }).click();
			}
			await page.waitForURL(/gelukt=highlight-verwijderd/);
			await expect(
				page.locator('.summary', { hasText: 'Te verwijderen hoogtepunt' }).count()
			).resolves.toBe(0);
		});
	});
