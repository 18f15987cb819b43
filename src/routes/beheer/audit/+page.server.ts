import { requireCan } from '$lib/server/auth/guards';
import { auditPage } from '$lib/server/audit/page';
import { getDb } from '$lib/server/db/index';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
	requireCan(event, 'audit.read');
	return auditPage(getDb(), event.url.searchParams);
}) satisfies PageServerLoad;
