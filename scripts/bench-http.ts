// The dashboard's server response as a user gets it: the built app (`node build`) on the bench's
// PostgreSQL database, a signed-in management account, GET /dashboard with the bench period,
// rendered on the server (charts included). Used by scripts/bench.ts.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import type { Kysely } from 'kysely';
import type { Database } from '../src/lib/server/db/types';
import { runUserCreate } from '../src/lib/server/users/cli';
import { freePort } from './free-port';

const EMAIL = 'bench-dashboard@voorbeeld.nl';

export interface App {
	url: string;
	pid: number;
	/** What the process wrote to stderr so far (the bench counts deadlocks and errors in it). */
	stderr: () => string;
	stop: () => Promise<void>;
}

/**
 * Builds the app if needed and starts `node build` on `database` (a PostgreSQL URL, or
 * `{ dataDir }` for the embedded database), healthy when it returns.
 */
export async function startApp(
	database: string | { dataDir: string },
	env: Record<string, string> = {}
): Promise<App> {
	if (!existsSync('build/index.js')) {
		console.log('(de app wordt eerst gebouwd: vite build)');
		execFileSync('npx', ['vite', 'build'], { stdio: 'ignore' });
	}
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const { DATABASE_URL: _unused, ...inherited } = process.env;
	void _unused;
	const child = spawn(process.execPath, ['build'], {
		env: {
			...inherited,
			...(typeof database === 'string'
				? { DATABASE_URL: database }
				: { DATA_DIR: database.dataDir }),
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: url,
			LOG_LEVEL: 'warn',
			...env
		},
		stdio: ['ignore', 'ignore', 'pipe']
	});
	let stderr = '';
	child.stderr!.on('data', (chunk: Buffer) => {
		stderr += chunk.toString('utf8');
		if (stderr.length > 4_000_000) stderr = stderr.slice(-2_000_000);
	});
	const exited = new Promise((resolve) => child.once('exit', resolve));
	const stop = async () => {
		child.kill('SIGTERM');
		await exited;
	};
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`De app stopte bij het starten: ${stderr}`);
		if (Date.now() > deadline) {
			await stop();
			throw new Error('De app antwoordde niet binnen 60 s.');
		}
		const healthy = await fetch(`${url}/healthz`).then(
			(r) => r.ok,
			() => false
		);
		if (healthy) break;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	return { url, pid: child.pid!, stderr: () => stderr, stop };
}

/** Signs in through the sign-in form; the session cookie works on every process of the database. */
export async function signIn(url: string, email: string, password: string): Promise<string> {
	const login = await fetch(`${url}/inloggen`, {
		method: 'POST',
		headers: {
			origin: url,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ email, password }),
		redirect: 'manual'
	});
	const cookie = login.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
	if (login.status !== 303 || !cookie)
		throw new Error(
			`Inloggen mislukt (${login.status}): ${(await login.text())
				.replace(/<[^>]+>/g, ' ')
				.replace(/\s+/g, ' ')
				.slice(0, 300)}`
		);
	return cookie;
}

/** A management account for the bench, with a fresh password; `remove` deletes it again. */
export async function benchAccount(
	db: Kysely<Database>
): Promise<{ email: string; password: string; remove: () => Promise<void> }> {
	const password = `bench-${randomBytes(12).toString('hex')}`;
	await removeAccount(db);
	await runUserCreate(db, {
		email: EMAIL,
		password,
		role: 'management',
		name: 'Bench',
		atelierSlugs: []
	});
	return { email: EMAIL, password, remove: () => removeAccount(db) };
}

/** Starts the app on `databaseUrl`, signs in, and hands `measure` a function that fetches a page. */
export async function withSignedInApp(
	db: Kysely<Database>,
	databaseUrl: string,
	measure: (
		get: (path: string) => Promise<string>,
		size: (path: string, acceptEncoding: string) => Promise<Sized>,
		app: App,
		cookie: string
	) => Promise<void>
): Promise<void> {
	const account = await benchAccount(db);
	const app = await startApp(databaseUrl);
	try {
		const cookie = await signIn(app.url, account.email, account.password);
		await measure(
			async (path) => {
				// fetch asks for gzip, deflate and br, as a browser does, and decompresses
				const response = await fetch(`${app.url}${path}`, {
					headers: { cookie },
					redirect: 'manual'
				});
				const body = await response.text();
				if (response.status !== 200) throw new Error(`${path} gaf ${response.status}.`);
				return body;
			},
			(path, acceptEncoding) =>
				sized(`${app.url}${path}`, { cookie, 'accept-encoding': acceptEncoding }),
			app,
			cookie
		);
	} finally {
		await app.stop();
		await account.remove();
	}
}

export interface Sized {
	/** Bytes on the wire. */
	bytes: number;
	encoding: string;
}

/** The size of a response as sent (node:http does not decompress). */
function sized(url: string, headers: Record<string, string>): Promise<Sized> {
	return new Promise((resolve, reject) => {
		const req = request(url, { headers }, (res) => {
			let bytes = 0;
			res.on('data', (c: Buffer) => (bytes += c.length));
			res.on('end', () =>
				res.statusCode === 200
					? resolve({ bytes, encoding: String(res.headers['content-encoding'] ?? 'geen') })
					: reject(new Error(`${url} gaf ${res.statusCode}.`))
			);
		});
		req.on('error', reject);
		req.end();
	});
}

async function removeAccount(db: Kysely<Database>): Promise<void> {
	await db.deleteFrom('app_users').where('email', '=', EMAIL).execute();
}
