import { hash, verify } from '@node-rs/argon2';

// Argon2id (Algorithm.Argon2id = 2; a const enum, so written as its value) with the library's
// defaults: 19 MiB memory, 2 passes, parallelism 1 (the OWASP minimum for argon2id).
const ARGON2ID = 2;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

export function hashPassword(password: string): Promise<string> {
	return hash(password, { algorithm: ARGON2ID });
}

/** False (never an exception) for a wrong password or a hash that is not argon2. */
export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
	try {
		return await verify(hashed, password);
	} catch {
		return false;
	}
}

/** A Dutch reason why a new password is not acceptable, or null. */
export function passwordProblem(password: string): string | null {
	if (password.length < PASSWORD_MIN_LENGTH)
		return `Kies een wachtwoord van minstens ${PASSWORD_MIN_LENGTH} tekens.`;
	if (password.length > PASSWORD_MAX_LENGTH)
		return `Een wachtwoord mag hoogstens ${PASSWORD_MAX_LENGTH} tekens lang zijn.`;
	return null;
}
