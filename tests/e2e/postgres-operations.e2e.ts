import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './app-server';
import { createPostgresDatabase } from '../helpers/postgres-db';

const running: RunningApp[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
	for (const app of running.splice(0)) await app.stop();
	for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function appOnFreshDatabase() {
	const database = await createPostgresDatabase();
	cleanups.push(database.drop);
	const app = await startApp({ DATABASE_URL: database.url });
	running.push(app);
	return { app, url: database.url };
}

const settled = async (promise: Promise<unknown>, ms: number) =>
	Promise.race([
		promise.then(
			() => true,
			() => true
		),
		new Promise((r) => setTimeout(() => r(false), ms))
	]);

// These run the real PostgreSQL of DATABASE_URL (as .ci/run does); each test on its own database.
describe.runIf(Boolean(process.env.DATABASE_URL))('operations on PostgreSQL', () => {
	it('finishes a request in flight on SIGTERM, refuses new ones, and exits 0', async () => {
		const { app, url } = await appOnFreshDatabase();
		const locker = new pg.Client({ connectionString: url });
		await locker.connect();
		// end it before the database is dropped (with force), which would kill it with an error
		cleanups.unshift(() => locker.end());
		// Every page reads the werkplaats settings: holding that table makes a request slow for real.
		// (A fresh database has no manager yet, so every page leads to the set-up page.)
		await locker.query('begin');
		await locker.query('lock table settings in access exclusive mode');

		const slow = fetch(`${app.url}/installatie`, { redirect: 'manual' });
		expect(await settled(slow, 1_000)).toBe(false);

		app.process.kill('SIGTERM');
		// new connections are refused as soon as the server stops listening (how soon depends on
		// the machine's load, so wait for it rather than for a fixed time)
		let refused = false;
		for (const deadline = Date.now() + 10_000; !refused && Date.now() < deadline;) {
			refused = await fetch(`${app.url}/healthz`).then(
				() => false,
				() => true
			);
			if (!refused) await new Promise((r) => setTimeout(r, 100));
		}
		expect(refused).toBe(true);
		// ... while the request in flight keeps the process alive
		expect(app.process.exitCode).toBeNull();
		expect(await settled(slow, 0)).toBe(false);

		await locker.query('commit');
		const response = await slow;
		expect([200, 303]).toContain(response.status);
		await response.text();
		// it then closes the database and exits by itself (stop() would send a second signal)
		const code =
			app.process.exitCode ??
			(await new Promise<number | null>((resolve) => {
				app.process.once('exit', resolve);
				setTimeout(() => resolve(-1), 10_000);
			}));
		expect(code).toBe(0);
	});

	it('reports 503 on /healthz while the database does not answer', async () => {
		const { app } = await appOnFreshDatabase();
		expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
		// Dropping the database ends the app's connections, and new ones fail.
		await cleanups.pop()!();
		const response = await fetch(`${app.url}/healthz`);
		expect(response.status).toBe(503);
		expect(await response.json()).toEqual({ status: 'unavailable' });
	});

	it('logs one JSON line per request with its id, and no cookies', async () => {
		const { app } = await appOnFreshDatabase();
		const response = await fetch(`${app.url}/healthz?email=iemand@voorbeeld.nl`, {
			headers: { cookie: 'geheim=koekje' }
		});
		const id = response.headers.get('x-request-id');
		await app.waitForOutput((output) => output.includes(`"requestId":"${id}"`));
		const lines = app
			.output()
			.split('\n')
			.filter((l) => l.startsWith('{'))
			.map((l) => JSON.parse(l));
		const line = lines.find((l) => l.requestId === id);
		expect(line).toMatchObject({ msg: 'request', method: 'GET', path: '/healthz', status: 200 });
		expect(typeof line.durationMs).toBe('number');
		expect(app.output()).not.toContain('koekje');
		expect(app.output()).not.toContain('iemand@voorbeeld.nl');
	});
});
