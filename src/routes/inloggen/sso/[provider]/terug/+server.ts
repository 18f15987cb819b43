import { redirect } from '@sveltejs/kit';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { finishProviderSignIn } from '$lib/server/auth/sso/flow';
import { takeStateCookie } from '$lib/server/auth/sso/state-cookie';
import { getDb } from '$lib/server/db/index';
import type { RequestHandler } from './$types';

// Public by design: the provider sends the browser back here (the redirect URL to register).
export const GET: RequestHandler = async ({ params, request, url, cookies }) => {
	const result = await finishProviderSignIn(
		getDb(),
		params.provider,
		url,
		takeStateCookie(cookies, url),
		request.headers.get('user-agent')
	);
	if (!result.ok) {
		if (result.fault === 'no_account') redirect(303, '/inloggen/geen-account');
		redirect(303, `/inloggen?sso=${result.fault}&via=${encodeURIComponent(params.provider)}`);
	}
	setSessionCookie(cookies, url, result.session.token, result.session.expiresAt);
	redirect(303, result.returnTo);
};
