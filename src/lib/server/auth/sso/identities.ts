import type { Kysely } from 'kysely';
import { recordAudit } from '../../audit/index';
import type { Database } from '../../db/types';
import { fieldError } from '../../errors';
import type { SessionUser } from '../guards';
import { assertCan } from '../policy';
import { listProviders } from './providers';

/** How a person signs in through a provider: shown on their page and on /account. */
export interface LinkedIdentity {
	id: number;
	/** The provider's display name, or its key when it is no longer configured. */
	provider: string;
	configured: boolean;
	issuer: string;
	email: string;
	linkedAt: Date;
	lastSignInAt: Date | null;
}

export async function listIdentities(
	db: Kysely<Database>,
	userId: number
): Promise<LinkedIdentity[]> {
	const [rows, providers] = await Promise.all([
		db
			.selectFrom('user_identities')
			.select(['id', 'provider_key', 'issuer', 'email', 'linked_at', 'last_sign_in_at'])
			.where('user_id', '=', userId)
			.orderBy('linked_at')
			.execute(),
		listProviders(db)
	]);
	return rows.map((r) => {
		const provider =
			providers.find((p) => p.key === r.provider_key && p.issuer === r.issuer) ??
			providers.find((p) => p.issuer === r.issuer);
		return {
			id: r.id,
			provider: provider?.name ?? r.provider_key,
			configured: provider !== undefined,
			issuer: r.issuer,
			email: r.email,
			linkedAt: r.linked_at,
			lastSignInAt: r.last_sign_in_at ? new Date(r.last_sign_in_at) : null
		};
	});
}

/**
 * Removes a link between an account and a provider identity; the next sign-in through that
 * provider links again by verified e-mail address.
 */
export async function unlinkIdentity(
	db: Kysely<Database>,
	actor: SessionUser,
	userId: number,
	identityId: number
): Promise<void> {
	assertCan(actor, 'users.manage');
	await db.transaction().execute(async (trx) => {
		const row = await trx
			.deleteFrom('user_identities')
			.where('id', '=', identityId)
			.where('user_id', '=', userId)
			.returning(['provider_key', 'issuer', 'email'])
			.executeTakeFirst();
		if (!row) throw fieldError('Deze koppeling bestaat niet (meer).', 'form', 404);
		await recordAudit(trx, {
			actorId: actor.id,
			entity: 'user',
			entityId: userId,
			action: 'identity_unlink',
			before: { provider: row.provider_key, issuer: row.issuer },
			after: null
		});
	});
}
