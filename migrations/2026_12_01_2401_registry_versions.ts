import type { Kysely } from 'kysely';
import { runStatements } from './run-statements';

// Management edits and merges organisations and locations in the browser (/beheer/registers):
// like every edited record they carry a version, so two managers editing one at once get the
// conflict view instead of overwriting each other.
export async function up(db: Kysely<any>): Promise<void> {
	await runStatements(
		db,
		`
		alter table organisations add column version integer not null default 1;
		alter table organisations add column updated_at timestamptz not null default now();
		alter table locations add column version integer not null default 1;
		alter table locations add column created_at timestamptz not null default now();
		alter table locations add column updated_at timestamptz not null default now()
	`
	);
}

export async function down(db: Kysely<any>): Promise<void> {
	await runStatements(
		db,
		`
		alter table locations drop column updated_at;
		alter table locations drop column created_at;
		alter table locations drop column version;
		alter table organisations drop column updated_at;
		alter table organisations drop column version
	`
	);
}
