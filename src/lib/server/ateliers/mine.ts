import type { Kysely } from 'kysely';
import { quarterOfDate } from '../../quarters';
import type { SessionUser } from '../auth/guards';
import { visibleAtelierIds } from '../auth/policy';
import type { Database } from '../db/types';
import { getWerkplaatsSettings } from '../settings/werkplaats';
import { listAtelierOverview, type AtelierOverview, type QuarterCell } from './overview';

/** An atelier of "Mijn ateliers", with the quarter to hand in next and its due date. */
export interface MyAtelier extends AtelierOverview {
	/**
	 * The oldest quarter still to hand in (missing, concept or returned), else the running one;
	 * null when every quarter is in. Its due date comes from the overview's cells (quarterDueDate
	 * with the werkplaats's due months), the same date as on the quarter page.
	 */
	due: QuarterCell | null;
}

const TO_HAND_IN = new Set<QuarterCell['state']>(['ontbreekt', 'concept', 'teruggestuurd']);

/**
 * "Mijn ateliers": the running ateliers a user logs for (a kartrekker's own, every one for
 * management), each with its quarters from its first one up to now, newest first. One overview
 * query over the span of all of them; each atelier keeps only the quarters of its own life.
 */
export async function myAteliers(
	db: Kysely<Database>,
	user: SessionUser,
	today: string
): Promise<MyAtelier[]> {
	const current = quarterOfDate(today);
	const visible = visibleAtelierIds(user);
	let query = db
		.selectFrom('ateliers')
		.select((eb) => eb.fn.min('active_from').as('first'))
		.where((eb) => eb.or([eb('active_to', 'is', null), eb('active_to', '>=', current)]));
	if (visible !== null) query = query.where('id', 'in', [0, ...visible]);
	const [span, settings] = await Promise.all([query.executeTakeFirst(), getWerkplaatsSettings(db)]);
	if (!span?.first) return [];
	const overview = await listAtelierOverview(
		db,
		{ startQuarter: span.first, endQuarter: span.first > current ? span.first : current },
		{ today, dueMonths: settings.quarterDueMonths, atelierIds: visible }
	);
	return overview
		.filter((a) => a.activeTo === null || a.activeTo >= current)
		.map((a) => {
			const end = a.activeTo ?? (current > a.activeFrom ? current : a.activeFrom);
			const quarters = a.quarters.filter((q) => q.quarter >= a.activeFrom && q.quarter <= end);
			const due =
				quarters.find((q) => TO_HAND_IN.has(q.state)) ??
				quarters.find((q) => q.state === 'lopend') ??
				null;
			return { ...a, quarters: quarters.reverse(), due };
		});
}
