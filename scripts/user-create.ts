// npm run user:create -- --email E --password P --role R [--name N] [--atelier SLUG ...]
// Creates an account on the database of DATABASE_URL (or DATA_DIR), e.g. the first management
// account of a real installation.
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { parseUserCreateArgs, runUserCreate } from '../src/lib/server/users/cli';
import { runWithDatabase } from './cli-database';

const parsed = parseUserCreateArgs(process.argv.slice(2));
if (!parsed.ok) {
	for (const line of parsed.errors) console.error(line);
	process.exitCode = 1;
} else {
	const { args } = parsed;
	await runWithDatabase(async ({ db, where }) => {
		await migrateToLatest(db);
		const id = await runUserCreate(db, args);
		console.log(`${where}: gebruiker ${args.email} (${args.role}) aangemaakt met nummer ${id}.`);
	});
}
