export const DEMO_PASSWORD = 'jaarbeeld-demo';

export const DEMO_USERS = {
	management: 'beheer@voorbeeld.nl',
	council: 'raad@voorbeeld.nl',
	kartrekkerA: 'jeugd@voorbeeld.nl',
	kartrekkerB: 'impact@voorbeeld.nl'
} as const;

/** Collects the Set-Cookie headers of a response into a Cookie header value. */
function cookieHeader(response: Response): string {
	return response.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.filter((c) => !c.endsWith('='))
		.join('; ');
}

/** Signs in through the real /inloggen form action (no browser) and returns the session cookie. */
export async function signInCookie(
	baseURL: string,
	email: string,
	password = DEMO_PASSWORD
): Promise<string> {
	const response = await fetch(`${baseURL}/inloggen`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: baseURL,
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'text/html'
		},
		body: new URLSearchParams({ email, password, naar: '/ateliers' })
	});
	if (response.status !== 303) throw new Error(`sign-in as ${email}: status ${response.status}`);
	const cookie = cookieHeader(response);
	if (!cookie.includes('session_token')) throw new Error(`sign-in as ${email}: no session cookie`);
	return cookie;
}

/** The atelier slugs linked from /ateliers for this session (all periods). */
export async function visibleAtelierSlugs(baseURL: string, cookie: string): Promise<string[]> {
	const slugs = new Set<string>();
	for (const periode of ['2020-2022', '2023-2026']) {
		const html = await (
			await fetch(`${baseURL}/ateliers?periode=${periode}`, { headers: { cookie } })
		).text();
		for (const m of html.matchAll(/href="\/ateliers\/([a-z0-9-]+)"/g)) slugs.add(m[1]);
	}
	return [...slugs].sort();
}

/** Signs in through the login page as a person would (labels, button), and waits to land. */
export async function signInWithForm(
	page: import('playwright-core').Page,
	baseURL: string,
	email: string,
	password = DEMO_PASSWORD,
	target = '/inloggen'
): Promise<void> {
	await page.goto(`${baseURL}${target}`);
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByLabel('Wachtwoord').fill(password);
	await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
	await page
		.waitForURL((url) => url.pathname !== '/inloggen')
		.catch(async (error) => {
			// say why: the form's own message (wrong password, throttled, deactivated) if there is one
			const shown = await page
				.locator('main')
				.textContent()
				.catch(() => null);
			throw new Error(`Inloggen als ${email} lukte niet: ${shown?.replace(/\s+/g, ' ').trim()}`, {
				cause: error
			});
		});
}
