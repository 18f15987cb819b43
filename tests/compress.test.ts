import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chooseEncoding, compressResponse } from '../src/lib/server/http/compress';

describe('response compression', () => {
	it('chooses br, then gzip, from Accept-Encoding and honours q=0', () => {
		expect(chooseEncoding(null)).toBeNull();
		expect(chooseEncoding('')).toBeNull();
		expect(chooseEncoding('identity')).toBeNull();
		expect(chooseEncoding('gzip, deflate, br')).toBe('br');
		expect(chooseEncoding('gzip')).toBe('gzip');
		expect(chooseEncoding('br;q=0, gzip')).toBe('gzip');
		expect(chooseEncoding('br;q=0.5, gzip;q=0.8')).toBe('gzip');
		expect(chooseEncoding('*')).toBe('br');
		expect(chooseEncoding('*;q=0')).toBeNull();
		expect(chooseEncoding('gzip;q=0, *')).toBe('br');
	});

	const page = (type: string, extra: Record<string, string> = {}) =>
		new Response('<p>Jaarbeeld</p>'.repeat(200), {
			headers: { 'content-type': type, etag: '"abc"', ...extra }
		});
	const get = (encoding: string) =>
		new Request('http://localhost/dashboard', { headers: { 'accept-encoding': encoding } });

	it('compresses text, keeps the content, and weakens the ETag', async () => {
		const response = compressResponse(get('br'), page('text/html; charset=utf-8'));
		expect(response.headers.get('content-encoding')).toBe('br');
		expect(response.headers.get('vary')).toBe('Accept-Encoding');
		expect(response.headers.get('etag')).toBe('W/"abc"');
		const bytes = Buffer.from(await response.arrayBuffer());
		expect(brotliDecompressSync(bytes).toString()).toBe('<p>Jaarbeeld</p>'.repeat(200));
	});

	it('drops the ETag of a private no-store page, compressed or not', () => {
		const noStore = { 'cache-control': 'private, no-store' };
		for (const encoding of ['gzip', 'identity']) {
			const response = compressResponse(get(encoding), page('text/html', noStore));
			expect(response.headers.get('etag')).toBeNull();
		}
	});

	it('passes workbooks, PDFs and small bodies through as they are', () => {
		for (const type of [
			'application/pdf',
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
		]) {
			const original = page(type);
			expect(compressResponse(get('br'), original)).toBe(original);
		}
		const small = new Response('ok', {
			headers: { 'content-type': 'text/plain', 'content-length': '2' }
		});
		expect(compressResponse(get('br'), small).headers.get('content-encoding')).toBeNull();
	});
});
