import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	anyActiveWithPassword,
	demoAccountsActive,
	listensBeyondLocalhost
} from '../src/lib/server/auth/demo-warning';
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

	it('warns about demo passwords on PostgreSQL, and on the embedded database others can reach, while such an account is active', async () => {
		const id = await user(handle.db, 'demo@voorbeeld.nl', 'council', 'iets-anders-dan-demo');
		expect(await anyActiveWithPassword(handle.db, 'jaarbeeld-demo')).toBe(false);
		await handle.db.transaction().execute((trx) => setDemoPasswords(trx, ['demo@voorbeeld.nl']));
		expect(await anyActiveWithPassword(handle.db, 'jaarbeeld-demo')).toBe(true);
		expect(await demoAccountsActive(handle.db, 'pglite', false)).toBe(false);
		expect(await demoAccountsActive(handle.db, 'pglite', true)).toBe(true);
		await setUserActive(handle.db, null, id, false);
		expect(await anyActiveWithPassword(handle.db, 'jaarbeeld-demo')).toBe(false);
		expect(await demoAccountsActive(handle.db, 'pglite', true)).toBe(false);
	});

	it('knows when the server listens beyond this computer', () => {
		for (const host of ['127.0.0.1', 'localhost', '::1', ' LOCALHOST '])
			expect(listensBeyondLocalhost(host)).toBe(false);
		for (const host of ['0.0.0.0', '::', '192.168.1.20', 'jaarbeeld.example.nl', undefined])
			expect(listensBeyondLocalhost(host)).toBe(true);
	});
});
