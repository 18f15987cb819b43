import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../audit/index';
import type { SessionUser } from './guards';

export const SESSION_DAYS = 7;
/** A session in use is extended to a full SESSION_DAYS again, at most once a day. */
const RENEW_AFTER_MS = 24 * 60 * 60_000;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** How a session was started: with a password, or through the provider with this key. */
export type SignInMethod = 'password' | `sso:${string}`;

export interface NewSession {
	/** The cookie's value: 32 random bytes; only its SHA-256 is stored. */
	token: string;
	expiresAt: Date;
}

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

const expiry = () => new Date(Date.now() + SESSION_DAYS * 24 * 60 * 60_000);

/**
 * Starts a session for an account. Sessions live in the database (table sessions), so every app
 * process sees the same ones and ending one there ends it at once.
 */
export async function createSession(
	db: Executor,
	userId: number,
	method: SignInMethod,
	userAgent?: string | null
): Promise<NewSession> {
	const token = randomBytes(32).toString('base64url');
	const expiresAt = expiry();
	await db
		.insertInto('sessions')
		.values({
			token_hash: tokenHash(token),
			user_id: userId,
			method,
			expires_at: expiresAt,
			user_agent: userAgent ? userAgent.slice(0, 300) : null
		})
		.execute();
	// Sessions that ran out are of no use to anyone.
	await db.deleteFrom('sessions').where('expires_at', '<', new Date()).execute();
	return { token, expiresAt };
}

export interface ResolvedSession {
	user: SessionUser;
	method: SignInMethod;
	/** Set when the session was extended: the cookie gets this new expiry. */
	renewedUntil: Date | null;
}

/**
 * The signed-in user of a session token: an unknown, malformed or expired token, or a deactivated
 * account, means signed out (null). The person, role and ateliers come from our own tables.
 */
export async function resolveSession(
	db: Executor,
	token: string | undefined
): Promise<ResolvedSession | null> {
	if (!token || !TOKEN.test(token)) return null;
	const hash = tokenHash(token);
	const row = await db
		.selectFrom('sessions as s')
		.innerJoin('app_users as u', 'u.id', 's.user_id')
		.select(['u.id', 'u.name', 'u.email', 'u.role', 's.method', 's.renewed_at'])
		.where('s.token_hash', '=', hash)
		.where('s.expires_at', '>', new Date())
		.where('u.active', '=', true)
		.executeTakeFirst();
	if (!row) return null;
	let renewedUntil: Date | null = null;
	if (Date.now() - new Date(row.renewed_at).getTime() > RENEW_AFTER_MS) {
		renewedUntil = expiry();
		await db
			.updateTable('sessions')
			.set({ expires_at: renewedUntil, renewed_at: sql<Date>`now()` })
			.where('token_hash', '=', hash)
			.execute();
	}
	const user = await loadSessionUser(db, row);
	return { user, method: row.method as SignInMethod, renewedUntil };
}

async function loadSessionUser(
	db: Executor,
	row: Pick<SessionUser, 'id' | 'name' | 'email' | 'role'>
): Promise<SessionUser> {
	const atelierIds =
		row.role === 'kartrekker'
			? (
					await db
						.selectFrom('atelier_assignments')
						.select('atelier_id')
						.where('user_id', '=', row.id)
						.orderBy('atelier_id')
						.execute()
				).map((r) => r.atelier_id)
			: [];
	return { id: row.id, name: row.name, email: row.email, role: row.role, atelierIds };
}

/** Ends one session (signing out). */
export async function endSession(db: Executor, token: string | undefined): Promise<void> {
	if (!token || !TOKEN.test(token)) return;
	await db.deleteFrom('sessions').where('token_hash', '=', tokenHash(token)).execute();
}

/** Ends every session of an account, except the one with this token (the user's own browser). */
export async function endSessionsOf(
	db: Executor,
	userId: number,
	exceptToken?: string
): Promise<void> {
	let query = db.deleteFrom('sessions').where('user_id', '=', userId);
	if (exceptToken) query = query.where('token_hash', '<>', tokenHash(exceptToken));
	await query.execute();
}
