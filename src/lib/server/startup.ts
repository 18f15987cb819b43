import { hasDomainData, seedDemo } from '../../../seeds/demo';
import { closeAppDatabase, openAppDatabase } from './db/index';
import { migrateToLatest } from './db/migrate';
import { StartupError } from './db/startup-error';
import { environmentProviders } from './auth/sso/providers';
import { secretKey } from './auth/sso/secret-box';
import { prepareSignIn } from './auth/sign-in';
import { log } from './log';
import { startJobWorker, workerWanted } from './notifications/index';

const OPEN_TIMEOUT_MS = 10_000;

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new StartupError(message)), ms);
		promise.then(
			(value) => (clearTimeout(timer), resolve(value)),
			(error) => (clearTimeout(timer), reject(error))
		);
	});
}

/**
 * Opens the database, migrates it and, on the embedded database's first start, loads the demo.
 * Any fault ends the process with one line that says what is wrong and what to do.
 */
export async function startServer(): Promise<void> {
	try {
		// Sign-in configuration from the environment: a mistake stops the start, naming the variable.
		secretKey();
		environmentProviders();
		// A server that does not answer is bounded; the embedded database's first start (initdb) is
		// local work that may take longer on a busy machine, and its faults are reported at once.
		const handle = await (process.env.DATABASE_URL
			? withTimeout(
					openAppDatabase(),
					OPEN_TIMEOUT_MS,
					'De database reageert niet binnen 10 seconden; controleer DATABASE_URL.'
				)
			: openAppDatabase());
		const applied = await migrateToLatest(handle.db);
		if (applied.length) log.info({ msg: 'migraties uitgevoerd', migrations: applied });
		const demoWanted = process.env.DEMO_DATA !== 'off';
		if (handle.kind === 'pglite' && demoWanted && !(await hasDomainData(handle.db))) {
			await seedDemo(handle.db);
			log.info({ msg: 'demodata geladen (eerste start van de ingebouwde database)' });
		}
		log.info({ msg: 'database geopend', database: handle.where });
		await prepareSignIn();
		if (workerWanted()) startJobWorker(handle.db);
	} catch (error) {
		const message =
			error instanceof StartupError
				? error.message
				: `onverwachte fout: ${error instanceof Error ? error.message : String(error)}`;
		console.error(`Jaarbeeld kan niet starten: ${message}`);
		await closeAppDatabase().catch(() => {});
		process.exit(1);
	}
}
