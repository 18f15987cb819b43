import type { Kysely } from 'kysely';
import type { Database } from '../db/types';
import { log } from '../log';
import { sweepMetricsCache } from '../metrics/cache';
import { startWorker, type RunningWorker } from '../jobs/worker';
import { HANDLERS } from './handlers';
import { scheduleDue } from './schedule';

let running: RunningWorker | undefined;

/** Whether this process runs the job worker: JOBS_WORKER=off leaves it to a dedicated process. */
export function workerWanted(env: NodeJS.ProcessEnv = process.env): boolean {
	return !/^(off|0|false|nee)$/i.test(env.JOBS_WORKER?.trim() ?? '');
}

/**
 * Starts the job worker of this process (e-mail, reminders, digests, weekly overview; and the
 * sweep of expired metrics cache entries).
 */
export function startJobWorker(db: Kysely<Database>): void {
	if (running) return;
	running = startWorker(db, {
		handlers: HANDLERS,
		schedule: async (db, clock) => {
			await scheduleDue(db, clock);
			// old cache entries go here, apart from the requests that write entries
			await sweepMetricsCache(db);
		}
	});
	log.info({ msg: 'takenverwerker gestart', worker: running.id });
}

/** Lets the job at hand finish; called on shutdown before the database closes. */
export async function stopJobWorker(): Promise<void> {
	const current = running;
	running = undefined;
	await current?.stop();
}
