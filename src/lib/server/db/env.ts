import type { DbOptions } from './connect';

/** Database settings from the environment: DATABASE_URL selects PostgreSQL, else PGlite in DATA_DIR. */
export function dbOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): DbOptions {
	const databaseUrl = env.DATABASE_URL?.trim() || undefined;
	return { databaseUrl, dataDir: env.DATA_DIR?.trim() || './data' };
}
