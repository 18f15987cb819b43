import { myAteliers } from '$lib/server/ateliers/mine';
import { requireCan } from '$lib/server/auth/guards';
import { visibleAtelierIds } from '$lib/server/auth/policy';
import { getDb } from '$lib/server/db/index';
import { today } from '$lib/server/today';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
	const user = requireCan(event, 'records.log');
	return {
		ateliers: await myAteliers(getDb(), user, today()),
		allAteliers: visibleAtelierIds(user) === null
	};
}) satisfies PageServerLoad;
