import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../seeds/demo';
import { BackupError } from '../src/lib/server/backup/backup-error';
import { backupPglite, restorePglite } from '../src/lib/server/backup/pglite';
import { backupPostgres, restorePostgres } from '../src/lib/server/backup/postgres';
import { openDatabase, type DbHandle } from '../src/lib/server/db/connect';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { tableChecksums } from './helpers/table-checksums';
import { createTestDb, usingPostgres } from './helpers/test-db';

// One suite, two databases: PGlite's dump of its data directory by default, pg_dump/pg_restore when
// DATABASE_URL is set.
const work = mkdtempSync(join(tmpdir(), 'jaarbeeld-backup-'));
const dataDir = join(work, 'data');
const backupFile = join(work, 'demo.backup');

async function open(): Promise<DbHandle> {
	return usingPostgres ? createTestDb() : openDatabase({ dataDir });
}

async function backup(handle: DbHandle): Promise<void> {
	if (handle.url) await backupPostgres(handle.url, backupFile);
	else await backupPglite(handle.pglite!, backupFile);
}

async function changeData(handle: DbHandle): Promise<void> {
	await handle.db.transaction().execute(async (trx) => {
		await trx.deleteFrom('highlights').execute();
		await trx
			.updateTable('ateliers')
			.set({ name: 'Hernoemd' })
			.where('slug', '=', 'armoede')
			.execute();
		await trx
			.insertInto('organisations')
			.values({
				name: 'Nieuwe partner',
				normalized_name: 'nieuwepartner',
				kind: 'zorg',
				municipality: null
			})
			.execute();
	});
}

describe(`backup and restore (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
	let handle: DbHandle;
	let demo: Awaited<ReturnType<typeof tableChecksums>>;
	let changed: Awaited<ReturnType<typeof tableChecksums>>;

	// On PGlite the data directory may only be open once, so restores happen between close and open.
	async function restore(file: string): Promise<void> {
		if (handle.url) return restorePostgres(handle.url, file);
		await handle.close();
		try {
			await restorePglite(dataDir, file);
		} finally {
			handle = await open();
		}
	}

	beforeAll(async () => {
		handle = await open();
		await migrateToLatest(handle.db);
		await seedDemo(handle.db);
		demo = await tableChecksums(handle.db);
		await backup(handle);
		await changeData(handle);
		changed = await tableChecksums(handle.db);
	}, 180_000);
	afterAll(async () => {
		await handle?.close();
		rmSync(work, { recursive: true, force: true });
	});

	it('the change is visible before the restore', () => {
		expect(changed.highlights.rows).toBe(0);
		expect(changed).not.toEqual(demo);
	});

	it('refuses a corrupt file and leaves the database untouched', async () => {
		const corrupt = join(work, 'corrupt.backup');
		writeFileSync(corrupt, 'dit is geen back-up\n'.repeat(100));
		await expect(restore(corrupt)).rejects.toThrow(BackupError);
		await expect(restore(corrupt)).rejects.toThrow(/beschadigd of afgebroken/);
		expect(await tableChecksums(handle.db)).toEqual(changed);
	});

	it('refuses a truncated file and leaves the database untouched', async () => {
		const whole = readFileSync(backupFile);
		const truncated = join(work, 'truncated.backup');
		writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
		await expect(restore(truncated)).rejects.toThrow(/beschadigd of afgebroken/);
		expect(await tableChecksums(handle.db)).toEqual(changed);
	});

	it('refuses a file that does not exist', async () => {
		await expect(restore(join(work, 'bestaat-niet.backup'))).rejects.toThrow();
		expect(await tableChecksums(handle.db)).toEqual(changed);
	});

	it('brings back the demo exactly: row counts and checksums of every table', async () => {
		await restore(backupFile);
		expect(await tableChecksums(handle.db)).toEqual(demo);
	});
});
