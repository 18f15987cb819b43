// Saves per second through the record service (saveRecord: authorization, report lock, summary
// refresh, report version, audit entry; one transaction each), with 1 and with 10 concurrent
// savers, each saving to its own atelier. Then the same with the invalidation of before issue 15
// recreated for the comparison: statement triggers on every engine table bumping the one
// metrics_data_version row, so every save holds that row's lock until it commits. Used by
// scripts/bench.ts.
import { sql, type Kysely } from 'kysely';
import { METRICS_SOURCE_TABLES } from '../migrations/2026_11_30_0200_metrics_cache';
import type { SessionUser } from '../src/lib/server/auth/guards';
import type { Database } from '../src/lib/server/db/types';
import { poolSizeFromEnv } from '../src/lib/server/db/connect';
import { saveRecord } from '../src/lib/server/records/service';
import { runUserCreate } from '../src/lib/server/users/cli';

const EMAIL = 'bench-saves@voorbeeld.nl';
// a quarter after the bench's data, so every report is a fresh concept that takes records
const QUARTER = '2027Q1';
const ACTIVITY = {
	date: '2027-02-15',
	title: 'Bench-opslag',
	kind: 'workshop',
	participants_total: '12',
	professionals: '4',
	bewoners: '6'
};

async function savesPerSecond(
	db: Kysely<Database>,
	actor: SessionUser,
	atelierIds: number[],
	concurrency: number,
	total: number
): Promise<number> {
	const each = Math.ceil(total / concurrency);
	const start = performance.now();
	await Promise.all(
		atelierIds.slice(0, concurrency).map(async (atelierId) => {
			for (let i = 0; i < each; i++)
				await saveRecord(
					db,
					actor,
					{ atelierId, quarter: QUARTER },
					'activity',
					{ id: null, version: null },
					ACTIVITY
				);
		})
	);
	return (each * concurrency) / ((performance.now() - start) / 1000);
}

export async function oldInvalidation(db: Kysely<Database>, on: boolean): Promise<void> {
	for (const table of METRICS_SOURCE_TABLES) {
		const name = sql.ref(`${table}_bench_old_version`);
		await (
			on
				? sql`create trigger ${name} after insert or update or delete or truncate
					on ${sql.table(table)} for each statement execute function bump_metrics_data_version()`
				: sql`drop trigger if exists ${name} on ${sql.table(table)}`
		).execute(db);
	}
}

/** Runs `fn` with a management account made for the bench, removed again afterwards. */
export async function withBenchUser(
	db: Kysely<Database>,
	fn: (actor: SessionUser) => Promise<void>
): Promise<void> {
	await db.deleteFrom('app_users').where('email', '=', EMAIL).execute();
	const id = await runUserCreate(db, {
		email: EMAIL,
		password: `bench-${Math.random().toString(36).slice(2)}-wachtwoord`,
		role: 'management',
		name: 'Bench',
		atelierSlugs: []
	});
	try {
		await fn({ id, name: 'Bench', email: EMAIL, role: 'management', atelierIds: [] });
	} finally {
		await db.deleteFrom('app_users').where('email', '=', EMAIL).execute();
	}
}

/** Prints saves/s at 1 and 10 savers, now and with the single version row of before. */
export async function benchSaves(
	db: Kysely<Database>,
	actor: SessionUser,
	total = 200
): Promise<void> {
	const ateliers = (
		await db
			.selectFrom('ateliers')
			.select('id')
			.where('active_to', 'is', null)
			.orderBy('id')
			.limit(10)
			.execute()
	).map((a) => a.id);
	const clean = async () => {
		const reports = db.selectFrom('quarter_reports').select('id').where('quarter', '=', QUARTER);
		await db.deleteFrom('activities').where('report_id', 'in', reports).execute();
		await db.deleteFrom('quarter_reports').where('quarter', '=', QUARTER).execute();
	};
	const figures: Record<string, number> = {};
	try {
		for (const mode of ['nu', 'voorheen'] as const) {
			await oldInvalidation(db, mode === 'voorheen');
			for (const concurrency of [1, 10]) {
				await clean();
				// warm-up: the reports exist, so every measured save is a plain save
				await savesPerSecond(db, actor, ateliers, concurrency, concurrency);
				figures[`${mode}-${concurrency}`] = await savesPerSecond(
					db,
					actor,
					ateliers,
					concurrency,
					total
				);
			}
		}
	} finally {
		await oldInvalidation(db, false);
		await clean();
	}
	const f = (key: string) => figures[key].toFixed(0).padStart(5);
	console.log(
		`opslaan via saveRecord (${total} per meting, elke opslager een eigen atelier, pool van ${poolSizeFromEnv()}):`
	);
	console.log(
		`  per rapportage een versie (nu):    1 opslager ${f('nu-1')}/s, 10 opslagers ${f('nu-10')}/s`
	);
	console.log(
		`  één versierij voor alles (voorheen): 1 opslager ${f('voorheen-1')}/s, 10 opslagers ${f('voorheen-10')}/s`
	);
}
