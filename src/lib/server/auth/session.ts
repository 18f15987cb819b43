import type { Kysely } from 'kysely';
import type { Database } from '../db/types';
import type { Auth } from './better-auth';
import type { SessionUser } from './guards';
import { log } from '../log';

export interface ResolvedSession {
	user: SessionUser | null;
	/** Cookies better-auth wants to set (a refreshed session or a cleared stale one). */
	setCookie: string | null;
}

/**
 * The signed-in user of a request: better-auth checks the signed session cookie against the
 * session table; the person, role and ateliers come from our own tables. An expired, unknown or
 * tampered cookie, or a deactivated account, means signed out.
 */
export async function resolveSession(
	auth: Auth,
	db: Kysely<Database>,
	headers: Headers
): Promise<ResolvedSession> {
	let session;
	try {
		session = await auth.api.getSession({ headers, returnHeaders: true });
	} catch (error) {
		// a cookie that does not verify is simply signed out; a failing database is worth a line
		log.warn(
			{ error: error instanceof Error ? error.message : String(error) },
			'session lookup failed'
		);
		return { user: null, setCookie: null };
	}
	const setCookie = session.headers.get('set-cookie');
	const authUserId = session.response?.user.id;
	if (!authUserId) return { user: null, setCookie };
	return { user: await loadSessionUser(db, { authUserId }), setCookie };
}

export async function loadSessionUser(
	db: Kysely<Database>,
	by: { authUserId: string } | { id: number }
): Promise<SessionUser | null> {
	let query = db
		.selectFrom('app_users')
		.select(['id', 'name', 'email', 'role'])
		.where('active', '=', true);
	query =
		'authUserId' in by
			? query.where('auth_user_id', '=', by.authUserId)
			: query.where('id', '=', by.id);
	const row = await query.executeTakeFirst();
	if (!row) return null;
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

/** The token of this request's session (to keep it when other sessions are ended). */
export async function currentSessionToken(
	auth: Auth,
	headers: Headers
): Promise<string | undefined> {
	try {
		return (await auth.api.getSession({ headers }))?.session.token;
	} catch (error) {
		log.warn(
			{ error: error instanceof Error ? error.message : String(error) },
			'session lookup failed'
		);
		return undefined;
	}
}
