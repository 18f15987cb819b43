import type { Kysely } from 'kysely';
import { addQuarters, quarterDueDate, quarterOfDate } from '../../quarters';
import type { Database } from '../db/types';
import { addDays, amsterdamInstant, type Clock } from '../jobs/clock';
import { enqueue } from '../jobs/queue';
import { getWerkplaatsSettings } from '../settings/werkplaats';
import { reminderDaysBefore } from './settings';

/**
 * A reminder whose day passed while no process ran is still sent, for this many days; older ones
 * are history (a database restored from years ago must not send a reminder per old quarter).
 */
export const CATCH_UP_DAYS = 14;
export const DIGEST_HOUR = 7;
const WEEKLY_HOUR = 8;

/** Monday of the ISO week of a date. */
function mondayOf(date: string): string {
	const day = new Date(`${date}T12:00:00Z`).getUTCDay();
	return addDays(date, -((day + 6) % 7));
}

/**
 * Puts the scheduled jobs that are due by now in the queue: reminders per atelier and quarter,
 * the daily digest and the weekly overview. Each has a key (`reminder:due:12:2024Q1`), so however
 * many processes call this, however often, a job is stored once; one whose moment passed while the
 * app was down is stored on the next call and runs at once (catch-up).
 */
export async function scheduleDue(db: Kysely<Database>, clock: Clock): Promise<void> {
	const today = clock.today();
	const now = clock.now();
	const [settings, daysBefore] = await Promise.all([
		getWerkplaatsSettings(db),
		reminderDaysBefore(db)
	]);
	// Quarters whose due date can be within reach: from well before today to the current one.
	const current = quarterOfDate(today);
	const span = Math.ceil(settings.quarterDueMonths / 3) + 2;
	const quarters = Array.from({ length: span + 1 }, (_, i) => addQuarters(current, -i));
	const reports = await db
		.selectFrom('ateliers as a')
		.leftJoin('quarter_reports as r', (join) =>
			join.onRef('r.atelier_id', '=', 'a.id').on('r.quarter', 'in', quarters)
		)
		.select(['a.id', 'a.active_from', 'a.active_to', 'r.quarter', 'r.status'])
		.execute();
	const status = new Map(
		reports.filter((r) => r.quarter).map((r) => [`${r.id}|${r.quarter}`, r.status])
	);
	const ateliers = [...new Map(reports.map((r) => [r.id, r])).values()];
	for (const quarter of quarters) {
		const due = quarterDueDate(quarter, settings.quarterDueMonths);
		const overdueDay = addDays(due, 1);
		const beforeDay = addDays(due, -daysBefore);
		const sendBefore =
			daysBefore > 0 &&
			beforeDay <= today &&
			today <= due &&
			beforeDay >= addDays(today, -CATCH_UP_DAYS);
		const sendOverdue = overdueDay <= today && today <= addDays(overdueDay, CATCH_UP_DAYS);
		if (!sendBefore && !sendOverdue) continue;
		for (const a of ateliers) {
			if (quarter < a.active_from || (a.active_to !== null && quarter > a.active_to)) continue;
			const s = status.get(`${a.id}|${quarter}`);
			if (s === 'ingediend' || s === 'goedgekeurd') continue;
			const kind = sendOverdue ? 'overdue' : 'due';
			await enqueue(db, {
				kind: 'reminder',
				payload: { atelierId: a.id, quarter, reminder: kind, due },
				dedupeKey: `reminder:${kind}:${a.id}:${quarter}`,
				runAt: now
			});
		}
	}
	await enqueue(db, {
		kind: 'digest',
		payload: { date: today },
		dedupeKey: `digest:${today}`,
		runAt: amsterdamInstant(today, DIGEST_HOUR)
	});
	const monday = mondayOf(today);
	await enqueue(db, {
		kind: 'weekly',
		payload: { week: monday },
		dedupeKey: `weekly:${monday}`,
		runAt: amsterdamInstant(monday, WEEKLY_HOUR)
	});
}
