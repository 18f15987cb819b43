import { ServerResponse } from 'node:http';

/**
 * Headers every response carries: pages, endpoints, and also what the adapter answers on its own
 * (static files from build/client, its 413s), which never pass through the hooks.
 */
export const SECURITY_HEADERS: Record<string, string> = {
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'same-origin',
	'X-Frame-Options': 'DENY',
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Resource-Policy': 'same-origin',
	// nothing of this is used; a script injected anyway gets none of it
	'Permissions-Policy':
		'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), display-capture=(), interest-cohort=()'
};

const INSTALLED = Symbol.for('jaarbeeld.securityHeaders');

/**
 * Adds SECURITY_HEADERS to every Node response just before its head is written (writeHead is
 * also what an implicit head goes through), unless the response set them itself. adapter-node
 * serves static files with sirv, outside SvelteKit's hooks, and has no option for their headers.
 */
export function installSecurityHeaders(): void {
	const proto = ServerResponse.prototype as ServerResponse & { [INSTALLED]?: true };
	if (proto[INSTALLED]) return;
	const writeHead = proto.writeHead;
	proto.writeHead = function (this: ServerResponse, ...args: unknown[]) {
		if (!this.headersSent)
			for (const [name, value] of Object.entries(SECURITY_HEADERS))
				if (!this.hasHeader(name)) this.setHeader(name, value);
		return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
	} as typeof proto.writeHead;
	proto[INSTALLED] = true;
}
