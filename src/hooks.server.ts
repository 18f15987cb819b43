import type { Handle, ServerInit } from '@sveltejs/kit';
import { closeAppDatabase } from '$lib/server/db/index';
import { startServer } from '$lib/server/startup';

export const init: ServerInit = async () => {
	await startServer();
	// adapter-node stops taking requests and lets running ones finish before it emits this.
	process.once('sveltekit:shutdown', () => {
		void closeAppDatabase();
	});
};

export const handle: Handle = async ({ event, resolve }) => {
	event.locals.user ??= null;
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	return response;
};
