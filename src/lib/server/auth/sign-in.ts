import type { Kysely } from 'kysely';
import type { Database } from '../db/types';
import { hashPassword, verifyPassword } from './password';
import { passwordSignInEnabled } from './password-switch';
import { createSession, endSession, type NewSession } from './session';
import { claimSignInAttempt, forgiveSignInFailures, recordSignInFailure } from './throttle';

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

// One argon2 hash with the same settings as real ones, made once at start: an unknown address
// costs one verify against it, the same work as a wrong password for a known one.
let dummyHash: Promise<string> | undefined;
const timingHash = () => (dummyHash ??= hashPassword('jaarbeeld-timing-' + Math.random()));

/** Makes the dummy hash now, so the first unknown address does not take longer than the rest. */
export function prepareSignIn(): Promise<string> {
	return timingHash();
}

/**
 * Signs in with e-mail and password. The attempt is counted before the password is checked
 * (claimSignInAttempt), so parallel requests cannot check more passwords than the limit. Unknown
 * e-mail and wrong password take one path: the same message, the same queries and one argon2
 * verify (against a dummy hash when there is no account). A deactivated account never gets a
 * session. Only a right password for an active account reaches createSession.
 */
export async function signIn(db: Kysely<Database>, request: SignInRequest): Promise<SignInResult> {
	if (!(await passwordSignInEnabled(db))) return fail('disabled', PASSWORDS_OFF);
	const email = request.email.trim().toLowerCase();
	const ip = request.ip || 'onbekend';
	const attempt = await claimSignInAttempt(db, email, ip);
	if (attempt.throttled) return fail('throttled', THROTTLED);

	const user = await db
		.selectFrom('app_users')
		.select(['id', 'active', 'password_hash'])
		.where('email', '=', email)
		.executeTakeFirst();
	const hash = user?.password_hash ?? (await timingHash());
	const correct = (await verifyPassword(hash, request.password)) && Boolean(user?.password_hash);
	if (!user || !correct || !user.active) {
		await recordSignInFailure(db, attempt.id);
		// Only someone who knows the password learns that the account is deactivated.
		return correct ? fail('inactive', INACTIVE) : fail('credentials', WRONG_CREDENTIALS);
	}

	const session = await createSession(db, user.id, 'password', request.userAgent);
	await forgiveSignInFailures(db, email, attempt);
	return { ok: true, userId: user.id, session };
}

function fail(reason: SignInFailure, message: string): SignInResult {
	return { ok: false, reason, message };
}

/** Ends the session of this request. */
export async function signOut(db: Kysely<Database>, token: string | undefined): Promise<void> {
	await endSession(db, token);
}
