import { error } from '@sveltejs/kit';
import { listAtelierOverview } from '$lib/server/ateliers/overview';
import { requireUser } from '$lib/server/auth/guards';
import { can, visibleAtelierIds } from '$lib/server/auth/policy';
import { choosePeriod } from '$lib/server/ateliers/period-choice';
import { getDb } from '$lib/server/db/index';
import { getWerkplaatsSettings, listSubsidyPeriods } from '$lib/server/settings/werkplaats';
import { today } from '$lib/server/today';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
	const user = requireUser(event);
	const { url } = event;
	const db = getDb();
	const [periods, settings] = await Promise.all([
		listSubsidyPeriods(db),
		getWerkplaatsSettings(db)
	]);
	const requested = url.searchParams.get('periode');
	const now = today();
	const choice = choosePeriod(periods, requested, now);
	if (!choice) error(404, `Subsidieperiode '${requested}' bestaat niet.`);
	const ateliers = await listAtelierOverview(db, choice, {
		today: now,
		dueMonths: settings.quarterDueMonths,
		atelierIds: visibleAtelierIds(user)
	});
	return {
		periods: periods.map((p) => p.name),
		period: choice.period?.name ?? null,
		startQuarter: choice.startQuarter,
		endQuarter: choice.endQuarter,
		ateliers,
		canSetUp: can(user, 'werkplaats.manage')
	};
}) satisfies PageServerLoad;
