import { sql, type Kysely } from 'kysely';

// A result cache for the metrics engine, shared by every app process (it lives in the database).
// `metrics_data_version` holds one counter that statement-level triggers bump on every write to
// a table the engine reads (see METRICS_SOURCE_TABLES); a cache entry is only used while its
// `data_version` equals that counter, so no write path can forget to invalidate it.
// The counter is a row, not a sequence: its bump commits together with the write, so a reader
// never sees a new version before the data that belongs to it.

/** Every table the engine reads, plus the registries its records point to (kept for safety). */
export const METRICS_SOURCE_TABLES = [
	'ateliers',
	'quarter_reports',
	'activities',
	'activity_organisations',
	'student_participations',
	'partner_involvements',
	'publications',
	'reach',
	'indicator_targets',
	'indicators',
	'locations',
	'organisations',
	'students',
	'atelier_students'
] as const;

export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create table metrics_data_version (
			id boolean primary key default true check (id),
			version bigint not null
		)`.execute(db);
	await sql`insert into metrics_data_version (id, version) values (true, 1)`.execute(db);
	await sql`
		create table metrics_cache (
			key text primary key,
			data_version bigint not null,
			result json not null,
			created_at timestamptz not null default now()
		)`.execute(db);
	await sql`
		create function bump_metrics_data_version() returns trigger language plpgsql as $$
		begin
			update metrics_data_version set version = version + 1 where id;
			return null;
		end
		$$`.execute(db);
	for (const table of METRICS_SOURCE_TABLES)
		await sql`
			create trigger ${sql.ref(`${table}_metrics_version`)}
			after insert or update or delete or truncate on ${sql.table(table)}
			for each statement execute function bump_metrics_data_version()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of METRICS_SOURCE_TABLES)
		await sql`drop trigger if exists ${sql.ref(`${table}_metrics_version`)} on ${sql.table(table)}`.execute(
			db
		);
	await sql`drop function if exists bump_metrics_data_version()`.execute(db);
	await sql`drop table if exists metrics_cache`.execute(db);
	await sql`drop table if exists metrics_data_version`.execute(db);
}
