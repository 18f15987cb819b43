import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApp, type RunningApp } from './app-server';
import { DEMO_PASSWORD, DEMO_USERS } from './session';

// The session cookie's attributes, as the built app sets them: over plain http, and behind HTTPS
// (ORIGIN=https://…, as behind a reverse proxy that ends TLS).

const baseURL = inject('baseURL');

async function signInHeaders(url: string, origin: string): Promise<string[]> {
	const response = await fetch(`${url}/inloggen`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
		body: new URLSearchParams({ email: DEMO_USERS.council, password: DEMO_PASSWORD })
	});
	expect(response.status).toBe(303);
	return response.headers.getSetCookie().filter((c) => c.includes('session_token='));
}

describe('the session cookie', () => {
	let https: RunningApp;
	beforeAll(async () => {
		https = await startApp({ ORIGIN: 'https://jaarbeeld.test' });
	}, 180_000);
	afterAll(async () => {
		await https?.stop();
	});

	it('is HttpOnly and SameSite=Lax, without Secure over plain http', async () => {
		const [cookie] = await signInHeaders(baseURL, baseURL);
		expect(cookie).toMatch(/^jaarbeeld\.session_token=[A-Za-z0-9_-]{43};/);
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
		expect(cookie).toMatch(/Path=\//);
		expect(cookie).not.toMatch(/Secure/i);
	});

	it('is Secure with the __Secure- prefix behind HTTPS', async () => {
		const [cookie] = await signInHeaders(https.url, 'https://jaarbeeld.test');
		expect(cookie).toMatch(/^__Secure-jaarbeeld\.session_token=[A-Za-z0-9_-]{43};/);
		expect(cookie).toMatch(/; Secure/i);
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
	});
});
