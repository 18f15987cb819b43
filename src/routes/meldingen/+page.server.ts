import { redirect } from '@sveltejs/kit';
import { requireCan } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db/index';
import { failureOf, intField } from '$lib/server/forms/result';
import { mailConfig } from '$lib/server/mail/smtp';
import { listNotifications, markRead } from '$lib/server/notifications/inbox';
import { notificationMode, setNotificationMode } from '$lib/server/notifications/preferences';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const user = requireCan(event, 'notifications.read');
	const db = getDb();
	const [items, mode] = await Promise.all([
		listNotifications(db, user),
		notificationMode(db, user.id)
	]);
	return { items, mode, mailOn: mailConfig() !== null };
}) satisfies PageServerLoad;

export const actions = {
	gelezen: async (event) => {
		const user = requireCan(event, 'notifications.read');
		const form = await event.request.formData();
		const id = intField(form, 'id');
		await markRead(getDb(), user, form.get('alles') === 'ja' ? null : (id ?? -1));
		const next = String(form.get('naar') ?? '');
		// Only a path on this site: "open" marks the notification read and goes to its page.
		redirect(303, /^\/(?!\/)[^\s\\]*$/.test(next) ? next : '/meldingen');
	},
	voorkeur: async (event) => {
		const user = requireCan(event, 'notifications.read');
		const form = await event.request.formData();
		const values = { mode: String(form.get('mode') ?? '') };
		try {
			await setNotificationMode(getDb(), user, values);
		} catch (e) {
			return failureOf(e, { form: 'voorkeur', values });
		}
		return { saved: true };
	}
} satisfies Actions;
