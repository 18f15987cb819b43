import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort } from './app-server';

const baseURL = inject('baseURL');
const dataDir = inject('dataDir');
const scratch = mkdtempSync(join(tmpdir(), 'jaarbeeld-ops-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Starts `node build` and waits for it to exit by itself (at most `limitMs`). */
async function startExpectingExit(env: Record<string, string | undefined>, limitMs = 15_000) {
	const port = await freePort();
	const childEnv = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		DATABASE_URL: undefined,
		...env
	};
	const started = Date.now();
	const child = spawn(process.execPath, ['build'], {
		env: Object.fromEntries(
			Object.entries(childEnv).filter(([, v]) => v !== undefined)
		) as NodeJS.ProcessEnv,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let stderr = '';
	child.stderr.on('data', (chunk) => (stderr += chunk));
	const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
	const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
	clearTimeout(timer);
	return { code, stderr: stderr.trim(), ms: Date.now() - started };
}

describe('starting with a database it cannot use', () => {
	it('exits within 10 s with one clear line when DATA_DIR is not writable', async () => {
		const file = join(scratch, 'not-a-dir');
		writeFileSync(file, 'x');
		const result = await startExpectingExit({ DATA_DIR: join(file, 'data') });
		expect(result.code).toBe(1);
		expect(result.ms).toBeLessThan(10_000);
		expect(result.stderr.split('\n')).toHaveLength(1);
		expect(result.stderr).toMatch(/^Jaarbeeld kan niet starten: DATA_DIR .* is niet schrijfbaar/);
	});

	it('exits within 10 s with one clear line when DATABASE_URL is unreachable', async () => {
		const result = await startExpectingExit({
			DATABASE_URL: 'postgres://jaarbeeld@127.0.0.1:1/jaarbeeld'
		});
		expect(result.code).toBe(1);
		expect(result.ms).toBeLessThan(10_000);
		expect(result.stderr.split('\n')).toHaveLength(1);
		expect(result.stderr).toMatch(/DATABASE_URL.*verbinding werd geweigerd/);
	});

	it("refuses a second process on the running app's data directory, and the first keeps working", async () => {
		const result = await startExpectingExit({ DATA_DIR: dataDir });
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/al in gebruik door proces \d+/);
		const health = await fetch(`${baseURL}/healthz`);
		expect(health.status).toBe(200);
	});
});

describe('health check and request ids', () => {
	it('answers 200 {"status":"ok"} without a session, with a request id', async () => {
		const response = await fetch(`${baseURL}/healthz`);
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ status: 'ok' });
		expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
	});

	it('keeps a well-formed request id from the proxy and ignores a malformed one', async () => {
		const kept = await fetch(`${baseURL}/healthz`, { headers: { 'x-request-id': 'proxy-123' } });
		expect(kept.headers.get('x-request-id')).toBe('proxy-123');
		const replaced = await fetch(`${baseURL}/healthz`, {
			headers: { 'x-request-id': 'bad id\twith spaces' }
		});
		expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
	});
});
