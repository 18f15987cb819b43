import type { Cookies } from '@sveltejs/kit';
import { parseSetCookieHeader, toCookieOptions } from 'better-auth/cookies';

export const SESSION_COOKIE_NAMES = [
	'jaarbeeld.session_token',
	'__Secure-jaarbeeld.session_token'
] as const;

export function hasSessionCookie(cookies: Cookies): boolean {
	return SESSION_COOKIE_NAMES.some((name) => Boolean(cookies.get(name)));
}

/** Passes better-auth's Set-Cookie header on to SvelteKit's response cookies. */
export function applySetCookie(cookies: Cookies, header: string | null | undefined): void {
	if (!header) return;
	for (const [name, attributes] of parseSetCookieHeader(header)) {
		const options = toCookieOptions(attributes);
		cookies.set(name, attributes.value, {
			...options,
			path: attributes.path || '/',
			httpOnly: true,
			sameSite: 'lax'
		});
	}
}
