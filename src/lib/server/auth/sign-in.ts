import type { Kysely } from 'kysely';
import type { Database } from '../db/types';
import { hashPassword, verifyPassword } from './password';
import { passwordSignInEnabled } from './password-switch';
import { createSession, endSession, type NewSession } from './session';
import { clearSignInFailures, recordSignInFailure, signInThrottled } from './throttle';

export const WRONG_CREDENTIALS = 'E-mailadres of wachtwoord klopt niet.';
export const THROTTLED =
	'Te veel mislukte pogingen om in te loggen. Wacht een kwartier en probeer het dan opnieuw.';
export const INACTIVE = 'Dit account is niet (meer) actief. Neem contact op met het beheer.';
export const PASSWORDS_OFF =
	'Inloggen met een wachtwoord staat uit. Log in met de knop van je instelling.';

export interface SignInRequest {
	email: string;
	password: string;
	/** The client's address (event.getClientAddress()), for throttling per address. */
	ip: string;
	/** The browser's user agent, kept with the session; may be empty. */
	userAgent?: string | null;
}

export type SignInFailure = 'credentials' | 'throttled' | 'inactive' | 'disabled';

export type SignInResult =
	| { ok: true; userId: number; session: NewSession }
	| { ok: false; reason: SignInFailure; message: string };

let dummyHash: Promise<string> | undefined;

/**
 * Signs in with e-mail and password. Unknown e-mail and wrong password give the same message and
 * take about as long; failures are counted in the database and too many refuse further attempts
 * for a while. A deactivated account never gets a session. Only a right password for an active
 * account reaches createSession.
 */
export async function signIn(db: Kysely<Database>, request: SignInRequest): Promise<SignInResult> {
	if (!(await passwordSignInEnabled(db))) return fail('disabled', PASSWORDS_OFF);
	const email = request.email.trim().toLowerCase();
	const ip = request.ip || 'onbekend';
	if (await signInThrottled(db, email, ip)) return fail('throttled', THROTTLED);

	const user = await db
		.selectFrom('app_users')
		.select(['id', 'active', 'password_hash'])
		.where('email', '=', email)
		.executeTakeFirst();

	if (!user || !user.password_hash) {
		// Spend the time a real check takes, so timing does not tell which e-mail addresses exist.
		await verifyPassword(await (dummyHash ??= hashPassword('jaarbeeld-timing')), request.password);
		await recordSignInFailure(db, email, ip);
		return fail('credentials', WRONG_CREDENTIALS);
	}
	const correct = await verifyPassword(user.password_hash, request.password);
	if (!correct || !user.active) {
		await recordSignInFailure(db, email, ip);
		// Only someone who knows the password learns that the account is deactivated.
		return correct ? fail('inactive', INACTIVE) : fail('credentials', WRONG_CREDENTIALS);
	}

	const session = await createSession(db, user.id, 'password', request.userAgent);
	await clearSignInFailures(db, email);
	return { ok: true, userId: user.id, session };
}

function fail(reason: SignInFailure, message: string): SignInResult {
	return { ok: false, reason, message };
}

/** Ends the session of this request. */
export async function signOut(db: Kysely<Database>, token: string | undefined): Promise<void> {
	await endSession(db, token);
}
