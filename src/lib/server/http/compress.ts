import { pipeline, Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';

// Response compression in the app itself, so `node build` without a proxy sends a 3-year
// dashboard of 100 ateliers as tens of kilobytes instead of most of a megabyte (issue 15). The
// static files under /_app are precompressed at build time by adapter-node and served by sirv;
// this covers what SvelteKit renders: pages, their __data.json, and endpoints with text bodies.
// Workbooks and PDFs are compressed formats already and are passed through as they are.

export type Encoding = 'br' | 'gzip';

/** Content types worth compressing: text and the text-like application types. */
const COMPRESSIBLE =
	/^(text\/|application\/(json|javascript|xml|manifest\+json|x-ndjson)|image\/svg\+xml)/i;

/** Below this many bytes the headers of a compressed response cost more than they save. */
const MIN_BYTES = 1024;

/**
 * The encoding to use for an Accept-Encoding header: br before gzip (smaller at similar cost at
 * the quality used here), neither when the client does not list it or gives it q=0.
 */
export function chooseEncoding(acceptEncoding: string | null): Encoding | null {
	if (!acceptEncoding) return null;
	const weights = new Map<string, number>();
	for (const part of acceptEncoding.split(',')) {
		const [name, ...params] = part.trim().toLowerCase().split(';');
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		const weight = q === undefined ? 1 : Number(q.slice(2));
		weights.set(name, Number.isFinite(weight) ? weight : 0);
	}
	const star = weights.get('*') ?? 0;
	const weightOf = (name: Encoding) => weights.get(name) ?? star;
	if (weightOf('br') > 0 && weightOf('br') >= weightOf('gzip')) return 'br';
	if (weightOf('gzip') > 0) return 'gzip';
	return null;
}

function compressor(encoding: Encoding) {
	// Flush after every chunk SvelteKit writes, so a streamed response still arrives in parts.
	// Brotli quality 4 and gzip level 6: a megabyte of HTML in a few milliseconds.
	return encoding === 'br'
		? createBrotliCompress({
				flush: constants.BROTLI_OPERATION_FLUSH,
				params: { [constants.BROTLI_PARAM_QUALITY]: 4 }
			})
		: createGzip({ level: 6, flush: constants.Z_SYNC_FLUSH });
}

function appendVary(headers: Headers, value: string) {
	const vary = headers.get('vary');
	if (!vary) headers.set('vary', value);
	else if (
		!vary
			.toLowerCase()
			.split(/\s*,\s*/)
			.includes(value.toLowerCase())
	)
		headers.set('vary', `${vary}, ${value}`);
}

/**
 * The response compressed for this request when its type and the client allow it, else the
 * response itself. A private, no-store page loses its ETag (nothing may store it, so nothing
 * revalidates it); any other ETag becomes weak, as the compressed bytes differ from the plain
 * ones (SvelteKit's 304 check ignores the W/ prefix).
 */
export function compressResponse(request: Request, response: Response): Response {
	const headers = response.headers;
	const type = headers.get('content-type') ?? '';
	if (!COMPRESSIBLE.test(type) || headers.has('content-encoding')) return response;
	const noStore = /no-store/i.test(headers.get('cache-control') ?? '');
	const length = headers.get('content-length');
	if (
		!response.body ||
		request.method === 'HEAD' ||
		response.status === 204 ||
		response.status === 206 ||
		response.status === 304 ||
		(length !== null && Number(length) < MIN_BYTES)
	) {
		if (noStore) headers.delete('etag');
		return response;
	}
	const out = new Headers(headers);
	appendVary(out, 'Accept-Encoding');
	if (noStore) out.delete('etag');
	const encoding = chooseEncoding(request.headers.get('accept-encoding'));
	if (!encoding) return new Response(response.body, { status: response.status, headers: out });
	const etag = out.get('etag');
	if (etag && !etag.startsWith('W/')) out.set('etag', `W/${etag}`);
	out.set('content-encoding', encoding);
	out.delete('content-length');
	// pipeline, not pipe: a failing body destroys the compressor too, so the response is aborted
	// instead of hanging
	const compressed = pipeline(
		Readable.fromWeb(response.body as NodeReadableStream),
		compressor(encoding),
		() => {}
	);
	return new Response(Readable.toWeb(compressed) as ReadableStream, {
		status: response.status,
		statusText: response.statusText,
		headers: out
	});
}
