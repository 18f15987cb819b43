// Whether `npm start` must build first: no build yet, or a source or config file newer than it.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['src', 'migrations', 'seeds', 'static'];
const CONFIG = ['package.json', 'package-lock.json', 'svelte.config.js', 'vite.config.ts'];

/** @param {string} path @returns {number} */
function newest(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let latest = stat.mtimeMs;
	for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
	return latest;
}

/**
 * Why the app in `root` needs a build (a Dutch phrase), or null when build/ is up to date.
 * @param {string} root
 * @returns {string | null}
 */
export function buildNeeded(root) {
	const built = join(root, 'build', 'handler.js');
	if (!existsSync(built)) return 'er is nog geen build';
	const at = statSync(built).mtimeMs;
	const changed = [...SOURCES, ...CONFIG].find((p) => newest(join(root, p)) > at);
	return changed ? `${changed} is nieuwer dan de build` : null;
}
