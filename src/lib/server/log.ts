import pino from 'pino';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function level(): string {
	const wanted = process.env.LOG_LEVEL?.trim().toLowerCase();
	return wanted && LEVELS.includes(wanted) ? wanted : 'info';
}

/**
 * JSON lines on stdout. Whatever might carry a secret or personal data is redacted by path, on top
 * of the rule that request lines hold no query strings, bodies, cookies or user names.
 */
export const log = pino({
	level: level(),
	base: { app: 'jaarbeeld' },
	timestamp: pino.stdTimeFunctions.isoTime,
	redact: {
		paths: [
			'password',
			'*.password',
			'cookie',
			'*.cookie',
			'headers.cookie',
			'headers.authorization',
			'email',
			'*.email'
		],
		censor: '[weggelaten]'
	}
});
