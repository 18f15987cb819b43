import { redirect } from '@sveltejs/kit';
import { safeRedirectTarget } from '$lib/server/auth/redirect';
import { startProviderSignIn } from '$lib/server/auth/sso/flow';
import { setStateCookie } from '$lib/server/auth/sso/state-cookie';
import { getDb } from '$lib/server/db/index';
import type { RequestHandler } from './$types';

// Public by design: "Inloggen met <naam>" starts a sign-in at the provider. A link (GET), since the
// page's CSP (form-action 'self') rightly stops a form from redirecting to another site; starting
// a sign-in changes nothing but a short-lived, single-use state row.
export const GET: RequestHandler = async ({ params, url, cookies }) => {
	const naar = safeRedirectTarget(url.searchParams.get('naar'));
	const started = await startProviderSignIn(getDb(), params.provider, url.origin, naar);
	if (!started.ok)
		redirect(303, `/inloggen?sso=${started.fault}&via=${encodeURIComponent(params.provider)}`);
	setStateCookie(cookies, url, started.state);
	redirect(303, started.url.href);
};
