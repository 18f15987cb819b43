import type { Cookies } from '@sveltejs/kit';

const NAME = 'jaarbeeld.session_token';
/** Behind HTTPS the cookie is Secure and carries the __Secure- prefix (browsers enforce both). */
const SECURE_NAME = `__Secure-${NAME}`;

const secure = (url: URL) => url.protocol === 'https:';
const nameFor = (url: URL) => (secure(url) ? SECURE_NAME : NAME);

/** The session token the browser sent, if any. */
export function readSessionToken(cookies: Cookies, url: URL): string | undefined {
	return cookies.get(nameFor(url)) || undefined;
}

export function setSessionCookie(cookies: Cookies, url: URL, token: string, expires: Date): void {
	cookies.set(nameFor(url), token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: secure(url),
		expires
	});
}

export function clearSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(nameFor(url), { path: '/', httpOnly: true, sameSite: 'lax', secure: secure(url) });
}
