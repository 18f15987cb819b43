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

/** Starts the app on `databaseUrl`, signs in, and hands `measure` a function that fetches a page. */
export async function withSignedInApp(
	db: Kysely<Database>,
	databaseUrl: string,
	measure: (
		get: (path: string) => Promise<string>,
		size: (path: string, acceptEncoding: string) => Promise<Sized>
	) => Promise<void>
): Promise<void> {
	if (!existsSync('build/index.js')) {
		console.log('(de app wordt eerst gebouwd: vite build)');
		execFileSync('npx', ['vite', 'build'], { stdio: 'ignore' });
	}
	// a fresh password every run: the bench account exists only for this measurement
	const password = `bench-${randomBytes(12).toString('hex')}`;
	await removeAccount(db);
	await runUserCreate(db, {
		email: EMAIL,
		password,
		role: 'management',
		name: 'Bench',
		atelierSlugs: []
	});

	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, ['build'], {
		env: {
			...process.env,
			DATABASE_URL: databaseUrl,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: url,
			LOG_LEVEL: 'warn'
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const exited = new Promise((resolve) => child.once('exit', resolve));
	try {
		const deadline = Date.now() + 60_000;
		for (;;) {
			if (child.exitCode !== null) throw new Error('De app stopte bij het starten.');
			if (Date.now() > deadline) throw new Error('De app antwoordde niet binnen 60 s.');
			const healthy = await fetch(`${url}/healthz`).then(
				(r) => r.ok,
				() => false
			);
			if (healthy) break;
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		const login = await fetch(`${url}/inloggen`, {
			method: 'POST',
			headers: {
				origin: url,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({ email: EMAIL, password }),
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
		await measure(
			async (path) => {
				// fetch asks for gzip, deflate and br, as a browser does, and decompresses
				const response = await fetch(`${url}${path}`, { headers: { cookie }, redirect: 'manual' });
				const body = await response.text();
				if (response.status !== 200) throw new Error(`${path} gaf ${response.status}.`);
				return body;
			},
			(path, acceptEncoding) =>
				sized(`${url}${path}`, { cookie, 'accept-encoding': acceptEncoding })
		);
	} finally {
		child.kill('SIGTERM');
		await exited;
		await removeAccount(db);
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
