import { sql, type Kysely, type Selectable } from 'kysely';
import type { Executor } from '../audit/index';
import type { Database, JobsTable } from '../db/types';
import type { Clock } from './clock';

export type Job = Selectable<JobsTable>;

export interface NewJob {
	kind: string;
	payload?: Record<string, unknown>;
	/** When it may run; default: now. */
	runAt?: Date;
	/** A job with a key is stored once: a second enqueue with the same key does nothing. */
	dedupeKey?: string;
	maxAttempts?: number;
}

/** How long a claimed job is reserved for its worker (longer than the SMTP timeouts together). */
export const LEASE_MS = 5 * 60 * 1000;
/** Wait before retry n (1-based): 1, 2, 4, 8, 16 minutes, at most an hour. */
export const backoffMs = (attempt: number) => Math.min(60_000 * 2 ** (attempt - 1), 3_600_000);
export const MAX_ATTEMPTS = 6;

/**
 * Stores a job. Pass the transaction of the event that causes it: a rollback then leaves no job,
 * and a committed event always has its job.
 */
export async function enqueue(trx: Executor, job: NewJob): Promise<void> {
	await trx
		.insertInto('jobs')
		.values({
			kind: job.kind,
			payload: JSON.stringify(job.payload ?? {}),
			run_at: job.runAt ?? new Date(),
			dedupe_key: job.dedupeKey ?? null,
			max_attempts: job.maxAttempts ?? MAX_ATTEMPTS
		})
		.onConflict((oc) => oc.column('dedupe_key').doNothing())
		.execute();
}

/**
 * Reserves the next due job for this worker: one UPDATE over a `FOR UPDATE SKIP LOCKED` pick, so
 * two workers (in one process or in several on one PostgreSQL database) never get the same job.
 * A job whose worker died is picked up again once its lease has run out.
 */
export async function claimNext(
	db: Kysely<Database>,
	workerId: string,
	clock: Clock
): Promise<Job | null> {
	const now = clock.now();
	const result = await sql<Job>`
		update jobs set attempts = attempts + 1, locked_by = ${workerId},
			locked_until = ${new Date(now.getTime() + LEASE_MS)}
		where id = (
			select id from jobs
			where status = 'pending' and run_at <= ${now}
				and (locked_until is null or locked_until < ${now})
			order by run_at, id
			limit 1
			for update skip locked
		)
		returning *`.execute(db);
	return result.rows[0] ?? null;
}

/** Marks a claimed job done, only while this worker still holds it; false when it lost it. */
export async function markDone(
	trx: Executor,
	job: Job,
	workerId: string,
	clock: Clock
): Promise<boolean> {
	const done = await trx
		.updateTable('jobs')
		.set({ status: 'done', finished_at: clock.now(), locked_until: null, last_error: null })
		.where('id', '=', job.id)
		.where('locked_by', '=', workerId)
		.where('status', '=', 'pending')
		.returning('id')
		.executeTakeFirst();
	return Boolean(done);
}

/** A failed try: again after the backoff, or `failed` with the reason after the last try. */
export async function markFailed(
	db: Executor,
	job: Job,
	workerId: string,
	reason: string,
	clock: Clock
): Promise<void> {
	const last = job.attempts >= job.max_attempts;
	const now = clock.now();
	await db
		.updateTable('jobs')
		.set({
			status: last ? 'failed' : 'pending',
			run_at: last ? job.run_at : new Date(now.getTime() + backoffMs(job.attempts)),
			finished_at: last ? now : null,
			locked_until: null,
			last_error: reason.slice(0, 2000)
		})
		.where('id', '=', job.id)
		.where('locked_by', '=', workerId)
		.execute();
}

export interface FailedJob {
	id: number;
	kind: string;
	summary: string;
	attempts: number;
	reason: string;
	createdAt: string;
	finishedAt: string;
}

/** Jobs that failed after their last try, newest first, with what they were for. */
export async function listFailedJobs(db: Kysely<Database>, limit = 100): Promise<FailedJob[]> {
	const rows = await db
		.selectFrom('jobs as j')
		.leftJoin('notifications as n', (join) =>
			join.on(sql`n.id`, '=', sql`(j.payload->>'notificationId')::int`)
		)
		.leftJoin('app_users as u', 'u.id', 'n.user_id')
		.select([
			'j.id',
			'j.kind',
			'j.payload',
			'j.attempts',
			'j.last_error',
			'j.created_at',
			'j.finished_at',
			'n.subject',
			'u.email'
		])
		.where('j.status', '=', 'failed')
		.orderBy('j.finished_at', 'desc')
		.orderBy('j.id', 'desc')
		.limit(limit)
		.execute();
	return rows.map((r) => ({
		id: Number(r.id),
		kind: r.kind,
		summary: r.subject ? `${r.subject} → ${r.email ?? '?'}` : JSON.stringify(r.payload),
		attempts: r.attempts,
		reason: r.last_error ?? '',
		createdAt: new Date(r.created_at).toISOString(),
		finishedAt: new Date(r.finished_at ?? r.created_at).toISOString()
	}));
}

/** Counts per status, for the management page. */
export async function jobCounts(db: Kysely<Database>) {
	const rows = await db
		.selectFrom('jobs')
		.select(['status', (eb) => eb.fn.countAll<number>().as('n')])
		.groupBy('status')
		.execute();
	const counts = { pending: 0, done: 0, failed: 0 };
	for (const r of rows) counts[r.status] = Number(r.n);
	return counts;
}

/** Puts a failed job back in the queue for a fresh series of tries; false if it is not failed. */
export async function retryJob(trx: Executor, id: number, clock: Clock): Promise<boolean> {
	const row = await trx
		.updateTable('jobs')
		.set({
			status: 'pending',
			attempts: 0,
			run_at: clock.now(),
			finished_at: null,
			locked_until: null,
			locked_by: null
		})
		.where('id', '=', id)
		.where('status', '=', 'failed')
		.returning('id')
		.executeTakeFirst();
	return Boolean(row);
}
