import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index';
import { loadLogo } from '$lib/server/settings/logo';
import type { RequestHandler } from './$types';

// Public: the logo is shown in the header of every page, the sign-in page included. Its URL
// carries the version (?v=3), so a browser may keep it for a day and still sees a new upload.
export const GET = (async () => {
	const logo = await loadLogo(getDb());
	if (!logo) error(404, 'Er is geen logo ingesteld.');
	return new Response(new Uint8Array(logo.bytes), {
		headers: {
			'content-type': logo.mime,
			'content-length': String(logo.bytes.length),
			'cache-control': 'public, max-age=86400',
			'content-security-policy': "default-src 'none'",
			'x-content-type-options': 'nosniff'
		}
	});
}) satisfies RequestHandler;
