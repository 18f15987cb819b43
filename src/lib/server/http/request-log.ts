import { randomUUID } from 'node:crypto';
import type { Handle, HandleServerError } from '@sveltejs/kit';
import { log } from '../log';
import { bodyRefusal } from './body-limits';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** One log line per request, and a request id that the response carries as X-Request-Id. */
export const requestLog: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const incoming = event.request.headers.get('x-request-id');
	const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
	event.locals.requestId = requestId;
	let status = 500;
	try {
		const response = await resolve(event);
		status = response.status;
		response.headers.set('x-request-id', requestId);
		return response;
	} finally {
		log.info({
			msg: 'request',
			requestId,
			method: event.request.method,
			// the path only: query strings can hold names or e-mail addresses
			path: event.url.pathname,
			status,
			durationMs: Math.round((performance.now() - started) * 10) / 10
		});
	}
};

/** Unexpected errors: logged with their stack; the user sees a Dutch message and the request id. */
export const logServerError: HandleServerError = ({ error, event, status, message }) => {
	const requestId = event.locals.requestId;
	if (status === 404) return { message: 'Deze pagina bestaat niet.', requestId };
	const refusal = bodyRefusal(status);
	if (refusal) {
		log.warn({
			msg: 'request body refused',
			requestId,
			method: event.request.method,
			path: event.url.pathname,
			status
		});
		return { message: refusal, requestId };
	}
	log.error({
		msg: 'unhandled error',
		requestId,
		method: event.request.method,
		path: event.url.pathname,
		status,
		err: error instanceof Error ? error : new Error(String(error ?? message))
	});
	return {
		message: `Er ging iets mis aan onze kant. Vermeld bij een melding deze code: ${requestId}.`,
		requestId
	};
};
