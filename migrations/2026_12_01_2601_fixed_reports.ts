import { sql, type Kysely } from 'kysely';

// Fixed reports ("vastgesteld", issue 16 item 4): the PDF and the workbook exactly as they were
// generated and sent, their SHA-256, the engine's full result and the data status at that moment,
// who fixed it and when. Numbered per period and audience. A row is evidence of what was sent, so
// the database itself refuses to change or remove one: triggers reject every UPDATE, DELETE and
// TRUNCATE, whoever asks (the app, a script, psql). Dropping the table (the down migration) is DDL
// and is not stopped.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create table fixed_reports (
			id serial primary key,
			period_from text not null,
			period_to text not null,
			audience text not null check (audience in ('vws', 'programmaraad')),
			version integer not null check (version > 0),
			selection jsonb not null,
			query jsonb not null,
			pdf bytea not null,
			pdf_sha256 text not null check (pdf_sha256 ~ '^[0-9a-f]{64}$'),
			pdf_name text not null,
			xlsx bytea not null,
			xlsx_sha256 text not null check (xlsx_sha256 ~ '^[0-9a-f]{64}$'),
			xlsx_name text not null,
			metrics jsonb not null,
			open_quarters jsonb not null,
			narrative jsonb,
			fixed_by integer not null references app_users (id),
			fixed_by_name text not null,
			fixed_at timestamptz not null,
			unique (period_from, period_to, audience, version),
			check (period_from <= period_to)
		)`.execute(db);
	await sql`create index fixed_reports_newest_idx on fixed_reports (fixed_at desc, id desc)`.execute(
		db
	);
	await sql`
		create function refuse_fixed_report_change() returns trigger language plpgsql as $$
		begin
			raise exception 'Een vastgesteld rapport kan niet worden gewijzigd of verwijderd.'
				using errcode = 'integrity_constraint_violation';
		end $$`.execute(db);
	await sql`
		create trigger fixed_reports_immutable before update or delete on fixed_reports
		for each row execute function refuse_fixed_report_change()`.execute(db);
	await sql`
		create trigger fixed_reports_no_truncate before truncate on fixed_reports
		for each statement execute function refuse_fixed_report_change()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop table fixed_reports`.execute(db);
	await sql`drop function refuse_fixed_report_change()`.execute(db);
}
