// The memory of the default install (issue 15): the built app on the embedded database (PGlite)
// with the demo data, as `npm start` runs it, signed in as the demo's management account.
// Prints the resident set (VmRSS) and its peak (VmHWM) from /proc after starting, after the
// dashboard of every year, and after the workbook export of every year. Used by scripts/bench.ts;
// on its own: `npx tsx scripts/bench-pglite-memory.ts`.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '../src/lib/server/auth/demo-warning';
import { signIn, startApp } from './bench-http';

export interface MemoryFigures {
	/** MB at the very first start on an empty directory (initdb, migrations, the demo seed). */
	firstStart: { rss: number; peak: number };
	/** MB after starting again on that directory, as every later start does. */
	started: { rss: number; peak: number };
	dashboard: { rss: number; peak: number };
	workbook: { rss: number; peak: number; bytes: number };
}

function memory(pid: number): { rss: number; peak: number } {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (name: string) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'))![1]);
	return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

export async function benchPgliteMemory(): Promise<MemoryFigures> {
	const dataDir = mkdtempSync(join(tmpdir(), 'jaarbeeld-memory-'));
	const first = await startApp({ dataDir }, { BODY_SIZE_LIMIT: '11M' });
	const firstStart = memory(first.pid);
	await first.stop();
	const app = await startApp({ dataDir }, { BODY_SIZE_LIMIT: '11M' });
	try {
		const started = memory(app.pid);
		const cookie = await signIn(app.url, 'beheer@voorbeeld.nl', DEMO_PASSWORD);
		const get = async (path: string) => {
			const response = await fetch(`${app.url}${path}`, { headers: { cookie } });
			const body = new Uint8Array(await response.arrayBuffer());
			if (response.status !== 200) throw new Error(`${path} gaf ${response.status}.`);
			return body;
		};
		for (let i = 0; i < 3; i++) {
			await get('/dashboard?van=2020Q1&tot=2026Q4');
			await get('/dashboard?van=2020Q1&tot=2026Q4&lijn=1');
		}
		const dashboard = memory(app.pid);
		let bytes = 0;
		for (let i = 0; i < 2; i++)
			bytes = (await get('/dashboard/export.xlsx?van=2020Q1&tot=2026Q4')).length;
		return { firstStart, started, dashboard, workbook: { ...memory(app.pid), bytes } };
	} finally {
		await app.stop();
		rmSync(dataDir, { recursive: true, force: true });
	}
}

export function printMemory(m: MemoryFigures): void {
	console.log(
		`PGlite (standaardinstallatie, demo): eerste start op een lege map RSS ${m.firstStart.rss} MB (piek ${m.firstStart.peak} MB); daarna opnieuw gestart: RSS ${m.started.rss} MB (piek ${m.started.peak} MB); na dashboards ${m.dashboard.rss} MB (piek ${m.dashboard.peak} MB); na 2 werkboeken 2020-2026 (${(m.workbook.bytes / 1024).toFixed(0)} KB) ${m.workbook.rss} MB (piek ${m.workbook.peak} MB)`
	);
}

if (import.meta.url === `file://${process.argv[1]}`) printMemory(await benchPgliteMemory());
