import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { StartupError } from '../db/startup-error';
import type { Database } from '../db/types';

const SETTINGS_KEY = 'auth_secret';

/**
 * The secret that signs session cookies: BETTER_AUTH_SECRET when set (at least 32 characters), or
 * else one generated on first use and kept in the settings table, so the embedded demo works
 * without configuration and every app process on one database shares it.
 */
export async function resolveAuthSecret(
	db: Kysely<Database>,
	env: NodeJS.ProcessEnv = process.env
): Promise<string> {
	const configured = env.BETTER_AUTH_SECRET?.trim();
	if (configured) {
		if (configured.length < 32)
			throw new StartupError(
				'BETTER_AUTH_SECRET is te kort: gebruik minstens 32 willekeurige tekens (bijvoorbeeld `openssl rand -base64 32`).'
			);
		return configured;
	}
	await db
		.insertInto('settings')
		.values({ key: SETTINGS_KEY, value: JSON.stringify(randomBytes(32).toString('base64url')) })
		.onConflict((oc) => oc.column('key').doNothing())
		.execute();
	const row = await db
		.selectFrom('settings')
		.select('value')
		.where('key', '=', SETTINGS_KEY)
		.executeTakeFirstOrThrow();
	if (typeof row.value !== 'string' || row.value.length < 32)
		throw new StartupError('Het opgeslagen sessiegeheim (settings.auth_secret) is ongeldig.');
	return row.value;
}
