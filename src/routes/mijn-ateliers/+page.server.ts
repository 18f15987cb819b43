import { atelierDetail } from '$lib/server/ateliers/detail';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db/index';
import { getWerkplaatsSettings } from '$lib/server/settings/werkplaats';
import { today } from '$lib/server/today';
import { quarterOfDate } from '$lib/quarters';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
	const user = requireRole(event, 'kartrekker', 'management');
	const db = getDb();
	const now = today();
	const current = quarterOfDate(now);
	let query = db
		.selectFrom('ateliers')
		.select('id')
		.where((eb) => eb.or([eb('active_to', 'is', null), eb('active_to', '>=', current)]))
		.orderBy('name');
	if (user.role === 'kartrekker') query = query.where('id', 'in', [0, ...user.atelierIds]);
	const ids = (await query.execute()).map((a) => a.id);
	const settings = await getWerkplaatsSettings(db);
	const ateliers = [];
	for (const id of ids) {
		const detail = await atelierDetail(db, id, {
			today: now,
			dueMonths: settings.quarterDueMonths
		});
		if (detail) ateliers.push({ ...detail, quarters: [...detail.quarters].reverse() });
	}
	return { ateliers, management: user.role === 'management' };
}) satisfies PageServerLoad;
