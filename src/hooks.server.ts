import { sequence } from '@sveltejs/kit/hooks';
import type { Handle, ServerInit } from '@sveltejs/kit';
import { readSessionToken, setSessionCookie } from '$lib/server/auth/cookies';
import { resolveSession } from '$lib/server/auth/session';
import { closeAppDatabase, getDb } from '$lib/server/db/index';
import { closePdfBrowser } from '$lib/server/exports/chromium';
import { compressResponse } from '$lib/server/http/compress';
import { logServerError, requestLog } from '$lib/server/http/request-log';
import { installSecurityHeaders, SECURITY_HEADERS } from '$lib/server/http/security-headers';
import { stopJobWorker } from '$lib/server/notifications/index';
import { setupNeeded } from '$lib/server/setup/installation';
import { startServer } from '$lib/server/startup';

export const init: ServerInit = async () => {
	installSecurityHeaders();
	await startServer();
	// adapter-node stops taking requests and lets running ones finish before it emits this.
	process.once('sveltekit:shutdown', () => {
		void Promise.allSettled([stopJobWorker(), closePdfBrowser()]).finally(() => closeAppDatabase());
	});
};

// Resolves the session cookie into locals.user; every route decides with a guard what that user
// may do. No business rules here.
const session: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	const token = readSessionToken(event.cookies, event.url);
	if (token) {
		const resolved = await resolveSession(getDb(), token);
		event.locals.user = resolved?.user ?? null;
		if (resolved?.renewedUntil)
			setSessionCookie(event.cookies, event.url, token, resolved.renewedUntil);
	}
	return resolve(event);
};

// Until the installation has a management account, every page leads to the first start. The
// health check and the logo stay reachable (a load balancer and the set-up page need them).
const OPEN_DURING_SETUP = new Set(['/installatie', '/healthz', '/werkplaats-logo']);
const setupGate: Handle = async ({ event, resolve }) => {
	if (OPEN_DURING_SETUP.has(event.url.pathname) || !(await setupNeeded(getDb())))
		return resolve(event);
	return new Response(null, { status: 303, headers: { location: '/installatie' } });
};

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
	if (event.locals.user) response.headers.set('Cache-Control', 'private, no-store');
	return response;
};

// Outermost, so it compresses the response as every other hook left it (see http/compress.ts).
const compression: Handle = async ({ event, resolve }) =>
	compressResponse(event.request, await resolve(event));

export const handle = sequence(compression, requestLog, session, securityHeaders, setupGate);
export const handleError = logServerError;
