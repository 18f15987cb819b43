import { requireCan } from '$lib/server/auth/guards';
import { listAdminAteliers } from '$lib/server/ateliers/admin-queries';
import { getDb } from '$lib/server/db/index';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
	requireCan(event, 'ateliers.manage');
	return { ateliers: await listAdminAteliers(getDb()) };
}) satisfies PageServerLoad;
