// npm run jobs:work: a dedicated job worker (e-mail, reminders, overviews) on the database of
// DATABASE_URL, for deployments whose app processes run with JOBS_WORKER=off. Stops on SIGTERM or
// Ctrl-C after the job at hand.
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { startJobWorker, stopJobWorker } from '../src/lib/server/notifications/index';
import { runWithDatabase } from './cli-database';

await runWithDatabase(async ({ db, where }) => {
	await migrateToLatest(db);
	startJobWorker(db);
	console.log(`${where}: takenverwerker draait; stoppen met Ctrl-C.`);
	await new Promise<void>((resolve) => {
		process.once('SIGTERM', resolve);
		process.once('SIGINT', resolve);
	});
	await stopJobWorker();
});
