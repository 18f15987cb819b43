import { error } from '@sveltejs/kit';
import { requireCan } from '$lib/server/auth/guards';
import { listAudit } from '$lib/server/audit/query';
import { getDb } from '$lib/server/db/index';
import { askConfirmation, isConfirmed } from '$lib/server/forms/confirm';
import { failureOf, intField } from '$lib/server/forms/result';
import { atelierChoices, parseUserForm, passwordLinkUrl } from '$lib/server/users/admin';
import { userFormValues } from '$lib/server/users/forms';
import { mailPasswordLink } from '$lib/server/users/password-link-mail';
import { listIdentities, unlinkIdentity } from '$lib/server/auth/sso/identities';
import { setUserActive, updateUser } from '$lib/server/users/accounts';
import { createPasswordLink } from '$lib/server/users/password-links';
import { getUser } from '$lib/server/users/queries';
import type { Actions, PageServerLoad } from './$types';

function userId(raw: string): number {
	const id = Number(raw);
	if (!Number.isSafeInteger(id) || id <= 0) error(404, 'Deze gebruiker bestaat niet.');
	return id;
}

export const load = (async (event) => {
	requireCan(event, 'users.manage');
	const db = getDb();
	const id = userId(event.params.id);
	const user = await getUser(db, id);
	if (!user) error(404, 'Deze gebruiker bestaat niet.');
	const [ateliers, history, identities] = await Promise.all([
		atelierChoices(db),
		listAudit(db, { entity: 'user', entityId: String(id) }, { page: 1, pageSize: 50 }),
		listIdentities(db, id)
	]);
	return { user, ateliers, history: history.rows, identities };
}) satisfies PageServerLoad;

export const actions = {
	update: async (event) => {
		const actor = requireCan(event, 'users.manage');
		const id = userId(event.params.id);
		const form = await event.request.formData();
		try {
			await updateUser(getDb(), actor.id, id, parseUserForm(form));
		} catch (e) {
			return failureOf(e, { values: userFormValues(form) });
		}
		return { saved: true };
	},
	deactivate: async (event) => {
		const actor = requireCan(event, 'users.manage');
		const form = await event.request.formData();
		if (!isConfirmed(form)) return askConfirmation('deactiveren', form);
		try {
			await setUserActive(getDb(), actor.id, userId(event.params.id), false);
		} catch (e) {
			return failureOf(e);
		}
		return { deactivated: true };
	},
	activate: async (event) => {
		const actor = requireCan(event, 'users.manage');
		try {
			await setUserActive(getDb(), actor.id, userId(event.params.id), true);
		} catch (e) {
			return failureOf(e);
		}
		return { activated: true };
	},
	unlink: async (event) => {
		const actor = requireCan(event, 'users.manage');
		const form = await event.request.formData();
		try {
			await unlinkIdentity(
				getDb(),
				actor,
				userId(event.params.id),
				intField(form, 'identity') ?? 0
			);
		} catch (e) {
			return failureOf(e);
		}
		return { unlinked: true };
	},
	link: async (event) => {
		const actor = requireCan(event, 'users.manage');
		const db = getDb();
		const id = userId(event.params.id);
		let token: string;
		try {
			token = await createPasswordLink(db, actor.id, id);
		} catch (e) {
			return failureOf(e);
		}
		const link = passwordLinkUrl(event.url.origin, token);
		const user = await getUser(db, id);
		const mail = user ? await mailPasswordLink(user, link) : 'off';
		return { link, mail };
	}
} satisfies Actions;
