import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../src/lib/server/db/connect';
import { cycleFixture, fillAndSubmit, jobRows, type CycleFixture } from './helpers/cycle';
import { startFakeSmtp, type TestSmtp } from './helpers/fake-smtp';
import { createTestDb, usingPostgres } from './helpers/test-db';

function runWorker(
	env: Record<string, string>
): Promise<{ code: number | null; ran: number; log: string }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/worker-process.ts'], {
			env: { ...process.env, LOG_LEVEL: 'silent', ...env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let log = '';
		child.stdout.on('data', (c) => (log += c));
		child.stderr.on('data', (c) => (log += c));
		child.on('exit', (code) => {
			const ran = Number(/WORKER-RESULT (\d+)/.exec(log)?.[1] ?? -1);
			resolve({ code, ran, log });
		});
	});
}

// The embedded database is opened by one process only; there the several-workers case is the
// in-process one in notifications.test.ts.
describe.skipIf(!usingPostgres)('two worker processes on one PostgreSQL database', () => {
	let handle: DbHandle;
	let f: CycleFixture;
	let smtp: TestSmtp;
	let dir: string;
	beforeAll(async () => {
		smtp = await startFakeSmtp();
		process.env.SMTP_URL = smtp.url;
		handle = await createTestDb();
		f = await cycleFixture(handle.db, 'p');
		dir = mkdtempSync(join(tmpdir(), 'jaarbeeld-workers-'));
	});
	afterAll(async () => {
		delete process.env.SMTP_URL;
		rmSync(dir, { recursive: true, force: true });
		await handle?.close();
		await smtp?.close();
	});

	it('send each e-mail exactly once', async () => {
		for (let q = 1; q <= 4; q++)
			for (const year of [2023, 2024])
				await fillAndSubmit(handle.db, f.kartrekker, {
					atelierId: f.atelierId,
					quarter: `${year}Q${q}`
				});
		const jobs = await jobRows(handle.db);
		expect(jobs.filter((j) => j.kind === 'email')).toHaveLength(16); // 8 submissions x 2 managers
		const go = join(dir, 'go');
		const env = { DATABASE_URL: handle.url!, SMTP_URL: smtp.url, WORKER_GO_FILE: go };
		const ready = [join(dir, 'a'), join(dir, 'b')];
		const workers = ready.map((file) => runWorker({ ...env, WORKER_READY_FILE: file }));
		// both processes have opened the database before either starts
		while (!ready.every((file) => existsSync(file))) await new Promise((r) => setTimeout(r, 20));
		writeFileSync(go, '');
		const results = await Promise.all(workers);
		for (const r of results) expect(r.code, r.log).toBe(0);
		expect(results[0].ran + results[1].ran).toBe(16);
		expect(smtp.mails).toHaveLength(16);
		expect(new Set(smtp.mails.map((m) => `${m.to[0]}|${m.subject}`)).size).toBe(16);
		expect((await jobRows(handle.db)).every((j) => j.status === 'done')).toBe(true);
	});
});
