import { openDatabase, type DbHandle } from '../../src/lib/server/db/connect';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { createPostgresDatabase } from './postgres-db';

/**
 * A fresh, migrated database for one test file: an in-memory PGlite by default, or a new
 * PostgreSQL database (dropped again on close) on the server of DATABASE_URL.
 */
export async function createTestDb(options: { migrate?: boolean } = {}): Promise<DbHandle> {
	const base = process.env.DATABASE_URL;
	let handle: DbHandle;
	if (!base) {
		handle = await openDatabase({ dataDir: 'memory://' });
	} else {
		const database = await createPostgresDatabase('jaarbeeld_test');
		const inner = await openDatabase({ databaseUrl: database.url });
		handle = {
			...inner,
			close: async () => {
				await inner.close();
				await database.drop();
			}
		};
	}
	if (options.migrate !== false) await migrateToLatest(handle.db);
	return handle;
}

export const usingPostgres = Boolean(process.env.DATABASE_URL);
