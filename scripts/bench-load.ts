// Concurrent use through the built app (issue 15): readers of the dashboard while someone saves
// through the real form action, and saves per second through that form action at 1 and 10
// connections on 1 and 2 app processes. Alongside, what the database itself saw: deadlocks
// (pg_stat_database) and sessions waiting on a lock (pg_stat_activity, sampled). Used by
// scripts/bench.ts; PostgreSQL only (the embedded database serves one process).
import { readFileSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/lib/server/db/types';
import type { App } from './bench-http';

/** A quarter after the bench's data: every report in it is a fresh concept that takes records. */
export const SAVE_QUARTER = '2027Q1';

export interface Target {
	slug: string;
	quarter: string;
}

/** One activity saved through the quarter page's form action, as a browser without JS posts it. */
export async function saveThroughForm(app: App, cookie: string, target: Target): Promise<boolean> {
	const response = await fetch(`${app.url}/ateliers/${target.slug}/${target.quarter}?/opslaan`, {
		method: 'POST',
		headers: {
			cookie,
			origin: app.url,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({
			type: 'activity',
			date: `${target.quarter.slice(0, 4)}-${String(Number(target.quarter.slice(5)) * 3 - 1).padStart(2, '0')}-15`,
			title: 'Bench-opslag',
			kind: 'workshop',
			participants_total: '12',
			professionals: '4',
			bewoners: '6'
		}),
		redirect: 'manual'
	});
	await response.arrayBuffer();
	return response.status === 303;
}

/** Deadlocks PostgreSQL counted in this database so far. */
async function deadlocks(db: Kysely<Database>): Promise<number> {
	const { rows } = await sql<{ n: number }>`select deadlocks as n from pg_stat_database
		where datname = current_database()`.execute(db);
	return Number(rows[0].n);
}

/**
 * Samples every 20 ms which sessions of this database wait on a lock, until `stop` is called.
 * Row and transaction locks (`tuple`, `transactionid`, `relation`) are a writer waiting on another
 * writer; `advisory` is the result cache's single flight (a reader waiting for the computation
 * another one runs, by design).
 */
function lockSampler(db: Kysely<Database>) {
	const waits = { samples: 0, writer: 0, advisory: 0 };
	let running = true;
	const done = (async () => {
		while (running) {
			const { rows } = await sql<{ event: string; n: number }>`
				select wait_event as event, count(*) as n from pg_stat_activity
				where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()
				group by wait_event`.execute(db);
			waits.samples++;
			for (const row of rows)
				if (row.event === 'advisory') waits.advisory += Number(row.n);
				else waits.writer += Number(row.n);
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
	})();
	return {
		stop: async () => {
			running = false;
			await done;
			return waits;
		}
	};
}

/** CPU seconds (user + system) a process used so far, from /proc (Linux). */
export function cpuSeconds(pid: number): number {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	// fields after the command: state is [0], utime [11], stime [12], in clock ticks (100/s)
	return (Number(fields[11]) + Number(fields[12])) / 100;
}

const percentile = (sorted: number[], p: number) =>
	sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] : NaN;

export interface ReadLoad {
	reads: number;
	readsPerSecond: number;
	p50: number;
	p99: number;
	errors: number;
	saves: number;
	saveErrors: number;
	deadlocks: number;
	deadlocksInLog: number;
	writerLockWaits: number;
	advisoryWaits: number;
}

/**
 * `readers` clients reading `path` in a loop, spread over the apps, while one save per second
 * goes through the form action (to `saveTargets` in turn, over the apps in turn), for `seconds`.
 */
export async function readersWithSaves(
	db: Kysely<Database>,
	apps: App[],
	cookie: string,
	options: { readers: number; seconds: number; path: string; saveTargets: Target[] }
): Promise<ReadLoad> {
	const before = await deadlocks(db);
	const logBefore = apps.map((a) => a.stderr().length);
	const sampler = lockSampler(db);
	const end = performance.now() + options.seconds * 1000;
	const times: number[] = [];
	let errors = 0;
	const reader = async (i: number) => {
		const app = apps[i % apps.length];
		while (performance.now() < end) {
			const start = performance.now();
			try {
				const response = await fetch(`${app.url}${options.path}`, { headers: { cookie } });
				const body = await response.text();
				if (response.status !== 200 || !body.includes('in cijfers')) errors++;
				else times.push(performance.now() - start);
			} catch {
				errors++;
			}
		}
	};
	let saves = 0;
	let saveErrors = 0;
	const saver = async () => {
		for (let n = 0; performance.now() < end; n++) {
			const next = performance.now() + 1000;
			const ok = await saveThroughForm(
				apps[n % apps.length],
				cookie,
				options.saveTargets[n % options.saveTargets.length]
			).catch(() => false);
			if (ok) saves++;
			else saveErrors++;
			await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
		}
	};
	const started = performance.now();
	await Promise.all([saver(), ...Array.from({ length: options.readers }, (_, i) => reader(i))]);
	const elapsed = (performance.now() - started) / 1000;
	const waits = await sampler.stop();
	times.sort((a, b) => a - b);
	return {
		reads: times.length,
		readsPerSecond: times.length / elapsed,
		p50: percentile(times, 50),
		p99: percentile(times, 99),
		errors,
		saves,
		saveErrors,
		deadlocks: (await deadlocks(db)) - before,
		deadlocksInLog: apps.reduce(
			(n, a, i) =>
				n +
				(a
					.stderr()
					.slice(logBefore[i])
					.match(/deadlock detected/g)?.length ?? 0),
			0
		),
		writerLockWaits: waits.writer,
		advisoryWaits: waits.advisory
	};
}

export interface SaveLoad {
	savesPerSecond: number;
	errors: number;
	writerLockWaits: number;
	samples: number;
}

/**
 * `connections` clients saving through the form action as fast as they can for `seconds`, each
 * to its own atelier (so no two should ever wait on each other), spread over the apps.
 */
export async function savesThroughForms(
	db: Kysely<Database>,
	apps: App[],
	cookie: string,
	targets: Target[],
	connections: number,
	seconds: number
): Promise<SaveLoad> {
	// warm-up: every report exists, so each measured save is a plain save
	await Promise.all(
		targets.slice(0, connections).map((t, i) => saveThroughForm(apps[i % apps.length], cookie, t))
	);
	const sampler = lockSampler(db);
	const end = performance.now() + seconds * 1000;
	let saves = 0;
	let errors = 0;
	const started = performance.now();
	await Promise.all(
		targets.slice(0, connections).map(async (target, i) => {
			const app = apps[i % apps.length];
			while (performance.now() < end) {
				if (await saveThroughForm(app, cookie, target).catch(() => false)) saves++;
				else errors++;
			}
		})
	);
	const elapsed = (performance.now() - started) / 1000;
	const waits = await sampler.stop();
	return {
		savesPerSecond: saves / elapsed,
		errors,
		writerLockWaits: waits.writer,
		samples: waits.samples
	};
}

/** Removes what the bench saved, and the reports it created in SAVE_QUARTER. */
export async function removeBenchSaves(db: Kysely<Database>): Promise<void> {
	await db.deleteFrom('activities').where('title', '=', 'Bench-opslag').execute();
	const reports = db.selectFrom('quarter_reports').select('id').where('quarter', '=', SAVE_QUARTER);
	await db.deleteFrom('activities').where('report_id', 'in', reports).execute();
	await db.deleteFrom('quarter_reports').where('quarter', '=', SAVE_QUARTER).execute();
}
