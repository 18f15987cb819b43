import { sql, type Kysely } from 'kysely';
import { METRICS_SOURCE_TABLES } from './2026_11_30_0200_metrics_cache';

// Cache invalidation that does not serialise writers (issue 15). Before, statement triggers on
// fourteen tables bumped the one `metrics_data_version` row, so every write in the installation
// held that row's lock until it committed, and every other write waited on it.
// Now:
// - every quarter report has its own version (`metrics_report_versions`), taken from a sequence
//   (nextval takes no row lock) and bumped only when something the engine counts changed: by the
//   summary refresh that record writes already trigger (it runs under the report's lock), and by
//   a row trigger on `quarter_reports` when status, network members, atelier or quarter change;
// - `metrics_data_version` stays, but only the rarely written set-up tables the engine reads
//   (ateliers, targets, indicators) bump it;
// - a cache entry carries the fingerprint of the versions of the reports in its selection (see
//   src/lib/server/metrics/cache.ts), so two saves to different ateliers never wait on each other.
// Registries (organisations, locations, students) no longer bump anything: the engine counts ids
// from the records, and a record that starts or stops naming one goes through the record tables.

/** The set-up tables that still bump the shared version. */
export const METRICS_CONFIG_TABLES = ['ateliers', 'indicator_targets', 'indicators'] as const;

const UNVERSIONED = METRICS_SOURCE_TABLES.filter(
	(t) => !(METRICS_CONFIG_TABLES as readonly string[]).includes(t)
);

async function each(db: Kysely<any>, statements: string[]): Promise<void> {
	for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
	for (const table of UNVERSIONED)
		await sql`drop trigger if exists ${sql.ref(`${table}_metrics_version`)} on ${sql.table(table)}`.execute(
			db
		);
	await each(db, [
		'truncate metrics_cache',
		'alter table metrics_cache drop column data_version',
		'alter table metrics_cache add column fingerprint text not null',
		'create index metrics_cache_created_at on metrics_cache (created_at)',
		'create sequence metrics_report_version_seq',
		`create table metrics_report_versions (
			report_id integer primary key references quarter_reports (id) on delete cascade,
			version bigint not null
		)`,
		`insert into metrics_report_versions (report_id, version)
		select id, nextval('metrics_report_version_seq') from quarter_reports order by id`,
		// The summary refresh of migration 2026_11_30_0300 keeps its body under a new name; the
		// record triggers call metrics_refresh_reports by name, which now also bumps the versions.
		'alter function metrics_refresh_reports(integer[]) rename to metrics_refresh_report_summaries',
		`create function metrics_refresh_reports(ids integer[]) returns void
		language plpgsql as $$
		begin
			-- locks the reports (in id order) and recomputes their summaries
			perform metrics_refresh_report_summaries(ids);
			if ids is null or cardinality(ids) = 0 then
				return;
			end if;
			-- a report deleted in this statement has no row left to version
			insert into metrics_report_versions (report_id, version)
			select id, nextval('metrics_report_version_seq') from quarter_reports
			where id = any(ids) order by id
			on conflict (report_id) do update set version = excluded.version;
		end
		$$`,
		// A report that leaves a selection (deleted, or moved to another atelier or quarter) could
		// give that selection back a fingerprint it had before; these rare writes bump the shared
		// version instead, so a fingerprint never recurs.
		`create function metrics_report_version_bump() returns trigger language plpgsql as $$
		begin
			if tg_op = 'DELETE' or (tg_op = 'UPDATE'
				and (old.atelier_id, old.quarter) is distinct from (new.atelier_id, new.quarter)) then
				update metrics_data_version set version = version + 1 where id;
			end if;
			if tg_op = 'INSERT' or (tg_op = 'UPDATE'
				and (old.status, old.network_members, old.atelier_id, old.quarter)
				is distinct from (new.status, new.network_members, new.atelier_id, new.quarter)) then
				insert into metrics_report_versions (report_id, version)
				values (new.id, nextval('metrics_report_version_seq'))
				on conflict (report_id) do update set version = excluded.version;
			end if;
			return null;
		end
		$$`,
		`create trigger quarter_reports_metrics_report_version
		after insert or update or delete on quarter_reports
		for each row execute function metrics_report_version_bump()`
	]);
}

export async function down(db: Kysely<any>): Promise<void> {
	await each(db, [
		'drop trigger if exists quarter_reports_metrics_report_version on quarter_reports',
		'drop function if exists metrics_report_version_bump()',
		'drop function if exists metrics_refresh_reports(integer[])',
		'alter function metrics_refresh_report_summaries(integer[]) rename to metrics_refresh_reports',
		'drop table if exists metrics_report_versions',
		'drop sequence if exists metrics_report_version_seq',
		'truncate metrics_cache',
		'drop index if exists metrics_cache_created_at',
		'alter table metrics_cache drop column fingerprint',
		'alter table metrics_cache add column data_version bigint not null'
	]);
	for (const table of UNVERSIONED)
		await sql`
			create trigger ${sql.ref(`${table}_metrics_version`)}
			after insert or update or delete or truncate on ${sql.table(table)}
			for each statement execute function bump_metrics_data_version()`.execute(db);
}
