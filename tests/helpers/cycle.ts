import type { Kysely } from 'kysely';
import type { SessionUser } from '../../src/lib/server/auth/guards';
import type { Database } from '../../src/lib/server/db/types';
import { HANDLERS } from '../../src/lib/server/notifications/handlers';
import { runDueJobs } from '../../src/lib/server/jobs/worker';
import type { Clock } from '../../src/lib/server/jobs/clock';
import { user } from './auth';
import { sessionUser } from './demo-db';
import { actingAs, recordsFixture, type RecordsFixture } from './records';

export interface CycleFixture extends RecordsFixture {
	/** A second manager and a second kartrekker of the fixture's atelier. */
	boss2: SessionUser;
	kartrekker2: SessionUser;
	emails: Record<'kartrekker' | 'kartrekker2' | 'outsider' | 'boss' | 'boss2' | 'council', string>;
}

export async function cycleFixture(db: Kysely<Database>, prefix: string): Promise<CycleFixture> {
	const f = await recordsFixture(db, prefix);
	const m2 = await user(db, `${prefix}m2@voorbeeld.nl`, 'management');
	const k2 = await user(db, `${prefix}k2@voorbeeld.nl`, 'kartrekker', undefined, [f.atelierId]);
	return {
		...f,
		boss2: sessionUser('management', [], m2),
		kartrekker2: sessionUser('kartrekker', [f.atelierId], k2),
		emails: {
			kartrekker: `${prefix}k@voorbeeld.nl`,
			kartrekker2: `${prefix}k2@voorbeeld.nl`,
			outsider: `${prefix}o@voorbeeld.nl`,
			boss: `${prefix}m@voorbeeld.nl`,
			boss2: `${prefix}m2@voorbeeld.nl`,
			council: `${prefix}c@voorbeeld.nl`
		}
	};
}

/** The kartrekker logs one highlight in the quarter and submits it; returns the report version. */
export async function fillAndSubmit(
	db: Kysely<Database>,
	kartrekker: SessionUser,
	ref: { atelierId: number; quarter: string },
	title = 'Trots op de buurt'
): Promise<number> {
	const k = actingAs(db, kartrekker, ref);
	await k.add('highlight', { title });
	const report = await db
		.selectFrom('quarter_reports')
		.select('version')
		.where('atelier_id', '=', ref.atelierId)
		.where('quarter', '=', ref.quarter)
		.executeTakeFirstOrThrow();
	const submitted = await k.transition('submit', { version: report.version });
	return submitted.version;
}

/** Runs every due job with the app's handlers, as the worker would. */
export const runJobs = (db: Kysely<Database>, clock?: Clock, workerId?: string) =>
	runDueJobs(db, { handlers: HANDLERS, clock, workerId });

export async function jobRows(db: Kysely<Database>) {
	return db.selectFrom('jobs').selectAll().orderBy('id').execute();
}
