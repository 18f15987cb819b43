import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './app-server';
import { createPostgresDatabase } from '../helpers/postgres-db';
import { DEMO_PASSWORD, DEMO_USERS, signInCookie } from './session';

const WARNING = 'nog een demo-account actief';

// The demo loaded on purpose into PostgreSQL: every page warns while a demo password is active.
describe.runIf(Boolean(process.env.DATABASE_URL))('demo accounts on PostgreSQL', () => {
	let app: RunningApp;
	let url: string;
	let drop: () => Promise<void>;
	beforeAll(async () => {
		const database = await createPostgresDatabase();
		url = database.url;
		drop = database.drop;
		execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/db-seed.ts'], {
			env: { ...process.env, DATABASE_URL: url },
			stdio: 'ignore'
		});
		app = await startApp({ DATABASE_URL: url });
	}, 180_000);
	afterAll(async () => {
		await app?.stop();
		await drop?.();
	});

	it('warns on every page until no active account has the demo password', async () => {
		expect(await (await fetch(`${app.url}/inloggen`)).text()).toContain(WARNING);
		const cookie = await signInCookie(app.url, DEMO_USERS.management);
		const page = await fetch(`${app.url}/ateliers`, { headers: { cookie } });
		expect(await page.text()).toContain(WARNING);

		// the other demo accounts are switched off; management changes its own password
		const client = new pg.Client({ connectionString: url });
		await client.connect();
		try {
			await client.query(`update app_users set active = false where email <> $1`, [
				DEMO_USERS.management
			]);
		} finally {
			await client.end();
		}
		const changed = await fetch(`${app.url}/account?/wachtwoord`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				origin: app.url,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded',
				cookie
			},
			body: new URLSearchParams({
				current: DEMO_PASSWORD,
				next: 'een-echt-eigen-wachtwoord',
				confirm: 'een-echt-eigen-wachtwoord'
			})
		});
		expect(changed.status).toBe(200);
		const after = await fetch(`${app.url}/ateliers`, { headers: { cookie } });
		expect(after.status).toBe(200);
		expect(await after.text()).not.toContain(WARNING);
	});
});
