import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { StartupError } from './startup-error';

const LOCK_FILE = 'jaarbeeld.pid';

/** Who holds the lock: the pid, and what makes that pid this very process (Linux /proc). */
interface Holder {
	pid: number;
	/** /proc/sys/kernel/random/boot_id: a pid of an earlier boot is another process. */
	boot: string | null;
	/** Start time of the process in clock ticks since boot (/proc/<pid>/stat, field 22). */
	start: string | null;
	dir: string;
}

function readProc(path: string): string | null {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		return null;
	}
}

const bootId = () => readProc('/proc/sys/kernel/random/boot_id')?.trim() ?? null;

function startTicks(pid: number): string | null {
	const stat = readProc(`/proc/${pid}/stat`);
	// the command name (field 2) is in parentheses and may hold spaces: count from the last ')'
	const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
	return fields?.[19] ?? null;
}

function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function parse(text: string): Holder | null {
	try {
		const value = JSON.parse(text) as Holder;
		if (Number.isInteger(value.pid)) return value;
	} catch {
		// an older lock file: the pid alone
	}
	const pid = Number.parseInt(text.trim(), 10);
	return Number.isInteger(pid) ? { pid, boot: null, start: null, dir: '' } : null;
}

/**
 * Whether the lock's process still holds this data directory. Its pid may now belong to another
 * process (after a reboot, or pids wrapped around): where /proc tells, the lock counts only when
 * the boot and the process's start time are the ones written in it. An older lock with only a pid
 * counts when that pid runs Node.
 */
function holds(holder: Holder): boolean {
	if (holder.pid === process.pid || !isRunning(holder.pid)) return false;
	const boot = bootId();
	if (holder.boot && boot) return holder.boot === boot && holder.start === startTicks(holder.pid);
	const cmdline = readProc(`/proc/${holder.pid}/cmdline`);
	return cmdline === null || /node|jaarbeeld/i.test(cmdline);
}

/**
 * PGlite is single-process: a second process on the same data directory would corrupt it. The lock
 * is a pid file naming this process exactly (pid, boot, start time); a stale one is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
	const path = join(dataDir, LOCK_FILE);
	const me: Holder = {
		pid: process.pid,
		boot: bootId(),
		start: startTicks(process.pid),
		dir: resolve(dataDir)
	};
	const content = JSON.stringify(me);
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const fd = openSync(path, 'wx');
			writeSync(fd, content);
			closeSync(fd);
			return () => {
				try {
					if (parse(readFileSync(path, 'utf8'))?.pid === process.pid) unlinkSync(path);
				} catch {
					// already gone: nothing to release
				}
			};
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const holder = parse(readFileSync(path, 'utf8'));
			if (holder && holds(holder)) {
				throw new StartupError(
					`De ingebouwde database in ${dataDir} is al in gebruik door proces ${holder.pid}. ` +
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
