import type { Kysely } from 'kysely';
import { z } from 'zod';
import { recordAudit, type Executor } from '../audit/index';
import type { SessionUser } from '../auth/guards';
import { assertCan } from '../auth/policy';
import type { Database, NotificationMode } from '../db/types';
import { parseInput } from '../errors';

export const NOTIFICATION_MODES: readonly NotificationMode[] = ['immediate', 'digest', 'app'];
export const DEFAULT_MODE: NotificationMode = 'immediate';

/** How a user wants to hear about notifications; without a choice: an e-mail at once. */
export async function notificationMode(db: Executor, userId: number): Promise<NotificationMode> {
	const row = await db
		.selectFrom('notification_preferences')
		.select('mode')
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return row?.mode ?? DEFAULT_MODE;
}

/** The modes of several users at once (users without a row get the default). */
export async function notificationModes(
	db: Executor,
	userIds: number[]
): Promise<Map<number, NotificationMode>> {
	const modes = new Map<number, NotificationMode>(userIds.map((id) => [id, DEFAULT_MODE]));
	if (userIds.length === 0) return modes;
	const rows = await db
		.selectFrom('notification_preferences')
		.select(['user_id', 'mode'])
		.where('user_id', 'in', userIds)
		.execute();
	for (const r of rows) modes.set(r.user_id, r.mode);
	return modes;
}

const modeSchema = z.object({
	mode: z.enum(['immediate', 'digest', 'app'], { error: 'Kies hoe je meldingen wilt krijgen.' })
});

/** Saves the user's own choice (never someone else's), with an audit entry. */
export async function setNotificationMode(
	db: Kysely<Database>,
	actor: SessionUser,
	input: Record<string, unknown>
): Promise<NotificationMode> {
	assertCan(actor, 'notifications.read');
	const { mode } = parseInput(modeSchema, input);
	await db.transaction().execute(async (trx) => {
		const before = await notificationMode(trx, actor.id);
		await trx
			.insertInto('notification_preferences')
			.values({ user_id: actor.id, mode })
			.onConflict((oc) => oc.column('user_id').doUpdateSet({ mode, updated_at: new Date() }))
			.execute();
		await recordAudit(trx, {
			actorId: actor.id,
			entity: 'notification_preference',
			entityId: actor.id,
			action: 'update',
			before: { mode: before },
			after: { mode }
		});
	});
	return mode;
}
