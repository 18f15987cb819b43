// npm run db:restore -- FILE: puts a backup of db:backup back. PostgreSQL: in one transaction;
// embedded: the app must be stopped, and the previous data directory is kept beside the new one.
import { restorePglite } from '../src/lib/server/backup/pglite';
import { restorePostgres } from '../src/lib/server/backup/postgres';
import { dbOptionsFromEnv } from '../src/lib/server/db/env';

const file = process.argv[2];
if (!file) {
	console.error('Gebruik: npm run db:restore -- BESTAND');
	process.exit(2);
}

const options = dbOptionsFromEnv();
try {
	if (options.databaseUrl) {
		await restorePostgres(options.databaseUrl, file);
		console.log(`Back-up ${file} teruggezet in PostgreSQL.`);
	} else {
		const kept = await restorePglite(options.dataDir ?? './data', file);
		console.log(
			`Back-up ${file} teruggezet in ${options.dataDir}.` +
				(kept ? ` De vorige gegevens staan nog in ${kept}; verwijder die map als alles klopt.` : '')
		);
	}
} catch (error) {
	console.error(`Mislukt: ${error instanceof Error ? error.message : String(error)}`);
	process.exitCode = 1;
}
