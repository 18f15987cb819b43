import type { Kysely, Transaction } from 'kysely';
import { recordAudit, type Executor } from '../audit/index';
import { forgetDemoCheck } from '../auth/demo-warning';
import { hashPassword, passwordProblem } from '../auth/password';
import { passwordSignInEnabled } from '../auth/password-switch';
import { endSessionsOf } from '../auth/session';
import { listProviders } from '../auth/sso/providers';
import type { Database } from '../db/types';
import { fieldError } from '../errors';
import { snapshot } from './queries';
import type { UserInput } from './types';

const LAST_MANAGEMENT =
	'Dit is het laatste actieve managementaccount; maak eerst iemand anders management.';
export const NO_OTHER_MANAGEMENT_SIGN_IN =
	'Dan kan niemand meer inloggen als management: de andere managementaccounts hebben nog geen wachtwoord ingesteld en geen inlogprovider gekoppeld. Laat eerst iemand anders van het management inloggen.';

/**
 * The ateliers exist; a kartrekker has at least one, unless there is no atelier yet (a new
 * werkplaats may create its kartrekkers first and assign them on the atelier's page).
 */
async function assertAteliersExist(trx: Executor, ids: number[], role: string): Promise<void> {
	if (ids.length === 0) {
		if (role === 'kartrekker' && (await trx.selectFrom('ateliers').select('id').executeTakeFirst()))
			throw fieldError('Kies minstens één atelier voor een kartrekker.', 'atelierIds');
		return;
	}
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

/**
 * Refuses when the change would leave no active management account that can sign in: one with a
 * password while passwords are on, or one linked to a provider that is set up. An account that
 * never set its password does not count (issue 13: management could deactivate itself next to
 * such an account and leave nobody able to sign in as management).
 */
async function assertOtherManagement(trx: Transaction<Database>, id: number): Promise<void> {
	// Lock all management rows so two managers cannot demote each other at the same moment.
	const managers = await trx
		.selectFrom('app_users')
		.select(['id', 'password_hash'])
		.where('role', '=', 'management')
		.where('active', '=', true)
		.forUpdate()
		.execute();
	const others = managers.filter((m) => m.id !== id);
	if (others.length === 0) throw fieldError(LAST_MANAGEMENT, 'form', 409);
	if ((await passwordSignInEnabled(trx)) && others.some((m) => m.password_hash)) return;
	const issuers = (await listProviders(trx))
		.filter((p) => p.clientSecret !== null)
		.map((p) => p.issuer);
	const linked = issuers.length
		? await trx
				.selectFrom('user_identities')
				.select('user_id')
				.where(
					'user_id',
					'in',
					others.map((m) => m.id)
				)
				.where('issuer', 'in', issuers)
				.executeTakeFirst()
		: undefined;
	if (!linked) throw fieldError(NO_OTHER_MANAGEMENT_SIGN_IN, 'form', 409);
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

/**
 * Creates a user (person, role and ateliers) in one transaction with its audit record. Without a
 * password the user signs in after following a password link, or through a provider.
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
	const hash = password === undefined ? null : await hashPassword(password);
	return db.transaction().execute((trx) => insertUser(trx, actorId, input, hash));
}

/**
 * Inserts a user with its ateliers and audit record inside the caller's transaction (the first
 * start creates the werkplaats and its first manager together).
 */
export async function insertUser(
	trx: Executor,
	actorId: number | null,
	raw: UserInput,
	hash: string | null
): Promise<number> {
	const input = normalize(raw);
	await assertEmailFree(trx, input.email);
	await assertAteliersExist(trx, input.atelierIds, input.role);
	const { id } = await trx
		.insertInto('app_users')
		.values({ name: input.name, email: input.email, role: input.role, password_hash: hash })
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
		await assertAteliersExist(trx, input.atelierIds, input.role);
		await trx
			.updateTable('app_users')
			.set({ name: input.name, email: input.email, role: input.role, updated_at: new Date() })
			.where('id', '=', id)
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
 * Deactivates (ending all sessions, password or provider, and open password links) or reactivates
 * a user. Refuses to deactivate the last active management account.
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
		await trx
			.updateTable('app_users')
			.set({ active, updated_at: new Date() })
			.where('id', '=', id)
			.execute();
		if (!active) {
			await endSessionsOf(trx, id);
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
