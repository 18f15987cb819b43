import type { Executor } from '../audit/index';

export interface Recipient {
	id: number;
	name: string;
	email: string;
	role: 'kartrekker' | 'council' | 'management';
}

/** The werkplaats's active managers, except `exceptId` (the one who caused the event). */
export function managers(db: Executor, exceptId: number | null = null): Promise<Recipient[]> {
	return db
		.selectFrom('app_users')
		.select(['id', 'name', 'email', 'role'])
		.where('role', '=', 'management')
		.where('active', '=', true)
		.$if(exceptId !== null, (q) => q.where('id', '<>', exceptId!))
		.orderBy('id')
		.execute();
}

/** The active kartrekkers assigned to the atelier now, except `exceptId`. */
export function kartrekkersOf(
	db: Executor,
	atelierId: number,
	exceptId: number | null = null
): Promise<Recipient[]> {
	return db
		.selectFrom('app_users as u')
		.innerJoin('atelier_assignments as a', 'a.user_id', 'u.id')
		.select(['u.id', 'u.name', 'u.email', 'u.role'])
		.where('a.atelier_id', '=', atelierId)
		.where('u.role', '=', 'kartrekker')
		.where('u.active', '=', true)
		.$if(exceptId !== null, (q) => q.where('u.id', '<>', exceptId!))
		.orderBy('u.id')
		.execute();
}

/**
 * Whether the user may still hear about the atelier: active, and management or assigned to it.
 * Checked again when an e-mail goes out, so one who lost access in between gets nothing more.
 */
export async function stillEntitled(
	db: Executor,
	userId: number,
	atelierId: number | null
): Promise<Recipient | null> {
	const user = await db
		.selectFrom('app_users')
		.select(['id', 'name', 'email', 'role'])
		.where('id', '=', userId)
		.where('active', '=', true)
		.executeTakeFirst();
	if (!user) return null;
	if (atelierId === null || user.role === 'management') return user;
	if (user.role !== 'kartrekker') return null;
	const assigned = await db
		.selectFrom('atelier_assignments')
		.select('user_id')
		.where('user_id', '=', userId)
		.where('atelier_id', '=', atelierId)
		.executeTakeFirst();
	return assigned ? user : null;
}
