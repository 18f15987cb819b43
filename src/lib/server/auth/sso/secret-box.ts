import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { StartupError } from '../../db/startup-error';

const PREFIX = 'v1';
export const KEY_VARIABLE = 'SSO_SECRET_KEY';

/**
 * The key that encrypts the client secrets management stores on /beheer/inloggen: from the
 * environment only, so a copy of the database alone does not give them away. Null when not set.
 */
export function secretKey(env: NodeJS.ProcessEnv = process.env): Buffer | null {
	const raw = env[KEY_VARIABLE]?.trim();
	if (!raw) return null;
	if (raw.length < 32)
		throw new StartupError(
			`${KEY_VARIABLE} is te kort: gebruik minstens 32 willekeurige tekens (bijvoorbeeld \`openssl rand -base64 32\`).`
		);
	return createHash('sha256').update(raw).digest();
}

/** AES-256-GCM: 'v1:<iv>:<tag>:<ciphertext>' in base64url; the tag makes tampering detectable. */
export function encryptSecret(key: Buffer, plain: string): string {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', key, iv);
	const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
	return [PREFIX, ...[iv, cipher.getAuthTag(), body].map((p) => p.toString('base64url'))].join(':');
}

/** The plain secret, or null when it was encrypted with another key or altered. */
export function decryptSecret(key: Buffer, sealed: string): string | null {
	const [prefix, iv, tag, body] = sealed.split(':');
	if (prefix !== PREFIX || !iv || !tag || body === undefined) return null;
	try {
		const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
		decipher.setAuthTag(Buffer.from(tag, 'base64url'));
		return Buffer.concat([
			decipher.update(Buffer.from(body, 'base64url')),
			decipher.final()
		]).toString('utf8');
	} catch {
		return null;
	}
}
