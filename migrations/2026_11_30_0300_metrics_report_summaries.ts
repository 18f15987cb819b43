import { sql, type Kysely } from 'kysely';

// Per-report summaries of the records, so the engine aggregates a few rows per quarter report
// instead of scanning every record of a period (1M records: about 1.2 s, the summaries: a few
// tens of ms).
// - Sums and counts are additive: one row per report and kind of activity / publication.
// - Distinct counts (students, organisations, locations) are not: per report and chunk of ids a
//   bitmap of the ids it names; OR-ing the bitmaps of any set of reports and counting the bits
//   gives the exact distinct count over that set.
// Statement-level triggers on every record table recompute the summaries of the reports a
// statement touched, in the same transaction, so no write path can leave them stale.

/** Ids per bitmap row: id / CHUNK is the chunk, id % CHUNK the bit. */
export const METRICS_BITMAP_CHUNK = 4096;

/** The record tables whose rows are summarised, and how a row finds its report. */
const SOURCES: { table: string; reports: (rows: string) => string }[] = [
	{ table: 'activities', reports: (rows) => `select report_id from ${rows}` },
	{
		table: 'activity_organisations',
		reports: (rows) => `select a.report_id from ${rows} x join activities a on a.id = x.activity_id`
	},
	{ table: 'student_participations', reports: (rows) => `select report_id from ${rows}` },
	{ table: 'partner_involvements', reports: (rows) => `select report_id from ${rows}` },
	{ table: 'publications', reports: (rows) => `select report_id from ${rows}` },
	{ table: 'reach', reports: (rows) => `select report_id from ${rows}` }
];

const EVENTS = [
	{ event: 'insert', referencing: 'new table as new_rows', rows: ['new_rows'] },
	{
		event: 'update',
		referencing: 'old table as old_rows new table as new_rows',
		rows: ['old_rows', 'new_rows']
	},
	{ event: 'delete', referencing: 'old table as old_rows', rows: ['old_rows'] }
];

// Statements one by one (PGlite takes one per query); function bodies contain ';'.
async function each(db: Kysely<any>, statements: string[]): Promise<void> {
	for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
	await each(db, [
		`create table metrics_report_activities (
			report_id integer not null references quarter_reports (id) on delete cascade,
			kind text not null,
			activities integer not null,
			public_knowledge_events integer not null,
			participants_total bigint not null,
			participants_professionals bigint not null,
			participants_bewoners bigint not null,
			participants_studenten bigint not null,
			participants_beleidsmedewerkers bigint not null,
			participants_onderzoekers_docenten bigint not null,
			participants_ervaringsdeskundigen bigint not null,
			primary key (report_id, kind)
		)`,
		`create table metrics_report_publications (
			report_id integer not null references quarter_reports (id) on delete cascade,
			kind text not null,
			publications integer not null,
			primary key (report_id, kind)
		)`,
		`create table metrics_report_reach (
			report_id integer primary key references quarter_reports (id) on delete cascade,
			resident_conversations bigint not null
		)`,
		`create table metrics_report_sets (
			report_id integer not null references quarter_reports (id) on delete cascade,
			dimension text not null check (dimension in ('student', 'organisation', 'location')),
			chunk integer not null,
			bits bit(${METRICS_BITMAP_CHUNK}) not null,
			primary key (report_id, dimension, chunk)
		)`,
		// Recomputes the summaries of the given reports from their records.
		`create function metrics_refresh_reports(ids integer[]) returns void
		language plpgsql as $$
		begin
			if ids is null or cardinality(ids) = 0 then
				return;
			end if;
			-- Two transactions changing records of one report recompute one after the other; the
			-- second (a new snapshot per statement) then also sees the first one's records.
			perform 1 from quarter_reports where id = any(ids) order by id for no key update;

			delete from metrics_report_activities where report_id = any(ids);
			insert into metrics_report_activities
			select report_id, kind, count(*),
				count(*) filter (where is_public and kind = 'kennisbijeenkomst'),
				sum(participants_total), sum(participants_professionals), sum(participants_bewoners),
				sum(participants_studenten), sum(participants_beleidsmedewerkers),
				sum(participants_onderzoekers_docenten), sum(participants_ervaringsdeskundigen)
			from activities where report_id = any(ids)
			group by report_id, kind;

			delete from metrics_report_publications where report_id = any(ids);
			insert into metrics_report_publications
			select report_id, kind, count(*) from publications where report_id = any(ids)
			group by report_id, kind;

			delete from metrics_report_reach where report_id = any(ids);
			insert into metrics_report_reach
			select report_id, sum(resident_conversations) from reach where report_id = any(ids)
			group by report_id;

			delete from metrics_report_sets where report_id = any(ids);
			insert into metrics_report_sets
			select report_id, dimension, v / ${METRICS_BITMAP_CHUNK},
				bit_or((B'1'::bit(${METRICS_BITMAP_CHUNK})) >> (v % ${METRICS_BITMAP_CHUNK}))
			from (
				select report_id, 'student' as dimension, student_id as v
				from student_participations where report_id = any(ids)
				union all
				select report_id, 'organisation', organisation_id
				from partner_involvements where report_id = any(ids)
				union all
				select a.report_id, 'organisation', ao.organisation_id
				from activities a join activity_organisations ao on ao.activity_id = a.id
				where a.report_id = any(ids)
				union all
				select report_id, 'location', location_id
				from activities where report_id = any(ids) and location_id is not null
				union all
				select report_id, 'location', location_id from reach where report_id = any(ids)
			) facts
			group by report_id, dimension, v / ${METRICS_BITMAP_CHUNK};
		end
		$$`,
		// TRUNCATE names no rows: recompute every report.
		`create function metrics_refresh_all_reports() returns trigger language plpgsql as $$
		begin
			perform metrics_refresh_reports(array(select id from quarter_reports));
			return null;
		end
		$$`
	]);
	for (const source of SOURCES) {
		for (const e of EVENTS) {
			const name = `${source.table}_summaries_${e.event}`;
			const reports = e.rows.map(source.reports).join(' union ');
			await sql
				.raw(
					`create function ${name}() returns trigger language plpgsql as $$
					begin
						perform metrics_refresh_reports(array(
							select distinct report_id from (${reports}) touched where report_id is not null
						));
						return null;
					end
					$$`
				)
				.execute(db);
			await sql
				.raw(
					`create trigger ${name} after ${e.event} on ${source.table}
					referencing ${e.referencing} for each statement execute function ${name}()`
				)
				.execute(db);
		}
		await sql
			.raw(
				`create trigger ${source.table}_summaries_truncate after truncate on ${source.table}
				for each statement execute function metrics_refresh_all_reports()`
			)
			.execute(db);
	}
	// Records that exist already (an upgrade of a running installation).
	await sql`select metrics_refresh_reports(array(select id from quarter_reports))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const source of SOURCES) {
		for (const e of EVENTS) {
			const name = `${source.table}_summaries_${e.event}`;
			await sql.raw(`drop trigger if exists ${name} on ${source.table}`).execute(db);
			await sql.raw(`drop function if exists ${name}()`).execute(db);
		}
		await sql
			.raw(`drop trigger if exists ${source.table}_summaries_truncate on ${source.table}`)
			.execute(db);
	}
	await each(db, [
		'drop function if exists metrics_refresh_all_reports()',
		'drop function if exists metrics_refresh_reports(integer[])',
		'drop table if exists metrics_report_sets',
		'drop table if exists metrics_report_reach',
		'drop table if exists metrics_report_publications',
		'drop table if exists metrics_report_activities'
	]);
}
