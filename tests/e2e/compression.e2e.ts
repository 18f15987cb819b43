import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_USERS, signInCookie } from './session';

// The built app (`node build`, no proxy) compresses what it renders when the client asks for it
// (issue 15), and sends the very same content plain when it does not. fetch() would ask for and
// undo the compression itself, so these requests use node:http and look at the bytes.

const baseURL = inject('baseURL');
const DASHBOARD = '/dashboard?van=2020Q1&tot=2022Q4';

interface Raw {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
}

function get(path: string, headers: Record<string, string>): Promise<Raw> {
	return new Promise((resolve, reject) => {
		const req = request(`${baseURL}${path}`, { headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () =>
				resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) })
			);
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end();
	});
}

/** The page without what differs per request by design: the CSP nonce. */
const withoutNonce = (html: string) => html.replace(/nonce="[^"]*"/g, 'nonce=""');

describe('response compression in the built app', () => {
	let cookie: string;
	beforeAll(async () => {
		cookie = await signInCookie(baseURL, DEMO_USERS.management);
	});

	it('serves /dashboard compressed when asked and plain when not, with the same content', async () => {
		const plain = await get(DASHBOARD, { cookie });
		expect(plain.status).toBe(200);
		expect(plain.headers['content-encoding']).toBeUndefined();
		expect(plain.headers.vary).toMatch(/accept-encoding/i);
		const html = withoutNonce(plain.body.toString('utf8'));
		expect(html).toContain('</html>');

		const br = await get(DASHBOARD, { cookie, 'accept-encoding': 'gzip, deflate, br' });
		expect(br.headers['content-encoding']).toBe('br');
		expect(withoutNonce(brotliDecompressSync(br.body).toString('utf8'))).toBe(html);

		const gzip = await get(DASHBOARD, { cookie, 'accept-encoding': 'gzip' });
		expect(gzip.headers['content-encoding']).toBe('gzip');
		expect(withoutNonce(gunzipSync(gzip.body).toString('utf8'))).toBe(html);

		// refused explicitly: plain
		const refused = await get(DASHBOARD, { cookie, 'accept-encoding': 'br;q=0, gzip;q=0' });
		expect(refused.headers['content-encoding']).toBeUndefined();
		expect(withoutNonce(refused.body.toString('utf8'))).toBe(html);

		// it is worth it: the HTML is mostly repeated markup
		expect(br.body.length).toBeLessThan(plain.body.length / 4);
		expect(gzip.body.length).toBeLessThan(plain.body.length / 3);
	});

	it('puts no ETag on a private, no-store page', async () => {
		for (const encoding of ['br', 'identity']) {
			const page = await get(DASHBOARD, { cookie, 'accept-encoding': encoding });
			expect(page.headers['cache-control']).toBe('private, no-store');
			expect(page.headers.etag).toBeUndefined();
		}
		// and a refused page keeps its status: a signed-in page is not streamed (a streamed
		// SvelteKit response always has status 200)
		const missing = await get('/ateliers/bestaat-niet', { cookie });
		expect(missing.status).toBe(404);
	});

	it('compresses the page data and the stylesheets too', async () => {
		const data = await get(`/dashboard/__data.json?van=2020Q1&tot=2022Q4`, {
			cookie,
			'accept-encoding': 'gzip'
		});
		expect(data.status).toBe(200);
		expect(data.headers['content-encoding']).toBe('gzip');
		// the page data as JSON
		const [first] = gunzipSync(data.body).toString('utf8').split('\n');
		expect(JSON.parse(first).type).toBe('data');

		const html = (await get(DASHBOARD, { cookie })).body.toString('utf8');
		const href = html.match(/href="([^"]*_app\/immutable\/assets\/[^"]+\.css)"/)?.[1];
		expect(href).toBeDefined();
		const css = new URL(href!, `${baseURL}/dashboard`).pathname;
		const sheet = await get(css, { 'accept-encoding': 'br' });
		expect(sheet.headers['content-encoding']).toBe('br');
		expect(brotliDecompressSync(sheet.body).toString('utf8')).toBe(
			(await get(css, {})).body.toString('utf8')
		);
	});

	it('sends workbooks and PDFs as they are: already compressed formats', async () => {
		const workbook = await get(`/dashboard/export.xlsx?van=2020Q1&tot=2022Q4`, {
			cookie,
			'accept-encoding': 'gzip, br'
		});
		expect(workbook.status).toBe(200);
		expect(workbook.headers['content-encoding']).toBeUndefined();
		expect(workbook.body.subarray(0, 2).toString()).toBe('PK');
	});
});
