// The VWS PDF of the demo over three years (2020-2022) as a user gets it: the built app
// (`node build`) on its own fresh database with the demo data — embedded, or with DATABASE_URL a
// new database `<name>_pdf` on that PostgreSQL server, dropped afterwards — signed in as the
// demo's management account, GET /dashboard/rapport.pdf. The first PDF after the start (it starts
// Chromium) and the median of the next five (warm), the app's peak RSS, and Chromium's memory at
// the end. Used by scripts/bench.ts; also runs on its own: tsx scripts/bench-report-pdf.ts
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { seedDemo } from '../seeds/demo';
import { openDatabase } from '../src/lib/server/db/connect';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { freePort } from './free-port';

const PATH = '/dashboard/rapport.pdf?van=2020Q1&tot=2022Q4&voor=vws';

export interface ReportPdfBench {
	database: 'PGlite' | 'PostgreSQL';
	firstMs: number;
	warmMs: number;
	bytes: number;
	/** The app's peak RSS before the first PDF (start, migrations; on PGlite the demo data). */
	appStartRssMb: number;
	/** The app's peak RSS after the six PDFs. */
	appPeakRssMb: number;
	chromiumRssMb: number;
}

/** Resident memory (MB) of every process below `pid` (Chromium's browser, renderers, GPU...). */
function descendantsRssMb(pid: number): number {
	const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,rss='], { encoding: 'utf8' })
		.trim()
		.split('\n')
		.map((l) => l.trim().split(/\s+/).map(Number));
	const below = new Set([pid]);
	let grew = true;
	while (grew) {
		grew = false;
		for (const [p, pp] of rows)
			if (below.has(pp) && !below.has(p)) {
				below.add(p);
				grew = true;
			}
	}
	below.delete(pid);
	return Math.round(rows.filter(([p]) => below.has(p)).reduce((s, r) => s + r[2], 0) / 1024);
}

export async function benchReportPdf(): Promise<ReportPdfBench> {
	if (!existsSync('build/index.js')) {
		console.log('(de app wordt eerst gebouwd: vite build)');
		execFileSync('npx', ['vite', 'build'], { stdio: 'ignore' });
	}
	const dataDir = mkdtempSync(join(tmpdir(), 'jaarbeeld-bench-pdf-'));
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const env: NodeJS.ProcessEnv = {
		...process.env,
		DATA_DIR: dataDir,
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: url,
		LOG_LEVEL: 'warn'
	};
	delete env.DATABASE_URL;
	// on PostgreSQL: a sibling database with the demo, so the bench's own data stays as it is
	let pgUrl: string | null = null;
	const server = process.env.DATABASE_URL;
	if (server) {
		const url = new URL(server);
		const name = `${url.pathname.slice(1)}_pdf`;
		const admin = await openDatabase({ databaseUrl: server });
		await sql`drop database if exists ${sql.id(name)}`.execute(admin.db);
		await sql`create database ${sql.id(name)}`.execute(admin.db);
		await admin.close();
		url.pathname = `/${name}`;
		pgUrl = url.toString();
		const demo = await openDatabase({ databaseUrl: pgUrl });
		await migrateToLatest(demo.db);
		await seedDemo(demo.db);
		await demo.close();
		env.DATABASE_URL = pgUrl;
	}
	const child = spawn(process.execPath, ['build'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
	const exited = new Promise((resolve) => child.once('exit', resolve));
	try {
		const deadline = Date.now() + 180_000;
		for (;;) {
			if (child.exitCode !== null) throw new Error('De app stopte bij het starten.');
			if (Date.now() > deadline) throw new Error('De app antwoordde niet binnen 180 s.');
			const healthy = await fetch(`${url}/healthz`).then(
				(r) => r.ok,
				() => false
			);
			if (healthy) break;
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		const login = await fetch(`${url}/inloggen`, {
			method: 'POST',
			headers: {
				origin: url,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({ email: 'beheer@voorbeeld.nl', password: 'jaarbeeld-demo' }),
			redirect: 'manual'
		});
		const cookie = login.headers
			.getSetCookie()
			.map((c) => c.split(';')[0])
			.join('; ');
		if (login.status !== 303 || !cookie) throw new Error(`Inloggen mislukt (${login.status}).`);
		const get = async () => {
			const started = performance.now();
			const response = await fetch(`${url}${PATH}`, { headers: { cookie } });
			const body = Buffer.from(await response.arrayBuffer());
			const ms = performance.now() - started;
			if (response.status !== 200 || body.subarray(0, 4).toString() !== '%PDF')
				throw new Error(`${PATH} gaf ${response.status}.`);
			return { ms, bytes: body.length };
		};
		const hwmMb = () =>
			Math.round(
				Number(
					/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0
				) / 1024
			);
		const appStartRssMb = hwmMb();
		const first = await get();
		const warm: number[] = [];
		for (let i = 0; i < 5; i++) warm.push((await get()).ms);
		return {
			database: pgUrl ? 'PostgreSQL' : 'PGlite',
			firstMs: Math.round(first.ms),
			warmMs: Math.round([...warm].sort((a, b) => a - b)[2]),
			bytes: first.bytes,
			appStartRssMb,
			appPeakRssMb: hwmMb(),
			chromiumRssMb: descendantsRssMb(child.pid!)
		};
	} finally {
		child.kill('SIGTERM');
		await exited;
		rmSync(dataDir, { recursive: true, force: true });
		if (pgUrl && server) {
			const admin = await openDatabase({ databaseUrl: server });
			await sql`drop database if exists ${sql.id(new URL(pgUrl).pathname.slice(1))}`.execute(
				admin.db
			);
			await admin.close();
		}
	}
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const r = await benchReportPdf();
	console.log(JSON.stringify(r));
}
