import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DbHandle } from '../../src/lib/server/db/connect';
import { migrateToLatest } from '../../src/lib/server/db/migrate';

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
		const name = `jaarbeeld_test_${process.pid}_${randomBytes(4).toString('hex')}`;
		await adminQuery(base, `create database ${name}`);
		const url = new URL(base);
		url.pathname = `/${name}`;
		const inner = await openDatabase({ databaseUrl: url.toString() });
		handle = {
			...inner,
			close: async () => {
				await inner.close();
				await adminQuery(base, `drop database if exists ${name} with (force)`);
			}
		};
	}
	if (options.migrate !== false) await migrateToLatest(handle.db);
	return handle;
}

async function adminQuery(url: string, text: string): Promise<void> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await client.query(text);
	} finally {
		await client.end();
	}
}

export const usingPostgres = Boolean(process.env.DATABASE_URL);
