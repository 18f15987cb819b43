// npm run db:migrate: brings the database of DATABASE_URL (or DATA_DIR) to the latest schema.
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { runWithDatabase } from './cli-database';

await runWithDatabase(async ({ db, where }) => {
	const applied = await migrateToLatest(db);
	console.log(
		applied.length
			? `${where}: migraties uitgevoerd: ${applied.join(', ')}`
			: `${where}: schema is al bijgewerkt.`
	);
});
