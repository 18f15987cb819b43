import { isAPIError } from 'better-auth/api';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types';
import type { Auth } from './better-auth';
import { hashPassword, verifyPassword } from './password';
import { clearSignInFailures, recordSignInFailure, signInThrottled } from './throttle';

export const WRONG_CREDENTIALS = 'E-mailadres of wachtwoord klopt niet.';
export const THROTTLED =
	'Te veel mislukte pogingen om in te loggen. Wacht een kwartier en probeer het dan opnieuw.';
export const INACTIVE = 'Dit account is niet (meer) actief. Neem contact op met het beheer.';

export interface SignInRequest {
	email: string;
	password: string;
	/** The client's address (event.getClientAddress()), for throttling per address. */
	ip: string;
	/** Passed on to better-auth (user agent); may be empty. */
	headers?: Headers;
}

export type SignInResult =
	| { ok: true; userId: number; setCookie: string | null }
	| { ok: false; reason: 'credentials' | 'throttled' | 'inactive'; message: string };

let dummyHash: Promise<string> | undefined;

/**
 * Signs in with e-mail and password through better-auth. Unknown e-mail and wrong password give
 * the same message and take about as long; failures are counted in the database and too many
 * refuse further attempts for a while. A deactivated account never gets a session.
 */
export async function signIn(
	auth: Auth,
	db: Kysely<Database>,
	request: SignInRequest
): Promise<SignInResult> {
	const email = request.email.trim().toLowerCase();
	const ip = request.ip || 'onbekend';
	if (await signInThrottled(db, email, ip)) return fail('throttled', THROTTLED);

	const user = await db
		.selectFrom('app_users as u')
		.leftJoin('auth_account as a', (join) =>
			join.onRef('a.user_id', '=', 'u.auth_user_id').on('a.provider_id', '=', 'credential')
		)
		.select(['u.id', 'u.active', 'u.auth_user_id', 'a.password'])
		.where('u.email', '=', email)
		.executeTakeFirst();

	if (!user || !user.auth_user_id || !user.password) {
		// Spend the time a real check takes, so timing does not tell which e-mail addresses exist.
		await verifyPassword(await (dummyHash ??= hashPassword('jaarbeeld-timing')), request.password);
		await recordSignInFailure(db, email, ip);
		return fail('credentials', WRONG_CREDENTIALS);
	}
	if (!user.active) {
		const correct = await verifyPassword(user.password, request.password);
		await recordSignInFailure(db, email, ip);
		// Only someone who knows the password learns that the account is deactivated.
		return correct ? fail('inactive', INACTIVE) : fail('credentials', WRONG_CREDENTIALS);
	}

	try {
		const result = await auth.api.signInEmail({
			body: { email, password: request.password, rememberMe: true },
			headers: request.headers ?? new Headers(),
			returnHeaders: true
		});
		await clearSignInFailures(db, email);
		return { ok: true, userId: user.id, setCookie: result.headers.get('set-cookie') };
	} catch (error) {
		if (!isAPIError(error)) throw error;
		await recordSignInFailure(db, email, ip);
		return fail('credentials', WRONG_CREDENTIALS);
	}
}

function fail(reason: 'credentials' | 'throttled' | 'inactive', message: string): SignInResult {
	return { ok: false, reason, message };
}

/** Ends the session of this request (better-auth deletes it from the database). */
export async function signOut(auth: Auth, headers: Headers): Promise<string | null> {
	try {
		const result = await auth.api.signOut({ headers, returnHeaders: true });
		return result.headers.get('set-cookie');
	} catch {
		return null;
	}
}
