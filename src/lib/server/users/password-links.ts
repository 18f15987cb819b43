import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit, type Executor } from '../audit/index';
import { forgetDemoCheck } from '../auth/demo-warning';
import { hashPassword, passwordProblem } from '../auth/password';
import { endSessionsOf } from '../auth/session';
import type { Database } from '../db/types';
import { fieldError } from '../errors';
import { setPasswordHash } from './passwords';
import { snapshot } from './queries';

export const RESET_LINK_HOURS = 72;

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * A one-time link with which the user sets a (new) password, valid for 72 hours; earlier open
 * links of the user stop working. Returns the token; the caller builds the URL.
 */
export async function createPasswordLink(
	db: Kysely<Database>,
	actorId: number | null,
	id: number
): Promise<string> {
	const token = randomBytes(32).toString('base64url');
	await db.transaction().execute(async (trx) => {
		const user = await snapshot(trx, id, true);
		if (!user) throw fieldError('Deze gebruiker bestaat niet.', 'form', 404);
		if (!user.active)
			throw fieldError(
				'Activeer deze gebruiker eerst; daarna kan een wachtwoordlink.',
				'form',
				409
			);
		await trx
			.updateTable('password_reset_links')
			.set({ used_at: new Date() })
			.where('user_id', '=', id)
			.where('used_at', 'is', null)
			.execute();
		await trx
			.insertInto('password_reset_links')
			.values({
				token_hash: tokenHash(token),
				user_id: id,
				created_by: actorId,
				expires_at: new Date(Date.now() + RESET_LINK_HOURS * 60 * 60_000)
			})
			.execute();
		await recordAudit(trx, {
			actorId,
			entity: 'user',
			entityId: id,
			action: 'password_link',
			before: null,
			after: { validHours: RESET_LINK_HOURS }
		});
	});
	return token;
}

/** The user a password link is for, while it is unused, unexpired and the user active. */
export async function passwordLinkUser(
	db: Executor,
	token: string
): Promise<{ id: number; name: string; email: string } | null> {
	if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
	const row = await db
		.selectFrom('password_reset_links as l')
		.innerJoin('app_users as u', 'u.id', 'l.user_id')
		.select(['u.id', 'u.name', 'u.email'])
		.where('l.token_hash', '=', tokenHash(token))
		.where('l.used_at', 'is', null)
		.where('l.expires_at', '>', new Date())
		.where('u.active', '=', true)
		.executeTakeFirst();
	return row ?? null;
}

/** Sets a password through a one-time link; ends all the user's sessions. */
export async function usePasswordLink(
	db: Kysely<Database>,
	token: string,
	password: string
): Promise<number> {
	const problem = passwordProblem(password);
	if (problem) throw fieldError(problem, 'password');
	const hash = await hashPassword(password);
	const id = await db.transaction().execute(async (trx) => {
		const user = await passwordLinkUser(trx, token);
		if (!user) throw fieldError('Deze link is ongeldig, al gebruikt of verlopen.', 'form', 404);
		const used = await trx
			.updateTable('password_reset_links')
			.set({ used_at: new Date() })
			.where('token_hash', '=', tokenHash(token))
			.where('used_at', 'is', null)
			.executeTakeFirst();
		if (Number(used.numUpdatedRows) !== 1)
			throw fieldError('Deze link is ongeldig, al gebruikt of verlopen.', 'form', 404);
		await setPasswordHash(trx, user.id, hash);
		await endSessionsOf(trx, user.id);
		await recordAudit(trx, {
			actorId: user.id,
			entity: 'user',
			entityId: user.id,
			action: 'password_set',
			before: null,
			after: null
		});
		return user.id;
	});
	forgetDemoCheck();
	return id;
}
