const BASE = 'http://jaarbeeld.invalid';
/** '/' sends each user to their own start page (policy.ts `homeFor`). */
export const DEFAULT_TARGET = '/';

/**
 * The page to land on after signing in: only a relative path on this site. Anything else
 * (another host, '//host', '/\\host', a scheme, control characters) gives the default page.
 */
export function safeRedirectTarget(target: string | null | undefined): string {
	if (!target || target.length > 2000) return DEFAULT_TARGET;
	// eslint-disable-next-line no-control-regex
	if (!target.startsWith('/') || /^\/[/\\]/.test(target) || /[\u0000-\u001f\\]/.test(target))
		return DEFAULT_TARGET;
	let url: URL;
	try {
		url = new URL(target, BASE);
	} catch {
		return DEFAULT_TARGET;
	}
	if (url.origin !== BASE) return DEFAULT_TARGET;
	const path = url.pathname + url.search + url.hash;
	// '/..//host' normalises to '//host', which a browser reads as another site.
	if (/^\/[/\\]/.test(path)) return DEFAULT_TARGET;
	if (url.pathname === '/inloggen' || url.pathname === '/uitloggen') return DEFAULT_TARGET;
	return path;
}
