import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, openBrowser, type Browser } from './browser';
import { DEMO_USERS, signInWithForm } from './session';

// Editing an activity keeps its partner organisations, also those that are not partners of the
// quarter: the form shows them checked, and saving it for another reason keeps them. The demo
// has no reports of "impact" in 2024, so the figures other tests check stay as they are.

const baseURL = inject('baseURL');

function flow(javaScriptEnabled: boolean, quarter: string, month: string) {
	describe(`the edit form keeps an activity's partners (${javaScriptEnabled ? 'with' : 'without'} JavaScript)`, () => {
		let browser: Browser;
		const url = `${baseURL}/ateliers/impact/${quarter}`;
		beforeAll(async () => {
			browser = await openBrowser({ javaScriptEnabled });
			await signInWithForm(browser.page, baseURL, DEMO_USERS.kartrekkerB);
		});
		afterAll(async () => browser?.close());

		const activityForm = (page: Page) => page.locator('section#activity form.record-form').first();
		const edit = (page: Page) =>
			page
				.locator('section#activity li', { hasText: 'Impact zichtbaar maken' })
				.getByRole('link', { name: /^Wijzigen/ })
				.click();

		it('adds an activity with two organisations of the register that are not partners', async () => {
			const { page } = browser;
			await page.goto(url);
			const form = activityForm(page);
			await form.getByLabel('Datum').fill(`2024-${month}-10`);
			await form.getByLabel('Titel').fill('Impact zichtbaar maken');
			await form.getByLabel('Soort bijeenkomst').selectOption('workshop');
			await form.getByLabel('Deelnemers totaal').fill('10');
			// no partners in this quarter yet: the register search is the only way
			await expect(form.locator('input[type=checkbox][name=organisations]').count()).resolves.toBe(
				0
			);
			await form.getByLabel('Organisatie uit het register').fill('LEVANTOgroep; GGD Zuid Limburg');
			await form.getByRole('button', { name: 'Bijeenkomst toevoegen' }).click();
			await page
				.locator('section#activity .summary', { hasText: 'Impact zichtbaar maken' })
				.waitFor();
		});

		it('shows both checked in Wijzigen, and keeps them when only the participants change', async () => {
			const { page } = browser;
			await edit(page);
			const form = activityForm(page);
			await form.getByLabel('GGD Zuid Limburg').waitFor();
			await expect(form.getByLabel('GGD Zuid Limburg').isChecked()).resolves.toBe(true);
			await expect(form.getByLabel('LEVANTOgroep').isChecked()).resolves.toBe(true);
			if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([]);
			await form.getByLabel('Deelnemers totaal').fill('12');
			await form.getByRole('button', { name: 'Wijziging opslaan' }).click();
			await page
				.locator('section#activity .summary', { hasText: 'Impact zichtbaar maken — 12 deelnemers' })
				.waitFor();
			await edit(page);
			const again = activityForm(page);
			await again.getByLabel('GGD Zuid Limburg').waitFor();
			await expect(again.getByLabel('GGD Zuid Limburg').isChecked()).resolves.toBe(true);
			await expect(again.getByLabel('LEVANTOgroep').isChecked()).resolves.toBe(true);
		});
	});
}

flow(true, '2024Q3', '08');
flow(false, '2024Q4', '11');
