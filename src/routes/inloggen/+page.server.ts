import { fail, redirect } from '@sveltejs/kit';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { demoSignIns } from '$lib/server/auth/demo-accounts';
import { passwordSignInEnabled } from '$lib/server/auth/password-switch';
import { safeRedirectTarget } from '$lib/server/auth/redirect';
import { signIn } from '$lib/server/auth/sign-in';
import { faultMessage, isFault } from '$lib/server/auth/sso/faults';
import { providerButtons } from '$lib/server/auth/sso/providers';
import { getDb } from '$lib/server/db/index';
import { zodErrors } from '$lib/server/errors';
import { signInSchema } from '$lib/server/users/forms';
import type { Actions, PageServerLoad } from './$types';

// Public by design: the sign-in page. A signed-in user goes straight to the target.
export const load = (async ({ locals, url }) => {
	const naar = safeRedirectTarget(url.searchParams.get('naar'));
	if (locals.user) redirect(303, naar);
	const db = getDb();
	const [providers, passwords, demoAccounts] = await Promise.all([
		providerButtons(db),
		passwordSignInEnabled(db),
		demoSignIns(db)
	]);
	// A refused provider sign-in comes back as ?sso=<fault>&via=<key>; the message is ours.
	const fault = url.searchParams.get('sso');
	const via = url.searchParams.get('via');
	const ssoError = isFault(fault)
		? faultMessage(fault, providers.find((p) => p.key === via)?.name ?? 'de provider')
		: null;
	return {
		naar,
		passwordSet: url.searchParams.has('wachtwoord-ingesteld'),
		providers,
		passwords,
		ssoError,
		// the demo's accounts, named while they still have the public password (README "Snel starten")
		demoAccounts: passwords ? demoAccounts : []
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const values = { email: String(form.get('email') ?? '') };
		const naar = safeRedirectTarget(String(form.get('naar') ?? event.url.searchParams.get('naar')));
		const parsed = signInSchema.safeParse({ email: values.email, password: form.get('password') });
		if (!parsed.success) return fail(400, { values, errors: zodErrors(parsed.error) });
		const result = await signIn(getDb(), {
			email: parsed.data.email,
			password: parsed.data.password,
			ip: event.getClientAddress(),
			userAgent: event.request.headers.get('user-agent')
		});
		if (!result.ok)
			return fail(result.reason === 'throttled' ? 429 : 400, {
				values,
				errors: { form: result.message }
			});
		setSessionCookie(event.cookies, event.url, result.session.token, result.session.expiresAt);
		redirect(303, naar);
	}
} satisfies Actions;
