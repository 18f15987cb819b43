import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db/index';
import {
	atelierChoices,
	parseUserForm,
	passwordLinkUrl,
	userErrorFailure
} from '$lib/server/users/admin';
import { userFormValues } from '$lib/server/users/forms';
import { mailPasswordLink } from '$lib/server/users/password-link-mail';
import { createPasswordLink, createUser, listUsers } from '$lib/server/users/service';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	requireRole(event, 'management');
	const db = getDb();
	const [users, ateliers] = await Promise.all([listUsers(db), atelierChoices(db)]);
	return { users, ateliers };
}) satisfies PageServerLoad;

export const actions = {
	create: async (event) => {
		const actor = requireRole(event, 'management');
		const form = await event.request.formData();
		const parsed = parseUserForm(form);
		if ('failure' in parsed) return parsed.failure;
		const db = getDb();
		try {
			const id = await createUser(db, actor.id, parsed.input);
			const token = await createPasswordLink(db, actor.id, id);
			const link = passwordLinkUrl(event.url.origin, token);
			const mail = await mailPasswordLink(parsed.input, link);
			return { created: { id, name: parsed.input.name, email: parsed.input.email, link, mail } };
		} catch (error) {
			return userErrorFailure(error, userFormValues(form));
		}
	}
} satisfies Actions;
