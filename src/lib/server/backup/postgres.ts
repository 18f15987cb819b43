import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { BackupError } from './backup-error';

const run = promisify(execFile);

async function tool(name: string, args: string[]): Promise<string> {
	try {
		const { stdout } = await run(name, args, { maxBuffer: 64 * 1024 * 1024 });
		return stdout;
	} catch (error) {
		const e = error as NodeJS.ErrnoException & { stderr?: string };
		if (e.code === 'ENOENT')
			throw new BackupError(
				`${name} niet gevonden: installeer de PostgreSQL-client (postgresql-client).`
			);
		const detail = (e.stderr ?? e.message).trim().split('\n').slice(-3).join(' ');
		throw new BackupError(`${name} is mislukt: ${detail}`, { cause: error });
	}
}

/** pg_dump in its custom format: compressed, and restorable table by table. */
export async function backupPostgres(url: string, file: string): Promise<void> {
	await tool('pg_dump', [
		'--format=custom',
		'--no-owner',
		'--no-privileges',
		`--file=${file}`,
		`--dbname=${url}`
	]);
}

/**
 * Reads the whole archive's table of contents first, so a corrupt or truncated file is refused before
 * anything is touched; then restores in one transaction, which either completes or leaves the
 * database as it was.
 */
export async function restorePostgres(url: string, file: string): Promise<void> {
	try {
		await tool('pg_restore', ['--list', file]);
	} catch (error) {
		throw new BackupError(
			`${file} is geen leesbare back-up van Jaarbeeld (beschadigd of afgebroken); er is niets gewijzigd.`,
			{ cause: error }
		);
	}
	await tool('pg_restore', [
		'--clean',
		'--if-exists',
		'--no-owner',
		'--no-privileges',
		'--single-transaction',
		'--exit-on-error',
		`--dbname=${url}`,
		file
	]);
}
