import type { Kysely } from 'kysely';
import { recordAudit } from '../../audit/index';
import type { Database } from '../../db/types';
import { createSession, type NewSession } from '../session';
import { SignInRefused } from './faults';
import type { IdentityClaims } from './oidc';
import { domainFits, type SignInProvider } from './providers';

/**
 * The account of a verified identity, and a session for it, in one transaction. An identity seen
 * before is found by (issuer, subject) alone. The first time, it is linked to the existing account
 * with the same verified e-mail address (audited); nobody is ever created: an unknown person,
 * an unverified address, an address outside the provider's domains, or an account that is
 * already linked to another subject at this issuer is refused and nothing changes.
 */
export async function signInWithIdentity(
	db: Kysely<Database>,
	provider: SignInProvider,
	claims: IdentityClaims,
	userAgent?: string | null
): Promise<{ userId: number; session: NewSession; linked: boolean }> {
	try {
		return await db.transaction().execute(async (trx) => {
			const known = await trx
				.selectFrom('user_identities as i')
				.innerJoin('app_users as u', 'u.id', 'i.user_id')
				.select(['i.id', 'u.id as userId', 'u.active'])
				.where('i.issuer', '=', claims.issuer)
				.where('i.subject', '=', claims.subject)
				.executeTakeFirst();
			if (known) {
				if (!known.active) throw new SignInRefused('inactive', 'account deactivated');
				await trx
					.updateTable('user_identities')
					.set({ last_sign_in_at: new Date() })
					.where('id', '=', known.id)
					.execute();
				const session = await createSession(trx, known.userId, `sso:${provider.key}`, userAgent);
				return { userId: known.userId, session, linked: false };
			}

			if (!claims.email || !claims.emailVerified)
				throw new SignInRefused(
					'email_unverified',
					claims.email ? 'email_verified is not true' : 'no email claim'
				);
			if (!domainFits(provider, claims.email))
				throw new SignInRefused('domain', 'e-mail domain not among the provider domains');
			const account = await trx
				.selectFrom('app_users')
				.select(['id', 'active'])
				.where('email', '=', claims.email)
				.forUpdate()
				.executeTakeFirst();
			if (!account) throw new SignInRefused('no_account', 'no account with this e-mail');
			if (!account.active) throw new SignInRefused('inactive', 'account deactivated');
			const other = await trx
				.selectFrom('user_identities')
				.select('id')
				.where('user_id', '=', account.id)
				.where('issuer', '=', claims.issuer)
				.executeTakeFirst();
			if (other) throw new SignInRefused('linked_elsewhere', 'account linked to another subject');

			await trx
				.insertInto('user_identities')
				.values({
					user_id: account.id,
					provider_key: provider.key,
					issuer: claims.issuer,
					subject: claims.subject,
					email: claims.email,
					last_sign_in_at: new Date()
				})
				.execute();
			await recordAudit(trx, {
				actorId: account.id,
				entity: 'user',
				entityId: account.id,
				action: 'identity_link',
				before: null,
				after: { provider: provider.key, name: provider.name, issuer: claims.issuer }
			});
			const session = await createSession(trx, account.id, `sso:${provider.key}`, userAgent);
			return { userId: account.id, session, linked: true };
		});
	} catch (error) {
		// Two first sign-ins at the same moment: the unique keys let one of them link.
		if ((error as { code?: string }).code === '23505')
			throw new SignInRefused('linked_elsewhere', 'unique violation while linking');
		throw error;
	}
}
