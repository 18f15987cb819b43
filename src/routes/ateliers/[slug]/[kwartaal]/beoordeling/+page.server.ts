import { redirect } from '@sveltejs/kit';
import { authorize } from '$lib/server/auth/policy';
import { getDb } from '$lib/server/db/index';
import { ActionError } from '$lib/server/errors';
import { failureOf, intField } from '$lib/server/forms/result';
import { quarterContext } from '$lib/server/reports/access';
import { postComment, resolveComment } from '$lib/server/review/conversation';
import { reviewPage } from '$lib/server/review/review';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const db = getDb();
	return reviewPage(db, await quarterContext(db, event, 'read'));
}) satisfies PageServerLoad;

export const actions = {
	opmerking: async (event) => {
		const db = getDb();
		const { user, ref } = await quarterContext(db, event, 'read');
		authorize(user, 'quarter.comment', { atelierId: ref.atelierId });
		const form = await event.request.formData();
		const values = {
			body: String(form.get('body') ?? ''),
			record: String(form.get('record') ?? '')
		};
		let id: number;
		try {
			id = await postComment(db, user, ref, values);
		} catch (e) {
			return failureOf(e, { form: `opmerking-${values.record || 'kwartaal'}`, values });
		}
		// to the status message beside the new comment: a fragment that is the message itself
		// gives it the focus, also without JavaScript
		redirect(303, `${event.url.pathname}?geplaatst=${id}#geplaatst`);
	},
	afhandelen: async (event) => {
		const db = getDb();
		const { user, ref } = await quarterContext(db, event, 'read');
		authorize(user, 'quarter.comment', { atelierId: ref.atelierId });
		const form = await event.request.formData();
		const id = intField(form, 'id');
		try {
			if (id === null) throw new ActionError('Onbekende opmerking.', 400);
			await resolveComment(db, user, ref, id, form.get('resolved') !== 'nee');
		} catch (e) {
			return failureOf(e, { form: 'afhandelen', id });
		}
		redirect(303, `${event.url.pathname}?afgehandeld=${id}#afgehandeld`);
	}
} satisfies Actions;
