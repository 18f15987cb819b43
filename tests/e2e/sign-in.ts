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
	const response = await page.goto(`${baseURL}/inloggen`);
	if (!response?.ok())
		throw new Error(`De inlogpagina antwoordt met ${response?.status()}: is login al gemerged?`);
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByLabel('Wachtwoord').fill(password);
	await Promise.all([
		page.waitForURL((url) => url.pathname !== '/inloggen'),
		page.getByRole('button', { name: 'Inloggen', exact: true }).click()
	]);
}
