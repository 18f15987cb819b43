import { error, fail } from '@sveltejs/kit';
import { requireCan } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db/index';
import {
	loadTargetGrid,
	parseTargetForm,
	saveTargets,
	yearSchema
} from '$lib/server/metrics/targets-admin';
import { today } from '$lib/server/today';
import type { Actions, PageServerLoad } from './$types';

function yearFrom(url: URL): number {
	const raw = url.searchParams.get('jaar');
	if (raw === null) return Number(today().slice(0, 4));
	const parsed = yearSchema.safeParse(raw);
	if (!parsed.success) error(400, parsed.error.issues[0].message);
	return parsed.data;
}

export const load = (async (event) => {
	requireCan(event, 'targets.manage');
	return { grid: await loadTargetGrid(getDb(), yearFrom(event.url)) };
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const user = requireCan(event, 'targets.manage');
		const db = getDb();
		const form = await event.request.formData();
		const year = yearSchema.safeParse(form.get('jaar'));
		if (!year.success)
			return fail(400, { values: {}, errors: { jaar: year.error.issues[0].message } });
		const grid = await loadTargetGrid(db, year.data);
		const { entries, values, errors } = parseTargetForm(
			form,
			grid.ateliers.map((a) => a.id)
		);
		if (Object.keys(errors).length > 0) return fail(400, { values, errors });
		await saveTargets(db, user.id, year.data, entries);
		return { saved: true };
	}
} satisfies Actions;
