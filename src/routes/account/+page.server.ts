import { fail } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { appAuth } from '$lib/server/auth/instance';
import { currentSessionToken } from '$lib/server/auth/session';
import { getDb } from '$lib/server/db/index';
import { changePasswordSchema, fieldErrors } from '$lib/server/users/forms';
import { changeOwnPassword, UserError } from '$lib/server/users/service';
import type { Actions, PageServerLoad } from './$types';

export const load = ((event) => {
	const user = requireUser(event);
	return { account: { name: user.name, email: user.email, role: user.role } };
}) satisfies PageServerLoad;

export const actions = {
	wachtwoord: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const parsed = changePasswordSchema.safeParse({
			current: String(form.get('current') ?? ''),
			next: String(form.get('next') ?? ''),
			confirm: String(form.get('confirm') ?? '')
		});
		if (!parsed.success) return fail(400, { values: {}, errors: fieldErrors(parsed.error) });
		const auth = await appAuth(event.url);
		try {
			await changeOwnPassword(
				getDb(),
				user.id,
				parsed.data.current,
				parsed.data.next,
				await currentSessionToken(auth, event.request.headers)
			);
		} catch (error) {
			if (error instanceof UserError)
				return fail(400, { values: {}, errors: { [error.field]: error.message } });
			throw error;
		}
		return { changed: true };
	}
} satisfies Actions;
