import type { Executor } from '../audit/index';
import { enqueue } from '../jobs/queue';
import { mailConfig } from '../mail/smtp';
import { notificationModes } from './preferences';
import type { Recipient } from './recipients';

/** What a notification is about; the e-mail says why from this and the recipient's role. */
export type NotificationKind =
	| 'submitted'
	| 'returned'
	| 'approved'
	| 'reopened'
	| 'comment'
	| 'reminder_due'
	| 'reminder_overdue'
	| 'weekly';

export interface NotificationInput {
	kind: NotificationKind;
	atelierId: number | null;
	reportId: number | null;
	subject: string;
	body: string;
	/** A path on this site. */
	url: string;
}

/**
 * Writes one in-app notification per recipient and, for those who want e-mail at once (and when
 * SMTP_URL is set), an e-mail job, all with the caller's transaction: the event, its
 * notifications and its jobs are committed or rolled back together.
 */
export async function notifyUsers(
	trx: Executor,
	recipients: Recipient[],
	input: NotificationInput,
	at: Date = new Date()
): Promise<number[]> {
	const unique = [...new Map(recipients.map((r) => [r.id, r])).values()];
	if (unique.length === 0) return [];
	const rows = await trx
		.insertInto('notifications')
		.values(
			unique.map((r) => ({
				user_id: r.id,
				kind: input.kind,
				atelier_id: input.atelierId,
				report_id: input.reportId,
				subject: input.subject.slice(0, 300),
				body: input.body,
				url: input.url,
				created_at: at
			}))
		)
		.returning(['id', 'user_id'])
		.execute();
	if (mailConfig()) {
		const modes = await notificationModes(
			trx,
			unique.map((r) => r.id)
		);
		for (const row of rows)
			if (modes.get(row.user_id) === 'immediate')
				await enqueue(trx, { kind: 'email', payload: { notificationId: row.id }, runAt: at });
	}
	return rows.map((r) => r.id);
}
