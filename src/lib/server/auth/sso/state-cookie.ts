import type { Cookies } from '@sveltejs/kit';

const NAME = 'jaarbeeld.sso_state';
const PATH = '/inloggen/sso';

/**
 * The state of the sign-in this browser started: the provider's answer must carry the same value,
 * so a callback URL from someone else's attempt (login CSRF) is refused. SameSite=Lax: the
 * provider's redirect back is a top-level GET, which carries it.
 */
export function setStateCookie(cookies: Cookies, url: URL, state: string): void {
	cookies.set(NAME, state, {
		path: PATH,
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		maxAge: 10 * 60
	});
}

export function takeStateCookie(cookies: Cookies, url: URL): string | undefined {
	const value = cookies.get(NAME);
	cookies.delete(NAME, { path: PATH, secure: url.protocol === 'https:' });
	return value;
}
