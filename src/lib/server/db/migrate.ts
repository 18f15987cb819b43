import { Migrator, type Kysely, type MigrationResult } from 'kysely';
import { migrations } from '../../../../migrations/index';
import { StartupError } from './startup-error';

function migrator(db: Kysely<any>): Migrator {
	return new Migrator({ db, provider: { getMigrations: async () => migrations } });
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

/**
 * Runs pending migrations in one transaction under Kysely's advisory lock, so two processes that
 * start at once migrate one after the other and a failure leaves the schema as it was.
 */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
	const { error, results } = await migrator(db).migrateToLatest();
	return check(error, results, 'migreren');
}

export async function migrateDown(db: Kysely<any>): Promise<string[]> {
	const { error, results } = await migrator(db).migrateDown();
	return check(error, results, 'terugdraaien');
}

export async function migrateToEmpty(db: Kysely<any>): Promise<string[]> {
	const { NO_MIGRATIONS } = await import('kysely');
	const { error, results } = await migrator(db).migrateTo(NO_MIGRATIONS);
	return check(error, results, 'terugdraaien');
}
