import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { pgliteParsers, pgliteStartParams } from '../db/connect';
import { lockDataDir } from '../db/data-dir-lock';
import { BackupError } from './backup-error';

/** PGlite's own dump of its data directory (a gzipped tar), taken through the open instance. */
export async function backupPglite(pglite: PGlite, file: string): Promise<void> {
	const dump = await pglite.dumpDataDir('gzip');
	writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
}

const unreadable = (file: string, cause?: unknown) =>
	new BackupError(
		`${file} is geen leesbare back-up van Jaarbeeld (beschadigd of afgebroken); er is niets gewijzigd.`,
		{ cause }
	);

/**
 * Unpacks and checks the archive here: PGlite's own decompression reports a damaged file as an
 * unhandled rejection instead of an error we can catch.
 */
function readTar(file: string): Uint8Array<ArrayBuffer> {
	let bytes: Buffer;
	try {
		bytes = readFileSync(file);
	} catch (error) {
		throw new BackupError(`Kan ${file} niet lezen: ${(error as Error).message}`, { cause: error });
	}
	let tar: Buffer;
	try {
		tar = gunzipSync(bytes);
	} catch (error) {
		throw unreadable(file, error);
	}
	if (tar.length < 512 || tar.subarray(257, 262).toString('latin1') !== 'ustar')
		throw unreadable(file);
	return new Uint8Array(
		tar.buffer.slice(tar.byteOffset, tar.byteOffset + tar.byteLength) as ArrayBuffer
	);
}

async function openDump(file: string, dataDir?: string): Promise<PGlite> {
	const tar = readTar(file);
	try {
		const pglite = await PGlite.create(dataDir, {
			loadDataDir: new Blob([tar], { type: 'application/x-tar' }),
			parsers: pgliteParsers,
			startParams: pgliteStartParams()
		});
		await pglite.query('select count(*) from kysely_migration');
		return pglite;
	} catch (error) {
		throw unreadable(file, error);
	}
}

/**
 * Restores a dump into DATA_DIR while no app runs on it (the data directory lock). The dump is first
 * unpacked and opened in a directory of its own; only when that works is it swapped in, and the
 * previous data is kept beside it.
 */
export async function restorePglite(dataDirOption: string, file: string): Promise<string> {
	const dataDir = resolve(dataDirOption);
	const unlock = lockDataDir(dataDir);
	try {
		// Validate in memory first, so a bad file never leaves even a scratch directory behind.
		await (await openDump(file)).close();
		const live = join(dataDir, 'pglite');
		const incoming = join(dataDir, 'pglite.restoring');
		rmSync(incoming, { recursive: true, force: true });
		await (await openDump(file, incoming)).close();
		const kept = join(
			dataDir,
			`pglite.voor-herstel-${new Date().toISOString().replace(/[:.]/g, '-')}`
		);
		if (existsSync(live)) renameSync(live, kept);
		renameSync(incoming, live);
		return existsSync(kept) ? kept : '';
	} finally {
		unlock();
	}
}
