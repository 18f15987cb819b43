import { requireUser } from '$lib/server/auth/guards';
import { appAuth } from '$lib/server/auth/instance';
import { currentSessionToken } from '$lib/server/auth/session';
import { getDb } from '$lib/server/db/index';
import { parseInput } from '$lib/server/errors';
import { failureOf } from '$lib/server/forms/result';
import { changePasswordSchema } from '$lib/server/users/forms';
import { changeOwnPassword } from '$lib/server/users/service';
import type { Actions, PageServerLoad } from './$types';

export const load = ((event) => {
	const user = requireUser(event);
	return { account: { name: user.name, email: user.email, role: user.role } };
}) satisfies PageServerLoad;

export const actions = {
	wachtwoord: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		try {
			const input = parseInput(changePasswordSchema, {
				current: String(form.get('current') ?? ''),
				next: String(form.get('next') ?? ''),
				confirm: String(form.get('confirm') ?? '')
			});
			const auth = await appAuth(event.url);
			await changeOwnPassword(
				getDb(),
				user.id,
				input.current,
				input.next,
				await currentSessionToken(auth, event.request.headers)
			);
		} catch (e) {
			return failureOf(e);
		}
		return { changed: true };
	}
} satisfies Actions;
