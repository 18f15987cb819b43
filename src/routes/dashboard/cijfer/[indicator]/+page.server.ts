import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db/index';
import { INDICATOR_RULES, isIndicatorCode } from '$lib/server/metrics/catalogue';
import { metricsQueryFor } from '$lib/server/metrics/dashboard';
import { drilldown } from '$lib/server/metrics/drilldown';
import { cachedMetrics } from '$lib/server/metrics/cache';
import { today } from '$lib/server/today';
import { selectionFromUrl } from '../../selection';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
	const user = requireUser(event);
	const code = event.params.indicator;
	if (!isIndicatorCode(code)) error(404, `Het cijfer '${code}' bestaat niet.`);
	const db = getDb();
	const selection = await selectionFromUrl(db, event.url, today());
	const { query } = await metricsQueryFor(db, user, { ...selection, lineage: false });
	// the number itself comes from the engine, like on the dashboard
	const [records, metrics, text] = await Promise.all([
		drilldown(db, code, query, { showStudentNames: user.role !== 'council' }),
		cachedMetrics(db, { ...query, totalsOnly: true }),
		db
			.selectFrom('indicators')
			.select(['name', 'definition'])
			.where('code', '=', code)
			.executeTakeFirst()
	]);
	return {
		code,
		name: text?.name ?? INDICATOR_RULES[code].name,
		definition: text?.definition ?? '',
		rule: INDICATOR_RULES[code],
		value: metrics.total[code],
		selection,
		scope: query.scope,
		records
	};
}) satisfies PageServerLoad;
