import { describe, expect, it } from 'vitest';
import { demoSignIns, forgetDemoSignIns } from '../src/lib/server/auth/demo-accounts';
import { changeOwnPassword } from '../src/lib/server/users/passwords';
import { atelier, user } from './helpers/auth';
import { useDemoDb } from './helpers/demo-db';
import { createTestDb } from './helpers/test-db';

describe('the demo accounts named on the sign-in page', () => {
	const demo = useDemoDb();

	it('lists every seeded account that still has the public password, management first', async () => {
		forgetDemoSignIns();
		const accounts = await demoSignIns(demo.db);
		expect(accounts[0]).toMatchObject({ email: 'beheer@voorbeeld.nl', role: 'management' });
		expect(accounts.map((a) => a.role)).toContain('council');
		expect(accounts.filter((a) => a.role === 'kartrekker').length).toBeGreaterThan(0);
	});

	it('drops an account once its password is changed, and one that is deactivated', async () => {
		forgetDemoSignIns();
		const before = await demoSignIns(demo.db);
		const council = await demo.db
			.selectFrom('app_users')
			.select('id')
			.where('email', '=', 'raad@voorbeeld.nl')
			.executeTakeFirstOrThrow();
		await demo.db
			.updateTable('app_users')
			.set({ active: false })
			.where('email', '=', 'impact@voorbeeld.nl')
			.execute();
		await changeOwnPassword(demo.db, council.id, 'jaarbeeld-demo', 'een-eigen-lang-wachtwoord');
		const after = await demoSignIns(demo.db);
		expect(after.map((a) => a.email)).toEqual(
			before
				.map((a) => a.email)
				.filter((e) => e !== 'raad@voorbeeld.nl' && e !== 'impact@voorbeeld.nl')
		);
	});
});

describe('an installation without the demo data', () => {
	it('names no account, not even one with the demo password', async () => {
		const handle = await createTestDb();
		try {
			const a = await atelier(handle.db, 'eigen');
			await user(handle.db, 'iemand@eigen.nl', 'kartrekker', 'jaarbeeld-demo', [a]);
			forgetDemoSignIns();
			expect(await demoSignIns(handle.db)).toEqual([]);
		} finally {
			await handle.close();
		}
	});
});
