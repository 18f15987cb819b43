import { error } from '@sveltejs/kit';
import { atelierDetail, findAtelierId } from '$lib/server/ateliers/detail';
import { requireUser } from '$lib/server/auth/guards';
import { authorize, can } from '$lib/server/auth/policy';
import { getDb } from '$lib/server/db/index';
import { getWerkplaatsSettings } from '$lib/server/settings/werkplaats';
import { today } from '$lib/server/today';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const id = await findAtelierId(db, event.params.slug);
	if (id === null) error(404, 'Dit leeratelier bestaat niet.');
	authorize(user, 'atelier.read', { atelierId: id });
	const settings = await getWerkplaatsSettings(db);
	const atelier = await atelierDetail(db, id, {
		today: today(),
		dueMonths: settings.quarterDueMonths
	});
	if (!atelier) error(404, 'Dit leeratelier bestaat niet.');
	return {
		atelier,
		// the council's quarter links lead to approved quarters only (the quarter page's own rule)
		council: !can(user, 'data.submitted'),
		roster: can(user, 'roster.read', { atelierId: id })
	};
}) satisfies PageServerLoad;
