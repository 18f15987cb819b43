import { redirect } from '@sveltejs/kit';
import { safeRedirectTarget } from '$lib/server/auth/redirect';
import { startProviderSignIn } from '$lib/server/auth/sso/flow';
import { setStateCookie } from '$lib/server/auth/sso/state-cookie';
import { getDb } from '$lib/server/db/index';
import type { RequestHandler } from './$types';

// Public by design: the button "Inloggen met <naam>" starts a sign-in at the provider.
export const POST: RequestHandler = async ({ params, request, url, cookies }) => {
	const form = await request.formData().catch(() => new FormData());
	const naar = safeRedirectTarget(String(form.get('naar') ?? ''));
	const started = await startProviderSignIn(getDb(), params.provider, url.origin, naar);
	if (!started.ok)
		redirect(303, `/inloggen?sso=${started.fault}&via=${encodeURIComponent(params.provider)}`);
	setStateCookie(cookies, url, started.state);
	redirect(303, started.url.href);
};
