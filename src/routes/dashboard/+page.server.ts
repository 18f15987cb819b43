import { requireUser } from '$lib/server/auth/guards';
import { can } from '$lib/server/auth/policy';
import { getDb } from '$lib/server/db/index';
import { changedFixedReports } from '$lib/server/fixed-reports/notices';
import { loadDashboard } from '$lib/server/metrics/dashboard';
import { today } from '$lib/server/today';
import { selectionFromUrl } from '$lib/server/metrics/selection';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const now = today();
	const selection = await selectionFromUrl(db, event.url, now);
	const [dashboard, fixedNotices] = await Promise.all([
		loadDashboard(db, user, selection, now),
		changedFixedReports(db, user, selection.from, selection.to)
	]);
	return {
		dashboard,
		canSetTargets: can(user, 'targets.manage'),
		canFix: can(user, 'fixedReports.fix'),
		fixedNotices
	};
}) satisfies PageServerLoad;
