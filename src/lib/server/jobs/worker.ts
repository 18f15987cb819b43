import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Executor } from '../audit/index';
import type { Database } from '../db/types';
import { log } from '../log';
import { systemClock, type Clock } from './clock';
import { claimNext, markDone, markFailed, type Job } from './queue';

export interface JobContext {
	/** The transaction of a transactional handler, else the database. */
	db: Executor;
	clock: Clock;
}

export interface JobHandler {
	/**
	 * Database-only work: it runs in one transaction together with marking the job done, so it
	 * happens exactly once. A handler that talks to the outside (SMTP) is not transactional: it is
	 * marked done right after, and a crash in between means one more try (at least once).
	 */
	transactional: boolean;
	run(job: Job, ctx: JobContext): Promise<void>;
}

export type Handlers = Record<string, JobHandler>;

/** The worker lost its lease (another worker took the job over); the work is rolled back. */
class LeaseLost extends Error {}

export const newWorkerId = () => `${process.pid}-${randomBytes(4).toString('hex')}`;

async function runOne(
	db: Kysely<Database>,
	job: Job,
	handlers: Handlers,
	workerId: string,
	clock: Clock
) {
	const handler = handlers[job.kind];
	try {
		if (!handler) throw new Error(`Onbekende taaksoort '${job.kind}'.`);
		if (handler.transactional) {
			await db.transaction().execute(async (trx) => {
				await handler.run(job, { db: trx, clock });
				if (!(await markDone(trx, job, workerId, clock))) throw new LeaseLost();
			});
		} else {
			await handler.run(job, { db, clock });
			await markDone(db, job, workerId, clock);
		}
	} catch (error) {
		if (error instanceof LeaseLost) return;
		const reason = error instanceof Error ? error.message : String(error);
		log.warn({ msg: 'taak mislukt', job: job.id, kind: job.kind, attempt: job.attempts, reason });
		await markFailed(db, job, workerId, reason, clock);
	}
}

/** Runs due jobs until none is left (or `limit` ran); returns how many ran. */
export async function runDueJobs(
	db: Kysely<Database>,
	options: { handlers: Handlers; clock?: Clock; workerId?: string; limit?: number }
): Promise<number> {
	const clock = options.clock ?? systemClock;
	const workerId = options.workerId ?? newWorkerId();
	let ran = 0;
	while (ran < (options.limit ?? 1000)) {
		const job = await claimNext(db, workerId, clock);
		if (!job) break;
		await runOne(db, job, options.handlers, workerId, clock);
		ran++;
	}
	return ran;
}

export interface WorkerOptions {
	handlers: Handlers;
	/** Called before each round: puts scheduled jobs (reminders, overviews) in the queue. */
	schedule?: (db: Kysely<Database>, clock: Clock) => Promise<void>;
	clock?: Clock;
	pollMs?: number;
	scheduleEveryMs?: number;
}

export interface RunningWorker {
	id: string;
	/** Finishes the job at hand, then stops. */
	stop(): Promise<void>;
}

/** The worker loop of an app (or dedicated) process: poll, run what is due, sleep. */
export function startWorker(db: Kysely<Database>, options: WorkerOptions): RunningWorker {
	const clock = options.clock ?? systemClock;
	const id = newWorkerId();
	const pollMs = options.pollMs ?? 2_000;
	const scheduleEveryMs = options.scheduleEveryMs ?? 60_000;
	let stopped = false;
	let lastSchedule = 0;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let wake: (() => void) | undefined;

	const loop = (async () => {
		while (!stopped) {
			try {
				if (options.schedule && Date.now() - lastSchedule >= scheduleEveryMs) {
					lastSchedule = Date.now();
					await options.schedule(db, clock);
				}
				await runDueJobs(db, { handlers: options.handlers, clock, workerId: id, limit: 50 });
			} catch (error) {
				log.error({ msg: 'takenverwerker: ronde mislukt', err: error });
			}
			if (stopped) break;
			await new Promise<void>((resolve) => {
				wake = resolve;
				timer = setTimeout(resolve, pollMs);
				timer.unref?.();
			});
		}
	})();

	return {
		id,
		async stop() {
			stopped = true;
			if (timer) clearTimeout(timer);
			wake?.();
			await loop;
		}
	};
}
