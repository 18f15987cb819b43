import { fail } from '@sveltejs/kit';
import { requireCan } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db/index';
import { ActionError } from '$lib/server/errors';
import { importHistory } from '$lib/server/import/history-import';
import { ImportProblems } from '$lib/server/import/import';
import { ImportFileError } from '$lib/server/import/read';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	requireCan(event, 'history.import');
	return {};
}) satisfies PageServerLoad;

export const actions = {
	importeren: async (event) => {
		const actor = requireCan(event, 'history.import');
		const form = await event.request.formData();
		const file = form.get('bestand');
		const refuse = (message: string, problems: unknown[] = [], status = 400) =>
			fail(status, { form: 'import', id: null, values: {}, errors: { form: message }, problems });
		if (!(file instanceof File) || file.size === 0)
			return refuse('Kies een ingevuld historiebestand (.xlsx) om te uploaden.');
		try {
			const result = await importHistory(getDb(), actor, new Uint8Array(await file.arrayBuffer()));
			return { result };
		} catch (e) {
			if (e instanceof ImportFileError) return refuse(e.message);
			if (e instanceof ImportProblems) return refuse(e.message, e.problems);
			if (e instanceof ActionError) return refuse(e.message, [], e.status);
			throw e;
		}
	}
} satisfies Actions;
