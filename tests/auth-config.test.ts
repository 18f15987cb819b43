import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anyActiveWithPassword, demoAccountsActive } from '../src/lib/server/auth/demo-warning';
import type { DbHandle } from '../src/lib/server/db/connect';
import { setUserActive } from '../src/lib/server/users/accounts';
import { setDemoPasswords } from '../seeds/demo-accounts';
import { user } from './helpers/auth';
import { createTestDb } from './helpers/test-db';

describe('auth configuration', () => {
	let handle: DbHandle;
	beforeAll(async () => {
		handle = await createTestDb();
	});
	afterAll(async () => handle?.close());

	it('warns about demo passwords only on PostgreSQL and only while such an account is active', async () => {
		const id = await user(handle.db, 'demo@voorbeeld.nl', 'council', 'iets-anders-dan-demo');
		expect(await anyActiveWithPassword(handle.db, 'jaarbeeld-demo')).toBe(false);
		await handle.db.transaction().execute((trx) => setDemoPasswords(trx, ['demo@voorbeeld.nl']));
		expect(await anyActiveWithPassword(handle.db, 'jaarbeeld-demo')).toBe(true);
		expect(await demoAccountsActive(handle.db, 'pglite')).toBe(false);
		await setUserActive(handle.db, null, id, false);
		expect(await anyActiveWithPassword(handle.db, 'jaarbeeld-demo')).toBe(false);
	});
});
