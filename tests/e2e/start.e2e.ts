import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait-for';
import { freePort } from './app-server';

const scratch = mkdtempSync(join(tmpdir(), 'jaarbeeld-start-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('npm start', () => {
	it('starts the existing build with one Dutch line naming the address, on localhost only', async () => {
		const port = await freePort();
		const env: Record<string, string | undefined> = {
			...process.env,
			PORT: String(port),
			DATA_DIR: join(scratch, 'data'),
			DATABASE_URL: undefined,
			HOST: undefined
		};
		const child = spawn(process.execPath, ['scripts/start.mjs'], {
			env: Object.fromEntries(
				Object.entries(env).filter(([, v]) => v !== undefined)
			) as NodeJS.ProcessEnv,
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let output = '';
		child.stdout.on('data', (c) => (output += c));
		child.stderr.on('data', (c) => (output += c));
		try {
			await waitFor(() => output.includes('Jaarbeeld draait op'), {
				timeoutMs: 120_000,
				what: 'de regel waarop Jaarbeeld draait'
			});
			expect(output).toContain(
				`Jaarbeeld draait op http://localhost:${port} (alleen op deze computer). Stoppen: Ctrl+C.`
			);
			// no build chatter from vite, no English line of the adapter
			expect(output).not.toMatch(/Listening on|npm run preview|vite v\d|✓ built/);
			const health = await fetch(`http://127.0.0.1:${port}/healthz`);
			expect(health.status).toBe(200);
			// the first screen says how to sign in to the demo
			const signIn = await (await fetch(`http://127.0.0.1:${port}/inloggen`)).text();
			expect(signIn).toContain('Demo-accounts');
			expect(signIn).toContain('beheer@voorbeeld.nl');
			expect(signIn).toMatch(/<code[^>]*>jaarbeeld-demo<\/code>/);
		} finally {
			child.kill('SIGTERM');
			await new Promise((resolve) => child.once('exit', resolve));
		}
	});
});
