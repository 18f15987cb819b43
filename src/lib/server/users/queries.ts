import type { Kysely } from 'kysely';
import type { Executor } from '../audit/index';
import type { Database } from '../db/types';
import type { UserRow, UserSnapshot } from './types';

/** The audited state of one user (optionally locking the row for the transaction). */
export async function snapshot(
	db: Executor,
	id: number,
	lock = false
): Promise<UserSnapshot | null> {
	let query = db
		.selectFrom('app_users')
		.select(['id', 'name', 'email', 'role', 'active'])
		.where('id', '=', id);
	if (lock) query = query.forUpdate();
	const row = await query.executeTakeFirst();
	if (!row) return null;
	const ateliers = await db
		.selectFrom('atelier_assignments')
		.select('atelier_id')
		.where('user_id', '=', id)
		.orderBy('atelier_id')
		.execute();
	return {
		name: row.name,
		email: row.email,
		role: row.role,
		active: row.active,
		atelierIds: ateliers.map((a) => a.atelier_id)
	};
}

async function usersWhere(db: Kysely<Database>, id?: number): Promise<UserRow[]> {
	let users = db
		.selectFrom('app_users')
		.select(['id', 'name', 'email', 'role', 'active', 'password_hash'])
		.orderBy('active', 'desc')
		.orderBy('name');
	let assignments = db
		.selectFrom('atelier_assignments')
		.select(['user_id', 'atelier_id'])
		.orderBy('atelier_id');
	if (id !== undefined) {
		users = users.where('id', '=', id);
		assignments = assignments.where('user_id', '=', id);
	}
	const [rows, links] = await Promise.all([users.execute(), assignments.execute()]);
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		email: r.email,
		role: r.role,
		active: r.active,
		hasPassword: Boolean(r.password_hash),
		atelierIds: links.filter((a) => a.user_id === r.id).map((a) => a.atelier_id)
	}));
}

export function listUsers(db: Kysely<Database>): Promise<UserRow[]> {
	return usersWhere(db);
}

export async function getUser(db: Kysely<Database>, id: number): Promise<UserRow | null> {
	return (await usersWhere(db, id))[0] ?? null;
}
