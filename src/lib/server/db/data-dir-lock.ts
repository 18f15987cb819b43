import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { StartupError } from './startup-error';

const LOCK_FILE = 'jaarbeeld.pid';

function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * PGlite is single-process: a second process on the same data directory would corrupt it. The lock
 * is a pid file; a stale one (its process is gone) is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
	const path = join(dataDir, LOCK_FILE);
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const fd = openSync(path, 'wx');
			writeSync(fd, String(process.pid));
			closeSync(fd);
			return () => {
				try {
					if (readFileSync(path, 'utf8').trim() === String(process.pid)) unlinkSync(path);
				} catch {
					// already gone: nothing to release
				}
			};
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
			if (Number.isInteger(pid) && pid !== process.pid && isRunning(pid)) {
				throw new StartupError(
					`De ingebouwde database in ${dataDir} is al in gebruik door proces ${pid}. ` +
						`Stop dat proces eerst, of kies een andere DATA_DIR (voor meerdere processen: gebruik PostgreSQL via DATABASE_URL).`
				);
			}
			unlinkSync(path);
		}
	}
	throw new StartupError(
		`Kon ${path} niet vergrendelen: verwijder dit bestand als er geen Jaarbeeld meer draait.`
	);
}
