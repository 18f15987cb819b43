import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/guards';
import { assertCan, visibleAtelierIds } from '../auth/policy';
import type { Database } from '../db/types';

export interface InboxItem {
	id: number;
	kind: string;
	subject: string;
	body: string;
	url: string;
	createdAt: string;
	read: boolean;
}

/** One's own notifications, leaving out those about ateliers one no longer has access to. */
function mine(db: Kysely<Database>, user: SessionUser) {
	const ateliers = visibleAtelierIds(user);
	return db
		.selectFrom('notifications')
		.where('user_id', '=', user.id)
		.$if(ateliers !== null, (q) =>
			q.where((eb) =>
				eb.or([
					eb('atelier_id', 'is', null),
					...(ateliers!.length ? [eb('atelier_id', 'in', ateliers!)] : [])
				])
			)
		);
}

export async function unreadCount(db: Kysely<Database>, user: SessionUser): Promise<number> {
	const row = await mine(db, user)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('read_at', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function listNotifications(
	db: Kysely<Database>,
	user: SessionUser,
	limit = 100
): Promise<InboxItem[]> {
	assertCan(user, 'notifications.read');
	const rows = await mine(db, user)
		.select(['id', 'kind', 'subject', 'body', 'url', 'created_at', 'read_at'])
		.orderBy('id', 'desc')
		.limit(limit)
		.execute();
	return rows.map((r) => ({
		id: r.id,
		kind: r.kind,
		subject: r.subject,
		body: r.body,
		url: r.url,
		createdAt: new Date(r.created_at).toISOString(),
		read: r.read_at !== null
	}));
}

/** Marks one (or, with null, every) notification of the user as read; never someone else's. */
export async function markRead(
	db: Kysely<Database>,
	user: SessionUser,
	id: number | null
): Promise<void> {
	assertCan(user, 'notifications.read');
	await db
		.updateTable('notifications')
		.set({ read_at: new Date() })
		.where('user_id', '=', user.id)
		.where('read_at', 'is', null)
		.$if(id !== null, (q) => q.where('id', '=', id!))
		.execute();
}
