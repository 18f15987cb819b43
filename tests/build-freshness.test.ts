import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildNeeded } from '../scripts/build-freshness.mjs';

const roots: string[] = [];
afterEach(() => {
	for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function app(files: Record<string, number>): string {
	const root = mkdtempSync(join(tmpdir(), 'jaarbeeld-start-'));
	roots.push(root);
	const stamp = (path: string, secondsAgo: number) => {
		const at = new Date(Date.now() - secondsAgo * 1000);
		utimesSync(path, at, at);
	};
	for (const path of Object.keys(files)) {
		mkdirSync(join(root, path, '..'), { recursive: true });
		writeFileSync(join(root, path), '');
	}
	// folders as a checkout leaves them: older than what is in them
	for (const path of Object.keys(files))
		for (let dir = join(root, path, '..'); dir !== root; dir = join(dir, '..')) stamp(dir, 300);
	for (const [path, secondsAgo] of Object.entries(files)) stamp(join(root, path), secondsAgo);
	return root;
}

describe('npm start builds only when it must', () => {
	it('builds when there is no build', () => {
		expect(buildNeeded(app({ 'src/app.html': 60 }))).toBe('er is nog geen build');
	});
	it('starts at once when the build is newer than every source and config file', () => {
		const root = app({
			'src/routes/+page.svelte': 120,
			'migrations/index.ts': 120,
			'package-lock.json': 120,
			'build/handler.js': 10
		});
		expect(buildNeeded(root)).toBeNull();
	});
	it('builds again after a source, a migration or the lock file changed', () => {
		for (const changed of ['src/lib/deep/file.ts', 'migrations/new.ts', 'package-lock.json']) {
			const root = app({ 'src/app.html': 120, 'build/handler.js': 60, [changed]: 5 });
			expect(buildNeeded(root)).toBe(`${changed.split('/')[0]} is nieuwer dan de build`);
		}
	});
});
