import type { Kysely } from 'kysely';
import { runStatements } from './run-statements';

// A werkplaats sets itself up in the browser (issue 11): the one-time codes the server prints at
// start while no management account exists (only their hashes are stored, one per process start,
// so any app process accepts the code another one printed), the logo (in the database so every
// app process serves it), and the optimistic versions of subsidy periods and indicator texts.
export async function up(db: Kysely<any>): Promise<void> {
	await runStatements(
		db,
		`
		create table setup_codes (
			code_hash text primary key,
			created_at timestamptz not null default now()
		);

		create table werkplaats_logo (
			id integer primary key default 1 check (id = 1),
			bytes bytea not null check (octet_length(bytes) between 1 and 1048576),
			mime text not null check (mime in ('image/png', 'image/jpeg')),
			version integer not null default 1,
			updated_at timestamptz not null default now()
		);

		alter table subsidy_periods add column version integer not null default 1;

		alter table indicators add column hidden boolean not null default false;
		alter table indicators add column version integer not null default 1;
		`
	);
}

export async function down(db: Kysely<any>): Promise<void> {
	await runStatements(
		db,
		`
		alter table indicators drop column version;
		alter table indicators drop column hidden;
		alter table subsidy_periods drop column version;
		drop table werkplaats_logo;
		drop table setup_codes;
		delete from settings where key in ('werkplaats_version', 'contact_address', 'contact_phone',
			'contact_email', 'contact_website', 'funding_line', 'installed_at', 'logo_version');
		`
	);
}
