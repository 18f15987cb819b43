import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index';
import type { SessionUser } from '../auth/guards';
import { assertCan } from '../auth/policy';
import type { Database } from '../db/types';
import { fieldError } from '../errors';

// Assigning kartrekkers from the atelier's management page. The user's own page
// (/beheer/gebruikers/[id]) sets the same assignments through users/accounts.ts.

async function atelierOf(db: Kysely<Database>, id: number) {
	const atelier = await db
		.selectFrom('ateliers')
		.select(['id', 'name'])
		.where('id', '=', id)
		.executeTakeFirst();
	if (!atelier) throw fieldError('Dit atelier bestaat niet (meer).', 'form', 404);
	return atelier;
}

/** Assigns an active kartrekker to the atelier (nothing changes when they already are). */
export async function assignKartrekker(
	db: Kysely<Database>,
	actor: SessionUser,
	atelierId: number,
	userId: number
): Promise<void> {
	assertCan(actor, 'ateliers.manage');
	await db.transaction().execute(async (trx) => {
		await atelierOf(trx, atelierId);
		const user = await trx
			.selectFrom('app_users')
			.select(['id', 'name', 'role', 'active'])
			.where('id', '=', userId)
			.forShare()
			.executeTakeFirst();
		if (!user || !user.active)
			throw fieldError('Kies een actieve kartrekker uit de lijst.', 'kartrekker');
		if (user.role !== 'kartrekker')
			throw fieldError(
				`${user.name} is geen kartrekker; management en programmaraad zien alle ateliers al.`,
				'kartrekker'
			);
		const added = await trx
			.insertInto('atelier_assignments')
			.values({ atelier_id: atelierId, user_id: userId })
			.onConflict((oc) => oc.doNothing())
			.returning('user_id')
			.executeTakeFirst();
		if (added)
			await recordAudit(trx, {
				actorId: actor.id,
				entity: 'atelier',
				entityId: atelierId,
				atelierId,
				action: 'assign_kartrekker',
				before: null,
				after: { userId, name: user.name }
			});
	});
}

/** Removes a kartrekker from the atelier; their records stay, their access to it ends. */
export async function removeKartrekker(
	db: Kysely<Database>,
	actor: SessionUser,
	atelierId: number,
	userId: number
): Promise<void> {
	assertCan(actor, 'ateliers.manage');
	await db.transaction().execute(async (trx) => {
		await atelierOf(trx, atelierId);
		const removed = await trx
			.deleteFrom('atelier_assignments')
			.where('atelier_id', '=', atelierId)
			.where('user_id', '=', userId)
			.returning('user_id')
			.executeTakeFirst();
		if (!removed) return;
		const user = await trx
			.selectFrom('app_users')
			.select('name')
			.where('id', '=', userId)
			.executeTakeFirst();
		await recordAudit(trx, {
			actorId: actor.id,
			entity: 'atelier',
			entityId: atelierId,
			atelierId,
			action: 'remove_kartrekker',
			before: { userId, name: user?.name ?? null },
			after: null
		});
	});
}
