import type { Kysely } from 'kysely';
import { z } from 'zod';
import { recordAudit, type Executor } from '../audit/index';
import type { SessionUser } from '../auth/guards';
import { assertCan } from '../auth/policy';
import type { Database } from '../db/types';
import { parseInput } from '../errors';

const KEY = 'reminder_days_before';
export const DEFAULT_REMINDER_DAYS = 7;

/** How many days before the due date the kartrekkers are reminded (0: only when overdue). */
export async function reminderDaysBefore(db: Executor): Promise<number> {
	const row = await db
		.selectFrom('settings')
		.select('value')
		.where('key', '=', KEY)
		.executeTakeFirst();
	const v = row?.value;
	return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 60
		? v
		: DEFAULT_REMINDER_DAYS;
}

const schema = z.object({
	days: z
		.string()
		.trim()
		.regex(/^\d{1,2}$/, 'Vul een heel aantal dagen in, van 0 tot en met 60.')
		.transform(Number)
		.refine((n) => n <= 60, 'Vul een heel aantal dagen in, van 0 tot en met 60.')
});

export async function saveReminderDaysBefore(
	db: Kysely<Database>,
	actor: SessionUser,
	input: Record<string, unknown>
): Promise<number> {
	assertCan(actor, 'jobs.manage');
	const { days } = parseInput(schema, input);
	await db.transaction().execute(async (trx) => {
		const before = await reminderDaysBefore(trx);
		await trx
			.insertInto('settings')
			.values({ key: KEY, value: JSON.stringify(days) })
			.onConflict((oc) =>
				oc.column('key').doUpdateSet({ value: JSON.stringify(days), updated_at: new Date() })
			)
			.execute();
		await recordAudit(trx, {
			actorId: actor.id,
			entity: 'setting',
			entityId: KEY,
			action: 'update',
			before: { days: before },
			after: { days }
		});
	});
	return days;
}
