import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index';
import { parseInput } from '$lib/server/errors';
import { failureOf } from '$lib/server/forms/result';
import { newPasswordSchema } from '$lib/server/users/forms';
import { passwordLinkUser, usePasswordLink } from '$lib/server/users/password-links';
import type { Actions, PageServerLoad } from './$types';

// Public by design: the one-time link itself is the authorization.
export const load = (async ({ params }) => {
	const user = await passwordLinkUser(getDb(), params.token);
	return { valid: user !== null, name: user?.name ?? null, email: user?.email ?? null };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ params, request }) => {
		const form = await request.formData();
		try {
			const input = parseInput(newPasswordSchema, {
				password: String(form.get('password') ?? ''),
				confirm: String(form.get('confirm') ?? '')
			});
			await usePasswordLink(getDb(), params.token, input.password);
		} catch (e) {
			return failureOf(e);
		}
		redirect(303, '/inloggen?wachtwoord-ingesteld');
	}
} satisfies Actions;
