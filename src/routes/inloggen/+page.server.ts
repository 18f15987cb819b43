import { fail, redirect } from '@sveltejs/kit';
import { applySetCookie } from '$lib/server/auth/cookies';
import { appAuth } from '$lib/server/auth/instance';
import { safeRedirectTarget } from '$lib/server/auth/redirect';
import { signIn } from '$lib/server/auth/sign-in';
import { getDb } from '$lib/server/db/index';
import { zodErrors } from '$lib/server/errors';
import { signInSchema } from '$lib/server/users/forms';
import type { Actions, PageServerLoad } from './$types';

// Public by design: the sign-in page. A signed-in user goes straight to the target.
export const load = (({ locals, url }) => {
	const naar = safeRedirectTarget(url.searchParams.get('naar'));
	if (locals.user) redirect(303, naar);
	return { naar, passwordSet: url.searchParams.has('wachtwoord-ingesteld') };
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const values = { email: String(form.get('email') ?? '') };
		const naar = safeRedirectTarget(String(form.get('naar') ?? event.url.searchParams.get('naar')));
		const parsed = signInSchema.safeParse({ email: values.email, password: form.get('password') });
		if (!parsed.success) return fail(400, { values, errors: zodErrors(parsed.error) });
		const auth = await appAuth(event.url);
		const result = await signIn(auth, getDb(), {
			email: parsed.data.email,
			password: parsed.data.password,
			ip: event.getClientAddress(),
			headers: new Headers({ 'user-agent': event.request.headers.get('user-agent') ?? '' })
		});
		if (!result.ok)
			return fail(result.reason === 'throttled' ? 429 : 400, {
				values,
				errors: { form: result.message }
			});
		applySetCookie(event.cookies, result.setCookie);
		redirect(303, naar);
	}
} satisfies Actions;
