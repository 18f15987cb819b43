import { describe, expect, inject, it } from 'vitest';
import { SECURITY_HEADERS } from '../../src/lib/server/http/security-headers';

// Issue 13: static files lacked X-Content-Type-Options, and no response had Permissions-Policy or
// Cross-Origin-Opener-Policy. Static files are served by the adapter, outside the hooks.

const baseURL = inject('baseURL');

describe('security headers on every kind of response', () => {
	it('a page, a static file, a built asset and a missing page all carry them', async () => {
		const page = await fetch(`${baseURL}/inloggen`);
		const html = await page.text();
		// links are relative ("./_app/immutable/..."): take the path from the app folder on
		const asset = /_app\/immutable\/[^"]+\.css/.exec(html)?.[0];
		expect(asset).toBeTruthy();
		for (const path of ['/inloggen', '/favicon.svg', `/${asset}`, '/bestaat-niet']) {
			const response = await fetch(`${baseURL}${path}`);
			await response.arrayBuffer();
			const headers = Object.fromEntries(
				Object.keys(SECURITY_HEADERS).map((name) => [name, response.headers.get(name)])
			);
			expect({ path, headers }).toEqual({ path, headers: SECURITY_HEADERS });
		}
	});
});
