import { requireCan } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db/index';
import { fixedReportPage, idFrom } from '$lib/server/fixed-reports/pages';
import type { PageServerLoad } from './$types';

// One fixed report: what was sent, and what changed in its data since.
export const load = (async (event) => {
	const user = requireCan(event, 'fixedReports.read');
	return fixedReportPage(getDb(), user, idFrom(event.params.id));
}) satisfies PageServerLoad;
