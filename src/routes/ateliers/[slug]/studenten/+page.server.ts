import { error, fail } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { authorize } from '$lib/server/auth/policy';
import { atelierName, findAtelierId } from '$lib/server/ateliers/detail';
import { getDb } from '$lib/server/db/index';
import { failureOf, intField } from '$lib/server/forms/result';
import { formValues } from '$lib/server/records/form';
import { addToRoster, listRoster, removeFromRoster } from '$lib/server/records/students';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

// The roster is visible to management and the atelier's own kartrekkers only (never the council).
async function atelierOf(
	event: RequestEvent | Parameters<PageServerLoad>[0],
	action: 'roster.read' | 'roster.write' = 'roster.write'
) {
	const user = requireUser(event);
	const db = getDb();
	const id = await findAtelierId(db, event.params.slug);
	if (id === null) error(404, 'Dit leeratelier bestaat niet.');
	authorize(user, action, { atelierId: id });
	return { user, db, id };
}

export const load = (async (event) => {
	const { db, id } = await atelierOf(event, 'roster.read');
	const [atelier, students] = await Promise.all([atelierName(db, id), listRoster(db, id)]);
	return { atelier, students };
}) satisfies PageServerLoad;

export const actions = {
	toevoegen: async (event) => {
		const { user, db, id } = await atelierOf(event);
		const values = formValues(await event.request.formData());
		try {
			await addToRoster(db, user, id, values);
		} catch (e) {
			return failureOf(e, { form: 'student', values });
		}
		return { added: true };
	},
	verwijderen: async (event) => {
		const { user, db, id } = await atelierOf(event);
		const studentId = intField(await event.request.formData(), 'student');
		if (studentId === null)
			return fail(400, {
				form: 'verwijderen',
				id: null,
				values: {},
				errors: { form: 'Onbekende student.' }
			});
		try {
			await removeFromRoster(db, user, id, studentId);
		} catch (e) {
			return failureOf(e, { form: 'verwijderen' });
		}
		return { removed: true };
	}
} satisfies Actions;
