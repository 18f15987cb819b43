import { openDatabase, type DbHandle } from '../src/lib/server/db/connect';
import { dbOptionsFromEnv } from '../src/lib/server/db/env';
import { StartupError } from '../src/lib/server/db/startup-error';

/** Runs a command-line task on the configured database and turns faults into one clear line. */
export async function runWithDatabase(task: (handle: DbHandle) => Promise<void>): Promise<void> {
	let handle: DbHandle | undefined;
	try {
		handle = await openDatabase(dbOptionsFromEnv());
		await task(handle);
	} catch (error) {
		const message =
			error instanceof StartupError || error instanceof Error ? error.message : String(error);
		console.error(`Mislukt: ${message}`);
		process.exitCode = 1;
	} finally {
		await handle?.close();
	}
}
