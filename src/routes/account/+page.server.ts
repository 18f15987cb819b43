import { readSessionToken } from '$lib/server/auth/cookies';
import { requireUser } from '$lib/server/auth/guards';
import { listIdentities } from '$lib/server/auth/sso/identities';
import { getDb } from '$lib/server/db/index';
import { parseInput } from '$lib/server/errors';
import { failureOf } from '$lib/server/forms/result';
import { changePasswordSchema } from '$lib/server/users/forms';
import { changeOwnPassword } from '$lib/server/users/passwords';
import { getUser } from '$lib/server/users/queries';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const [row, identities] = await Promise.all([getUser(db, user.id), listIdentities(db, user.id)]);
	return {
		account: { name: user.name, email: user.email, role: user.role },
		hasPassword: row?.hasPassword ?? false,
		identities
	};
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
			await changeOwnPassword(
				getDb(),
				user.id,
				input.current,
				input.next,
				readSessionToken(event.cookies, event.url)
			);
		} catch (e) {
			return failureOf(e);
		}
		return { changed: true };
	}
} satisfies Actions;
