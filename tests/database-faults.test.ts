import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { waitFor } from './helpers/wait-for';
import { openDatabase } from '../src/lib/server/db/connect';
import { StartupError } from '../src/lib/server/db/startup-error';

const dirs: string[] = [];
function tempDir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'jaarbeeld-db-'));
	dirs.push(dir);
	return dir;
}
afterEach(() => {
	for (const dir of dirs.splice(0)) {
		chmodSync(dir, 0o700);
		rmSync(dir, { recursive: true, force: true });
	}
});

describe('opening the database', () => {
	it('explains an unreachable PostgreSQL server within seconds', async () => {
		const started = Date.now();
		const attempt = openDatabase({ databaseUrl: 'postgres://nobody@127.0.0.1:1/none' });
		await expect(attempt).rejects.toBeInstanceOf(StartupError);
		await expect(attempt).rejects.toThrow(/DATABASE_URL.*verbinding werd geweigerd/);
		expect(Date.now() - started).toBeLessThan(10_000);
	});

	it('explains a DATABASE_URL that is not a URL', async () => {
		await expect(openDatabase({ databaseUrl: 'niet een url' })).rejects.toThrow(
			/geen geldige PostgreSQL-URL/
		);
	});

	it('explains a DATA_DIR that cannot be written', async () => {
		const file = join(tempDir(), 'a-file');
		writeFileSync(file, 'x');
		await expect(openDatabase({ dataDir: join(file, 'data') })).rejects.toThrow(
			/DATA_DIR .* is niet schrijfbaar/
		);
	});

	it('refuses a second process on the same embedded data directory, and releases on close', async () => {
		const dir = tempDir();
		writeFileSync(join(dir, 'jaarbeeld.pid'), String(process.ppid));
		await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/al in gebruik door proces/);
		expect(readFileSync(join(dir, 'jaarbeeld.pid'), 'utf8')).toBe(String(process.ppid));

		rmSync(join(dir, 'jaarbeeld.pid'));
		const handle = await openDatabase({ dataDir: dir });
		expect(JSON.parse(readFileSync(join(dir, 'jaarbeeld.pid'), 'utf8'))).toMatchObject({
			pid: process.pid
		});
		await handle.close();
		expect(existsSync(join(dir, 'jaarbeeld.pid'))).toBe(false);
	}, 60_000);

	it('takes over a lock whose pid now belongs to an unrelated process (after a reboot)', async () => {
		const dir = tempDir();
		const sleeper = spawn('sleep', ['60']);
		try {
			const pid = sleeper.pid!;
			const start = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[19];
			const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
			const lock = (holder: object) =>
				writeFileSync(join(dir, 'jaarbeeld.pid'), JSON.stringify({ dir, ...holder }));
			// the very process that wrote the lock still runs: refused
			lock({ pid, boot, start });
			await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/al in gebruik door proces/);
			// written before a reboot, or by an earlier process with the same pid: taken over
			for (const stale of [
				{ pid, boot: '00000000-0000-0000-0000-000000000000', start },
				{ pid, boot, start: '1' }
			]) {
				lock(stale);
				const handle = await openDatabase({ dataDir: dir });
				await handle.close();
			}
			// an older lock file with the pid alone, now a process that is not Node: taken over
			writeFileSync(join(dir, 'jaarbeeld.pid'), String(pid));
			const handle = await openDatabase({ dataDir: dir });
			await handle.close();
		} finally {
			sleeper.kill();
		}
	}, 120_000);

	it('takes over the lock of a process that no longer runs', async () => {
		const dir = tempDir();
		writeFileSync(join(dir, 'jaarbeeld.pid'), '2147483646');
		const handle = await openDatabase({ dataDir: dir });
		expect(handle.kind).toBe('pglite');
		await handle.close();
	}, 60_000);
});

describe.runIf(process.env.DATABASE_URL)('losing PostgreSQL while a transaction is open', () => {
	it('fails that transaction with an error instead of crashing the process', async () => {
		const { createPostgresDatabase } = await import('./helpers/postgres-db');
		const { sql } = await import('kysely');
		const pg = (await import('pg')).default;
		const target = await createPostgresDatabase('jaarbeeld_fault');
		const handle = await openDatabase({ databaseUrl: target.url });
		const { log } = await import('../src/lib/server/log');
		const warn = vi.spyOn(log, 'warn');
		const uncaught: unknown[] = [];
		const onUncaught = (e: unknown) => uncaught.push(e);
		process.on('uncaughtException', onUncaught);
		try {
			const outcome = handle.db.transaction().execute(async (trx) => {
				const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
				// between two statements the connection is checked out and idle: end it from outside
				const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
				await admin.connect();
				await admin.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
				await admin.end();
				// wait until this process has noticed: either the fix logs it, or it escaped uncaught
				await waitFor(
					() =>
						uncaught.length > 0 ||
						warn.mock.calls.some((c) => c[1] === 'database connection lost during use'),
					{ what: 'het verbroken contact' }
				);
				await sql`select 1`.execute(trx);
			});
			await expect(outcome).rejects.toThrow();
			// the pool recovers: the next query gets a new connection
			await expect(sql`select 1 as one`.execute(handle.db)).resolves.toMatchObject({
				rows: [{ one: 1 }]
			});
			expect(uncaught).toEqual([]);
		} finally {
			process.off('uncaughtException', onUncaught);
			warn.mockRestore();
			await handle.close();
			await target.drop();
		}
	});
});
