import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_TOO_LARGE, NOT_FORM_DATA } from '../../src/lib/server/http/body-limits';
import { manyRowsSheet, replaceParts, sheetPart } from '../helpers/xlsx-files';
import { startApp, type RunningApp } from './app-server';
import { signInCookie } from './session';

// Issue 13: uploads that cannot stall the server, through the built app and its adapter limit
// (BODY_SIZE_LIMIT=11M as in the deployment example): its own app, so the log can be read.

const QUARTER = '/ateliers/over-leven-armoede/2024Q3';

describe('upload limits through the adapter', () => {
	let app: RunningApp;
	let cookie: string;
	let template: Buffer;
	beforeAll(async () => {
		app = await startApp();
		cookie = await signInCookie(app.url, 'armoede@voorbeeld.nl');
		const response = await fetch(`${app.url}${QUARTER}/sjabloon.xlsx`, { headers: { cookie } });
		expect(response.status).toBe(200);
		template = Buffer.from(await response.arrayBuffer());
	});
	afterAll(async () => app?.stop());

	const upload = (bytes: Uint8Array, name = 'kwartaal.xlsx') => {
		const body = new FormData();
		body.set('bestand', new Blob([new Uint8Array(bytes)]), name);
		return fetch(`${app.url}${QUARTER}?/importeren`, {
			method: 'POST',
			headers: { cookie, origin: app.url, accept: 'text/html' },
			body
		});
	};
	const unhandled = () =>
		app
			.output()
			.split('\n')
			.filter((l) => l.includes('unhandled error'));

	it('answers a 12 MB upload with the size message on the quarter page, no stack trace', async () => {
		const response = await upload(new Uint8Array(12 * 1024 * 1024));
		expect(response.status).toBe(413);
		const html = await response.text();
		expect(html).toContain('Dit bestand is groter dan 10 MB en wordt niet ingelezen.');
		expect(html).not.toContain('Er ging iets mis');
		expect(unhandled()).toEqual([]);
	});

	it('answers a JSON body on a form action with 415 and a Dutch message, no stack trace', async () => {
		const response = await fetch(`${app.url}${QUARTER}?/opslaan`, {
			method: 'POST',
			headers: { cookie, origin: app.url, accept: 'text/html', 'content-type': 'application/json' },
			body: JSON.stringify({ type: 'activity' })
		});
		expect(response.status).toBe(415);
		expect(await response.text()).toContain(NOT_FORM_DATA);
		expect(unhandled()).toEqual([]);
	});

	it('answers an oversized body on any other form with 413 and a Dutch message', async () => {
		const response = await fetch(`${app.url}/account?/wachtwoord`, {
			method: 'POST',
			headers: {
				cookie,
				origin: app.url,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: 'x='.padEnd(12 * 1024 * 1024, 'a')
		});
		expect(response.status).toBe(413);
		expect(await response.text()).toContain(BODY_TOO_LARGE);
		expect(unhandled()).toEqual([]);
	});

	it('refuses five 1,000,000-row uploads at once without a 500, while /healthz keeps answering', async () => {
		const file = replaceParts(template, [
			manyRowsSheet(sheetPart(template, 'Bijeenkomsten'), 1_000_000)
		]);
		let uploading = true;
		const health: number[] = [];
		const probe = (async () => {
			while (uploading) {
				health.push((await fetch(`${app.url}/healthz`)).status);
				await new Promise((r) => setTimeout(r, 50));
			}
		})();
		const responses = await Promise.all(Array.from({ length: 5 }, () => upload(file)));
		uploading = false;
		await probe;
		const statuses = responses.map((r) => r.status);
		expect(statuses.filter((s) => s >= 500 && s !== 503)).toEqual([]);
		for (const response of responses) {
			const html = await response.text();
			expect(html).toMatch(/heeft meer dan 2\.000 regels|Probeer het over een minuut opnieuw/);
		}
		expect(health.length).toBeGreaterThan(0);
		expect(health.every((s) => s === 200)).toBe(true);
		expect(unhandled()).toEqual([]);
	});
});
