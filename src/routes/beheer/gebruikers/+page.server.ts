import { requireCan } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db/index';
import { failureOf } from '$lib/server/forms/result';
import { atelierChoices, parseUserForm, passwordLinkUrl } from '$lib/server/users/admin';
import { userFormValues } from '$lib/server/users/forms';
import { mailPasswordLink } from '$lib/server/users/password-link-mail';
import { createUser } from '$lib/server/users/accounts';
import { createPasswordLink } from '$lib/server/users/password-links';
import { listUsers } from '$lib/server/users/queries';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	requireCan(event, 'users.manage');
	const db = getDb();
	const [users, ateliers] = await Promise.all([listUsers(db), atelierChoices(db)]);
	return { users, ateliers };
}) satisfies PageServerLoad;

export const actions = {
	create: async (event) => {
		const actor = requireCan(event, 'users.manage');
		const form = await event.request.formData();
		const db = getDb();
		try {
			const input = parseUserForm(form);
			const id = await createUser(db, actor.id, input);
			const token = await createPasswordLink(db, actor.id, id);
			const link = passwordLinkUrl(event.url.origin, token);
			const mail = await mailPasswordLink(input, link);
			return { created: { id, name: input.name, email: input.email, link, mail } };
		} catch (e) {
			return failureOf(e, { values: userFormValues(form) });
		}
	}
} satisfies Actions;
