import type { Kysely } from 'kysely';
import { runStatements } from './run-statements';

// Sign-in attempts are recorded BEFORE the password is checked (issue 13): a row per attempt that
// was let through, with failed_at set once the check failed. Counting pending rows as well as
// failed ones is what keeps N parallel attempts from all being checked. Replaces
// sign_in_failures, which was written after the check and so could be outrun.
export async function up(db: Kysely<any>): Promise<void> {
	await runStatements(
		db,
		`
		create table sign_in_attempts (
			id bigserial primary key,
			email text not null,
			ip text not null,
			at timestamptz not null default now(),
			failed_at timestamptz
		);
		create index sign_in_attempts_email_idx on sign_in_attempts (email, at);
		create index sign_in_attempts_ip_idx on sign_in_attempts (ip, at);
		insert into sign_in_attempts (email, ip, at, failed_at)
			select email, ip, at, at from sign_in_failures;
		drop table sign_in_failures;
	`
	);
}

export async function down(db: Kysely<any>): Promise<void> {
	await runStatements(
		db,
		`
		create table sign_in_failures (
			id bigserial primary key,
			email text not null,
			ip text not null,
			at timestamptz not null default now()
		);
		create index sign_in_failures_email_idx on sign_in_failures (email, at);
		create index sign_in_failures_ip_idx on sign_in_failures (ip, at);
		insert into sign_in_failures (email, ip, at)
			select email, ip, at from sign_in_attempts where failed_at is not null;
		drop table sign_in_attempts;
	`
	);
}
