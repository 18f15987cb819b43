import type { Kysely, Transaction } from 'kysely';
import { recordAudit, type Executor } from '../audit/index';
import { forgetDemoCheck } from '../auth/demo-warning';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/password';
import { endSessionsOf } from '../auth/session';
import type { Database } from '../db/types';
import { fieldError } from '../errors';

export async function setPasswordHash(trx: Executor, userId: number, hash: string): Promise<void> {
	await trx
		.updateTable('app_users')
		.set({ password_hash: hash, updated_at: new Date() })
		.where('id', '=', userId)
		.execute();
}

/** Changes one's own password after checking the current one; other sessions end. */
export async function changeOwnPassword(
	db: Kysely<Database>,
	userId: number,
	current: string,
	next: string,
	keepSessionToken?: string
): Promise<void> {
	const row = await db
		.selectFrom('app_users')
		.select('password_hash')
		.where('id', '=', userId)
		.executeTakeFirst();
	if (!row?.password_hash || !(await verifyPassword(row.password_hash, current)))
		throw fieldError('Het huidige wachtwoord klopt niet.', 'current');
	const problem = passwordProblem(next);
	if (problem) throw fieldError(problem, 'next');
	if (next === current) throw fieldError('Kies een ander wachtwoord dan het huidige.', 'next');
	const hash = await hashPassword(next);
	await db.transaction().execute(async (trx) => {
		await setPasswordHash(trx, userId, hash);
		await endSessionsOf(trx, userId, keepSessionToken);
		await recordAudit(trx, {
			actorId: userId,
			entity: 'user',
			entityId: userId,
			action: 'password_change',
			before: null,
			after: null
		});
	});
	forgetDemoCheck();
}

/** Gives these accounts (by e-mail) this password (the demo seed). */
export async function giveUsersPassword(
	trx: Transaction<Database>,
	emails: string[],
	password: string
): Promise<number> {
	if (emails.length === 0) return 0;
	const hash = await hashPassword(password);
	const updated = await trx
		.updateTable('app_users')
		.set({ password_hash: hash })
		.where('email', 'in', emails)
		.executeTakeFirst();
	return Number(updated.numUpdatedRows);
}
