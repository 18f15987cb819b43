import { Migrator, sql, type Kysely, type Migration, type MigrationResult } from 'kysely';
import { migrations } from '../../../../migrations/index';
import { StartupError } from './startup-error';
import type { Database } from './types';

function migrator(db: Kysely<Database>, list: Record<string, Migration> = migrations): Migrator {
	return new Migrator({ db, provider: { getMigrations: async () => list } });
}

function check(error: unknown, results: MigrationResult[] | undefined, verb: string): string[] {
	if (error) {
		const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'onbekend';
		throw new StartupError(
			`Migratie ${failed} is mislukt bij ${verb} (${(error as Error).message ?? error}); ` +
				'de database is ongewijzigd gebleven.',
			{ cause: error }
		);
	}
	return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

// Kysely's migrator creates its bookkeeping tables before it takes its own lock, and two processes
// doing that at once on an empty database collide. So the whole run happens on one connection that
// first holds an advisory lock of ours: a second process waits, then finds nothing left to do.
const MIGRATION_LOCK = 2_026_113_001;

/**
 * Runs pending migrations in one transaction under an advisory lock, so processes that start at
 * once migrate one after the other, and a failure leaves the schema as it was.
 */
export async function migrateToLatest(
	db: Kysely<Database>,
	list: Record<string, Migration> = migrations
): Promise<string[]> {
	return db.connection().execute(async (conn) => {
		await sql`select pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
		try {
			const { error, results } = await migrator(conn, list).migrateToLatest();
			return check(error, results, 'migreren');
		} finally {
			await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
		}
	});
}

export async function migrateDown(db: Kysely<Database>): Promise<string[]> {
	const { error, results } = await migrator(db).migrateDown();
	return check(error, results, 'terugdraaien');
}

/** Undoes the latest migrations one by one up to and including `name`; returns what it undid. */
export async function migrateDownThrough(db: Kysely<Database>, name: string): Promise<string[]> {
	const undone: string[] = [];
	while (!undone.includes(name)) {
		const step = await migrateDown(db);
		if (step.length === 0) throw new Error(`Migratie ${name} was niet uitgevoerd`);
		undone.push(...step);
	}
	return undone;
}

export async function migrateToEmpty(db: Kysely<Database>): Promise<string[]> {
	const { NO_MIGRATIONS } = await import('kysely');
	const { error, results } = await migrator(db).migrateTo(NO_MIGRATIONS);
	return check(error, results, 'terugdraaien');
}
