import type { Kysely } from 'kysely';
import { runStatements } from './run-statements';

// Accounts and sessions (better-auth's four tables, under our own names and snake_case columns),
// the link from app_users to better-auth's user, sign-in throttling, password-reset links and
// the audit trail. better-auth never creates or alters tables itself: this migration owns them,
// and better-auth's schema check verifies them on first use.
export async function up(db: Kysely<any>): Promise<void> {
	await runStatements(
		db,
		`
		create table auth_user (
			id text primary key,
			name text not null,
			email text not null unique,
			email_verified boolean not null default false,
			image text,
			created_at timestamptz not null default now(),
			updated_at timestamptz not null default now()
		);

		create table auth_session (
			id text primary key,
			expires_at timestamptz not null,
			token text not null unique,
			created_at timestamptz not null default now(),
			updated_at timestamptz not null default now(),
			ip_address text,
			user_agent text,
			user_id text not null references auth_user (id) on delete cascade
		);
		create index auth_session_user_idx on auth_session (user_id);

		create table auth_account (
			id text primary key,
			account_id text not null,
			provider_id text not null,
			user_id text not null references auth_user (id) on delete cascade,
			access_token text,
			refresh_token text,
			id_token text,
			access_token_expires_at timestamptz,
			refresh_token_expires_at timestamptz,
			scope text,
			password text,
			created_at timestamptz not null default now(),
			updated_at timestamptz not null default now()
		);
		create index auth_account_user_idx on auth_account (user_id);

		create table auth_verification (
			id text primary key,
			identifier text not null,
			value text not null,
			expires_at timestamptz not null,
			created_at timestamptz not null default now(),
			updated_at timestamptz not null default now()
		);
		create index auth_verification_identifier_idx on auth_verification (identifier);

		alter table app_users
			add column auth_user_id text unique references auth_user (id) on delete set null;

		create table sign_in_failures (
			id bigserial primary key,
			email text not null,
			ip text not null,
			at timestamptz not null default now()
		);
		create index sign_in_failures_email_idx on sign_in_failures (email, at);
		create index sign_in_failures_ip_idx on sign_in_failures (ip, at);

		create table password_reset_links (
			token_hash text primary key,
			user_id integer not null references app_users (id) on delete cascade,
			created_by integer references app_users (id) on delete set null,
			created_at timestamptz not null default now(),
			expires_at timestamptz not null,
			used_at timestamptz
		);
		create index password_reset_links_user_idx on password_reset_links (user_id);

		create table audit_log (
			id bigserial primary key,
			at timestamptz not null default now(),
			actor_id integer references app_users (id) on delete set null,
			entity text not null check (length(entity) > 0),
			entity_id text not null,
			atelier_id integer,
			action text not null check (length(action) > 0),
			before jsonb,
			after jsonb
		);
		create index audit_log_at_idx on audit_log (at desc, id desc);
		create index audit_log_entity_idx on audit_log (entity, entity_id, at desc);
		create index audit_log_actor_idx on audit_log (actor_id, at desc);
		create index audit_log_atelier_idx on audit_log (atelier_id, at desc)
		`
	);
}

export async function down(db: Kysely<any>): Promise<void> {
	await runStatements(
		db,
		`
		drop table audit_log;
		drop table password_reset_links;
		drop table sign_in_failures;
		alter table app_users drop column auth_user_id;
		drop table auth_verification;
		drop table auth_account;
		drop table auth_session;
		drop table auth_user
		`
	);
}
