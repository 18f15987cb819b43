import type { Kysely } from 'kysely';
import { recordAudit, type Executor } from '../audit/index';
import type { Database } from '../db/types';
import { ActionError } from '../errors';
import type { SessionUser } from './guards';
import { assertCan } from './policy';
import { listProviders, type SignInProvider } from './sso/providers';

const SETTING = 'password_sign_in';

/**
 * Whether signing in with a password is on (the default). PASSWORD_SIGN_IN=on in the environment
 * turns it back on whatever the database says: the way back in when every provider fails.
 */
export async function passwordSignInEnabled(
	db: Executor,
	env: NodeJS.ProcessEnv = process.env
): Promise<boolean> {
	if (env.PASSWORD_SIGN_IN?.trim().toLowerCase() === 'on') return true;
	const row = await db
		.selectFrom('settings')
		.select('value')
		.where('key', '=', SETTING)
		.executeTakeFirst();
	return row?.value !== false;
}

export const NO_MANAGEMENT_VIA_PROVIDER =
	'Wachtwoorden kunnen pas uit als minstens één actief managementaccount via een inlogprovider kan inloggen. Laat eerst iemand van het management één keer inloggen met een provider.';

/** Active management accounts that have signed in through one of these providers before. */
export async function managementViaProviders(
	db: Executor,
	providers: Pick<SignInProvider, 'issuer'>[]
): Promise<number> {
	const issuers = [...new Set(providers.map((p) => p.issuer))];
	if (issuers.length === 0) return 0;
	const rows = await db
		.selectFrom('user_identities as i')
		.innerJoin('app_users as u', 'u.id', 'i.user_id')
		.select('u.id')
		.distinct()
		.where('u.role', '=', 'management')
		.where('u.active', '=', true)
		.where('i.issuer', 'in', issuers)
		.execute();
	return rows.length;
}

/**
 * Switches password sign-in on or off. Off is refused while no active management account can sign
 * in through a provider, so management can never lock itself out.
 */
export async function setPasswordSignIn(
	db: Kysely<Database>,
	actor: SessionUser,
	enabled: boolean
): Promise<void> {
	assertCan(actor, 'signin.manage');
	await db.transaction().execute(async (trx) => {
		// One change of the sign-in set-up at a time (providers lock the same row).
		await lockSignInSetup(trx);
		const before = await passwordSignInEnabled(trx, {});
		if (before === enabled) return;
		const providers = (await listProviders(trx)).filter((p) => p.clientSecret !== null);
		if (!enabled && (await managementViaProviders(trx, providers)) === 0)
			throw new ActionError(NO_MANAGEMENT_VIA_PROVIDER, 409);
		await trx
			.insertInto('settings')
			.values({ key: SETTING, value: JSON.stringify(enabled) })
			.onConflict((oc) =>
				oc.column('key').doUpdateSet({ value: JSON.stringify(enabled), updated_at: new Date() })
			)
			.execute();
		await recordAudit(trx, {
			actorId: actor.id,
			entity: 'settings',
			entityId: SETTING,
			action: 'update',
			before: { passwordSignIn: before },
			after: { passwordSignIn: enabled }
		});
	});
}

/** Serialises changes to providers and the password switch (a row lock on the setting). */
export async function lockSignInSetup(trx: Executor): Promise<void> {
	await trx
		.insertInto('settings')
		.values({ key: SETTING, value: JSON.stringify(true) })
		.onConflict((oc) => oc.column('key').doNothing())
		.execute();
	await trx.selectFrom('settings').select('key').where('key', '=', SETTING).forUpdate().execute();
}
