// npm run db:backup -- FILE: a backup of the database of DATABASE_URL (pg_dump) or of DATA_DIR
// (PGlite's own dump; the app must be stopped, since only one process may open the directory).
import { existsSync } from 'node:fs';
import { backupPglite } from '../src/lib/server/backup/pglite';
import { backupPostgres } from '../src/lib/server/backup/postgres';
import { runWithDatabase } from './cli-database';

const file = process.argv[2];
if (!file) {
	console.error('Gebruik: npm run db:backup -- BESTAND');
	process.exit(2);
}
if (existsSync(file)) {
	console.error(
		`${file} bestaat al; kies een nieuwe bestandsnaam, een back-up overschrijft niets.`
	);
	process.exit(2);
}

await runWithDatabase(async (handle) => {
	if (handle.url) await backupPostgres(handle.url, file);
	else if (handle.pglite) await backupPglite(handle.pglite, file);
	console.log(`Back-up van ${handle.where} geschreven naar ${file}.`);
});
