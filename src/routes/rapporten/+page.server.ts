import { requireCan } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db/index';
import { fixedReportsPage } from '$lib/server/fixed-reports/pages';
import { today } from '$lib/server/today';
import type { PageServerLoad } from './$types';

// The fixed reports ("vastgesteld"), newest first; management also gets the form to fix one.
export const load = (async (event) => {
	const user = requireCan(event, 'fixedReports.read');
	return fixedReportsPage(getDb(), user, today());
}) satisfies PageServerLoad;
