import { sequence } from '@sveltejs/kit/hooks';
import type { Handle, ServerInit } from '@sveltejs/kit';
import { closeAppDatabase } from '$lib/server/db/index';
import { logServerError, requestLog } from '$lib/server/http/request-log';
import { startServer } from '$lib/server/startup';

export const init: ServerInit = async () => {
	await startServer();
	// adapter-node stops taking requests and lets running ones finish before it emits this.
	process.once('sveltekit:shutdown', () => {
		void closeAppDatabase();
	});
};

const securityHeaders: Handle = async ({ event, resolve }) => {
	event.locals.user ??= null;
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	return response;
};

export const handle = sequence(requestLog, securityHeaders);
export const handleError = logServerError;
