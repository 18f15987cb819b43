import { error } from '@sveltejs/kit';
import { listAtelierOverview } from '$lib/server/ateliers/overview';
import { choosePeriod } from '$lib/server/ateliers/period-choice';
import { requireCan } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db/index';
import { getWerkplaatsSettings, listSubsidyPeriods } from '$lib/server/settings/werkplaats';
import { today } from '$lib/server/today';
import type { PageServerLoad } from './$types';

// The completeness matrix: ateliers x quarters of a subsidy period, for management.
export const load = (async (event) => {
	requireCan(event, 'quarters.overview');
	const db = getDb();
	const [periods, settings] = await Promise.all([
		listSubsidyPeriods(db),
		getWerkplaatsSettings(db)
	]);
	const requested = event.url.searchParams.get('periode');
	const now = today();
	const choice = choosePeriod(periods, requested, now);
	if (!choice) error(404, `Subsidieperiode '${requested}' bestaat niet.`);
	const ateliers = await listAtelierOverview(db, choice, {
		today: now,
		dueMonths: settings.quarterDueMonths
	});
	const quarters = ateliers[0]?.quarters.map((q) => q.quarter) ?? [];
	const waiting = ateliers.flatMap((a) =>
		a.quarters
			.filter((q) => q.state === 'ingediend')
			.map((q) => ({ slug: a.slug, name: a.name, quarter: q.quarter }))
	);
	return {
		periods: periods.map((p) => p.name),
		period: choice.period?.name ?? null,
		quarters,
		ateliers,
		waiting
	};
}) satisfies PageServerLoad;
