import type { Kysely } from 'kysely';
import { openDatabase, type DbHandle } from './connect';
import { dbOptionsFromEnv } from './env';
import type { Database } from './types';

// The app process holds one database handle, opened by the server's init hook.
let handle: DbHandle | undefined;

export async function openAppDatabase(): Promise<DbHandle> {
	handle ??= await openDatabase(dbOptionsFromEnv());
	return handle;
}

export function appDatabase(): DbHandle {
	if (!handle) throw new Error('De database is nog niet geopend (init-hook niet uitgevoerd).');
	return handle;
}

export function getDb(): Kysely<Database> {
	return appDatabase().db;
}

export async function closeAppDatabase(): Promise<void> {
	const current = handle;
	handle = undefined;
	await current?.close();
}
