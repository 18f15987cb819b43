import type { Page } from 'playwright-core';

/** Demo accounts of the seed share this password. */
export const DEMO_PASSWORD = 'jaarbeeld-demo';

/** Signs in through the login page, the way a person does. */
export async function signIn(
	page: Page,
	baseURL: string,
	email: string,
	password = DEMO_PASSWORD
): Promise<void> {
	await page.context().clearCookies();
	await page.goto(`${baseURL}/inloggen`);
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByLabel('Wachtwoord').fill(password);
	await Promise.all([
		page.waitForURL((url) => url.pathname !== '/inloggen'),
		page.getByRole('button', { name: 'Inloggen' }).click()
	]);
}
