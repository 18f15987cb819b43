// npm run db:seed: loads the demo data (the 2020-2022 brochure and 2023) into an empty database.
import { seedDemo } from '../seeds/demo';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { runWithDatabase } from './cli-database';

await runWithDatabase(async ({ db, where }) => {
	await migrateToLatest(db);
	await seedDemo(db);
	console.log(`${where}: demodata geladen.`);
});
