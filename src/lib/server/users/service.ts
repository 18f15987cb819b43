import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { recordAudit, type Executor } from '../audit/index';
import { forgetDemoCheck } from '../auth/demo-warning';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/password';
import type { Database, Role } from '../db/types';
import { fieldError } from '../errors';

export const ROLES: readonly Role[] = ['kartrekker', 'council', 'management'];
export const RESET_LINK_HOURS = 72;

export interface UserInput {
	name: string;
	email: string;
	role: Role;
	/** Only kept for kartrekkers; other roles see all ateliers. */
	atelierIds: number[];
}

/** The audited state of a user: never a password hash or token. */
export interface UserSnapshot extends UserInput {
	active: boolean;
}

export interface UserRow extends UserSnapshot {
	id: number;
	hasPassword: boolean;
}

const LAST_MANAGEMENT =
	'Dit is het laatste actieve managementaccount; maak eerst iemand anders management.';

async function snapshot(db: Executor, id: number, lock = false): Promise<UserSnapshot | null> {
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

export async function listUsers(db: Kysely<Database>): Promise<UserRow[]> {
	const rows = await db
		.selectFrom('app_users as u')
		.leftJoin('auth_account as a', (join) =>
			join.onRef('a.user_id', '=', 'u.auth_user_id').on('a.provider_id', '=', 'credential')
		)
		.select(['u.id', 'u.name', 'u.email', 'u.role', 'u.active', 'a.password'])
		.orderBy('u.active', 'desc')
		.orderBy('u.name')
		.execute();
	const assignments = await db
		.selectFrom('atelier_assignments')
		.select(['user_id', 'atelier_id'])
		.orderBy('atelier_id')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		email: r.email,
		role: r.role,
		active: r.active,
		hasPassword: Boolean(r.password),
		atelierIds: assignments.filter((a) => a.user_id === r.id).map((a) => a.atelier_id)
	}));
}

export async function getUser(db: Kysely<Database>, id: number): Promise<UserRow | null> {
	return (await listUsers(db)).find((u) => u.id === id) ?? null;
}

async function assertAteliersExist(trx: Executor, ids: number[]): Promise<void> {
	if (ids.length === 0) return;
	const found = await trx.selectFrom('ateliers').select('id').where('id', 'in', ids).execute();
	if (found.length !== new Set(ids).size)
		throw fieldError('Een van de gekozen ateliers bestaat niet.', 'atelierIds');
}

async function assertEmailFree(trx: Executor, email: string, exceptId?: number): Promise<void> {
	let query = trx.selectFrom('app_users').select('id').where('email', '=', email);
	if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
	if (await query.executeTakeFirst())
		throw fieldError('Er bestaat al een gebruiker met dit e-mailadres.', 'email', 409);
}

/** Refuses when the change would leave no active management account. */
async function assertOtherManagement(trx: Transaction<Database>, id: number): Promise<void> {
	// Lock all management rows so two managers cannot demote each other at the same moment.
	const managers = await trx
		.selectFrom('app_users')
		.select('id')
		.where('role', '=', 'management')
		.where('active', '=', true)
		.forUpdate()
		.execute();
	if (!managers.some((m) => m.id !== id)) throw fieldError(LAST_MANAGEMENT, 'form', 409);
}

const normalize = (input: UserInput): UserInput => ({
	name: input.name.trim(),
	email: input.email.trim().toLowerCase(),
	role: input.role,
	atelierIds:
		input.role === 'kartrekker' ? [...new Set(input.atelierIds)].sort((a, b) => a - b) : []
});

async function setAssignments(trx: Executor, userId: number, atelierIds: number[]): Promise<void> {
	await trx.deleteFrom('atelier_assignments').where('user_id', '=', userId).execute();
	if (atelierIds.length)
		await trx
			.insertInto('atelier_assignments')
			.values(atelierIds.map((atelier_id) => ({ atelier_id, user_id: userId })))
			.execute();
}

async function setPasswordHash(trx: Executor, authUserId: string, hash: string): Promise<void> {
	const updated = await trx
		.updateTable('auth_account')
		.set({ password: hash, updated_at: new Date() })
		.where('user_id', '=', authUserId)
		.where('provider_id', '=', 'credential')
		.executeTakeFirst();
	if (Number(updated.numUpdatedRows) === 0)
		await trx
			.insertInto('auth_account')
			.values({
				id: randomUUID(),
				account_id: authUserId,
				provider_id: 'credential',
				user_id: authUserId,
				password: hash,
				access_token: null,
				refresh_token: null,
				id_token: null,
				access_token_expires_at: null,
				refresh_token_expires_at: null,
				scope: null
			})
			.execute();
}

/**
 * Creates a user (app_users, better-auth's user, role and ateliers) in one transaction with its
 * audit record. Without a password the user signs in after following a password link.
 */
export async function createUser(
	db: Kysely<Database>,
	actorId: number | null,
	raw: UserInput,
	password?: string
): Promise<number> {
	const input = normalize(raw);
	if (password !== undefined) {
		const problem = passwordProblem(password);
		if (problem) throw fieldError(problem, 'password');
	}
	const hash = password === undefined ? undefined : await hashPassword(password);
	return db.transaction().execute(async (trx) => {
		await assertEmailFree(trx, input.email);
		await assertAteliersExist(trx, input.atelierIds);
		const authUserId = randomUUID();
		await trx
			.insertInto('auth_user')
			.values({ id: authUserId, name: input.name, email: input.email, image: null })
			.execute();
		if (hash) await setPasswordHash(trx, authUserId, hash);
		const { id } = await trx
			.insertInto('app_users')
			.values({
				name: input.name,
				email: input.email,
				role: input.role,
				auth_user_id: authUserId
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await setAssignments(trx, id, input.atelierIds);
		await recordAudit(trx, {
			actorId,
			entity: 'user',
			entityId: id,
			action: 'create',
			before: null,
			after: { ...input, active: true }
		});
		return id;
	});
}

/** Changes name, e-mail, role and ateliers; refuses to demote the last active management account. */
export async function updateUser(
	db: Kysely<Database>,
	actorId: number | null,
	id: number,
	raw: UserInput
): Promise<void> {
	const input = normalize(raw);
	await db.transaction().execute(async (trx) => {
		const before = await snapshot(trx, id, true);
		if (!before) throw fieldError('Deze gebruiker bestaat niet.', 'form', 404);
		if (before.role === 'management' && input.role !== 'management' && before.active)
			await assertOtherManagement(trx, id);
		await assertEmailFree(trx, input.email, id);
		await assertAteliersExist(trx, input.atelierIds);
		const row = await trx
			.updateTable('app_users')
			.set({ name: input.name, email: input.email, role: input.role, updated_at: new Date() })
			.where('id', '=', id)
			.returning('auth_user_id')
			.executeTakeFirstOrThrow();
		if (row.auth_user_id)
			await trx
				.updateTable('auth_user')
				.set({ name: input.name, email: input.email, updated_at: new Date() })
				.where('id', '=', row.auth_user_id)
				.execute();
		await setAssignments(trx, id, input.atelierIds);
		const after = { ...input, active: before.active };
		if (JSON.stringify(after) !== JSON.stringify(before))
			await recordAudit(trx, {
				actorId,
				entity: 'user',
				entityId: id,
				action: 'update',
				before,
				after
			});
	});
}

/**
 * Deactivates (ending all sessions and open password links) or reactivates a user. Refuses to
 * deactivate the last active management account.
 */
export async function setUserActive(
	db: Kysely<Database>,
	actorId: number | null,
	id: number,
	active: boolean
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const before = await snapshot(trx, id, true);
		if (!before) throw fieldError('Deze gebruiker bestaat niet.', 'form', 404);
		if (before.active === active) return;
		if (!active && before.role === 'management') await assertOtherManagement(trx, id);
		const row = await trx
			.updateTable('app_users')
			.set({ active, updated_at: new Date() })
			.where('id', '=', id)
			.returning('auth_user_id')
			.executeTakeFirstOrThrow();
		if (!active) {
			if (row.auth_user_id)
				await trx.deleteFrom('auth_session').where('user_id', '=', row.auth_user_id).execute();
			await trx.deleteFrom('password_reset_links').where('user_id', '=', id).execute();
		}
		await recordAudit(trx, {
			actorId,
			entity: 'user',
			entityId: id,
			action: active ? 'activate' : 'deactivate',
			before,
			after: { ...before, active }
		});
	});
	forgetDemoCheck();
}

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
		const authUserId = await ensureAuthUser(trx, user.id);
		await setPasswordHash(trx, authUserId, hash);
		await trx.deleteFrom('auth_session').where('user_id', '=', authUserId).execute();
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

/** Changes one's own password after checking the current one; other sessions end. */
export async function changeOwnPassword(
	db: Kysely<Database>,
	userId: number,
	current: string,
	next: string,
	keepSessionToken?: string
): Promise<void> {
	const row = await db
		.selectFrom('app_users as u')
		.innerJoin('auth_account as a', (join) =>
			join.onRef('a.user_id', '=', 'u.auth_user_id').on('a.provider_id', '=', 'credential')
		)
		.select(['a.password', 'u.auth_user_id'])
		.where('u.id', '=', userId)
		.executeTakeFirst();
	if (!row?.password || !row.auth_user_id || !(await verifyPassword(row.password, current)))
		throw fieldError('Het huidige wachtwoord klopt niet.', 'current');
	const problem = passwordProblem(next);
	if (problem) throw fieldError(problem, 'next');
	if (next === current) throw fieldError('Kies een ander wachtwoord dan het huidige.', 'next');
	const hash = await hashPassword(next);
	const authUserId = row.auth_user_id;
	await db.transaction().execute(async (trx) => {
		await setPasswordHash(trx, authUserId, hash);
		let sessions = trx.deleteFrom('auth_session').where('user_id', '=', authUserId);
		if (keepSessionToken) sessions = sessions.where('token', '<>', keepSessionToken);
		await sessions.execute();
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

/** app_users created outside this module (older seeds) get their better-auth user on demand. */
async function ensureAuthUser(trx: Transaction<Database>, userId: number): Promise<string> {
	const row = await trx
		.selectFrom('app_users')
		.select(['auth_user_id', 'name', 'email'])
		.where('id', '=', userId)
		.executeTakeFirstOrThrow();
	if (row.auth_user_id) return row.auth_user_id;
	const authUserId = randomUUID();
	await trx
		.insertInto('auth_user')
		.values({ id: authUserId, name: row.name, email: row.email, image: null })
		.execute();
	await trx
		.updateTable('app_users')
		.set({ auth_user_id: authUserId })
		.where('id', '=', userId)
		.execute();
	return authUserId;
}

/** Gives these accounts (by e-mail) a better-auth user and this password (the demo seed). */
export async function giveUsersPassword(
	trx: Transaction<Database>,
	emails: string[],
	password: string
): Promise<number> {
	if (emails.length === 0) return 0;
	const hash = await hashPassword(password);
	const users = await trx
		.selectFrom('app_users')
		.select('id')
		.where('email', 'in', emails)
		.execute();
	for (const user of users) {
		const authUserId = await ensureAuthUser(trx, user.id);
		await setPasswordHash(trx, authUserId, hash);
	}
	return users.length;
}
