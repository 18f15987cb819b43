import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index';
import { fieldErrors, newPasswordSchema } from '$lib/server/users/forms';
import { passwordLinkUser, usePasswordLink, UserError } from '$lib/server/users/service';
import type { Actions, PageServerLoad } from './$types';

// Public by design: the one-time link itself is the authorization.
export const load = (async ({ params }) => {
	const user = await passwordLinkUser(getDb(), params.token);
	return { valid: user !== null, name: user?.name ?? null, email: user?.email ?? null };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ params, request }) => {
		const form = await request.formData();
		const parsed = newPasswordSchema.safeParse({
			password: String(form.get('password') ?? ''),
			confirm: String(form.get('confirm') ?? '')
		});
		if (!parsed.success) return fail(400, { values: {}, errors: fieldErrors(parsed.error) });
		try {
			await usePasswordLink(getDb(), params.token, parsed.data.password);
		} catch (error) {
			if (error instanceof UserError)
				return fail(error.status === 404 ? 404 : 400, {
					values: {},
					errors: { [error.field]: error.message }
				});
			throw error;
		}
		redirect(303, '/inloggen?wachtwoord-ingesteld');
	}
} satisfies Actions;
