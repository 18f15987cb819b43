import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './app-server';
import { createPostgresDatabase } from '../helpers/postgres-db';

/** A tiny cookie jar: the cookies one process set, sent to whichever process comes next. */
class Jar {
	private cookies = new Map<string, string>();
	take(response: Response) {
		for (const line of response.headers.getSetCookie()) {
			const [pair] = line.split(';');
			const at = pair.indexOf('=');
			const name = pair.slice(0, at).trim();
			const value = pair.slice(at + 1).trim();
			if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
	}
	header() {
		return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	}
}

async function post(app: RunningApp, path: string, fields: Record<string, string>, jar: Jar) {
	const response = await fetch(`${app.url}${path}`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: app.url,
			'content-type': 'application/x-www-form-urlencoded',
			// a browser's form post: without it SvelteKit answers form actions as JSON (status 200)
			accept: 'text/html',
			cookie: jar.header()
		},
		body: new URLSearchParams(fields)
	});
	jar.take(response);
	return response;
}

async function get(app: RunningApp, path: string, jar: Jar) {
	const response = await fetch(`${app.url}${path}`, {
		redirect: 'manual',
		headers: { cookie: jar.header() }
	});
	jar.take(response);
	return response;
}

// Two app processes on one PostgreSQL database: nothing that matters may live in one process.
describe.runIf(Boolean(process.env.DATABASE_URL))('two app processes, one database', () => {
	let a: RunningApp;
	let b: RunningApp;
	let drop: () => Promise<void>;
	beforeAll(async () => {
		const database = await createPostgresDatabase();
		drop = database.drop;
		const { execFileSync } = await import('node:child_process');
		// A real installation starts empty; the demo is loaded on purpose, as the README says.
		execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/db-seed.ts'], {
			env: { ...process.env, DATABASE_URL: database.url },
			stdio: 'ignore'
		});
		a = await startApp({ DATABASE_URL: database.url });
		b = await startApp({ DATABASE_URL: database.url });
	}, 180_000);
	afterAll(async () => {
		await a?.stop();
		await b?.stop();
		await drop?.();
	});

	it('a session started on one process continues on the other, and edits are seen at once', async () => {
		const jar = new Jar();
		const signIn = await post(
			a,
			'/inloggen',
			{ email: 'beheer@voorbeeld.nl', password: 'jaarbeeld-demo' },
			jar
		);
		expect(signIn.status).toBe(303);

		const onB = await get(b, '/beheer/gebruikers', jar);
		expect(onB.status).toBe(200);
		expect(await onB.text()).toContain('beheer@voorbeeld.nl');

		const created = await post(
			b,
			'/beheer/gebruikers?/create',
			{ name: 'Stateless Proef', email: 'stateless@voorbeeld.nl', role: 'council' },
			jar
		);
		expect(created.status).toBe(200);

		const onA = await get(a, '/beheer/gebruikers', jar);
		expect(onA.status).toBe(200);
		expect(await onA.text()).toContain('stateless@voorbeeld.nl');
	});

	it('sign-in throttling is counted in the database, across processes', async () => {
		const jar = new Jar();
		const statuses: number[] = [];
		for (let i = 0; i < 6; i++) {
			const app = i % 2 === 0 ? a : b;
			const response = await post(
				app,
				'/inloggen',
				{ email: 'raad@voorbeeld.nl', password: `fout-${i}` },
				jar
			);
			statuses.push(response.status);
		}
		expect(statuses.slice(0, 5).every((s) => s === 400)).toBe(true);
		expect(statuses[5]).toBe(429);
		// the right password is refused too while the block lasts, on either process
		const blocked = await post(
			a,
			'/inloggen',
			{ email: 'raad@voorbeeld.nl', password: 'jaarbeeld-demo' },
			jar
		);
		expect(blocked.status).toBe(429);
	});
});
