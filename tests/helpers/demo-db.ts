import type { Kysely } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import { seedDemo } from '../../seeds/demo';
import type { SessionUser } from '../../src/lib/server/auth/guards';
import type { DbHandle } from '../../src/lib/server/db/connect';
import type { Database } from '../../src/lib/server/db/types';
import { createTestDb } from './test-db';

/**
 * A fresh database with the demo werkplaats for the surrounding describe block (opened before its
 * tests, closed after them). Read `.db` inside the tests.
 */
export function useDemoDb(): { readonly db: Kysely<Database> } {
	let handle: DbHandle | undefined;
	beforeAll(async () => {
		handle = await createTestDb();
		await seedDemo(handle.db);
	});
	afterAll(async () => handle?.close());
	return {
		get db() {
			if (!handle) throw new Error('De demodatabase is nog niet geopend.');
			return handle.db;
		}
	};
}

/** A signed-in user as the guards see it, without an account in the database. */
export function sessionUser(
	role: SessionUser['role'],
	atelierIds: number[] = [],
	id = 1
): SessionUser {
	return { id, name: `user ${id}`, email: `u${id}@voorbeeld.nl`, role, atelierIds };
}
