import type { Kysely } from 'kysely';
import { runStatements } from './run-statements';

// Sessions and passwords move from better-auth's four tables to our own (see README, "Sessies en
// geheimen", for why), and sign-in through OpenID Connect providers gets its tables:
// - app_users.password_hash: the argon2id hash that auth_account kept for provider 'credential';
// - sessions: one row per signed-in browser, keyed by the SHA-256 of the cookie's random token;
// - sign_in_providers: providers management configured on /beheer/inloggen (the client secret
//   encrypted with SSO_SECRET_KEY; providers from environment variables are not stored);
// - user_identities: which (issuer, subject) belongs to which account, once linked;
// - sso_states: one row per started provider sign-in (state, nonce, PKCE verifier), used once.
// Existing sessions end (everyone signs in again once); passwords are kept.
export async function up(db: Kysely<any>): Promise<void> {
	await runStatements(
		db,
		`
		alter table app_users add column password_hash text;

		update app_users u set password_hash = a.password
			from auth_account a
			where a.user_id = u.auth_user_id and a.provider_id = 'credential' and a.password is not null;

		alter table app_users drop column auth_user_id;
		drop table auth_verification;
		drop table auth_account;
		drop table auth_session;
		drop table auth_user;
		delete from settings where key = 'auth_secret';

		create table sessions (
			token_hash text primary key,
			user_id integer not null references app_users (id) on delete cascade,
			method text not null check (length(method) between 1 and 60),
			created_at timestamptz not null default now(),
			renewed_at timestamptz not null default now(),
			expires_at timestamptz not null,
			user_agent text
		);
		create index sessions_user_idx on sessions (user_id);
		create index sessions_expires_idx on sessions (expires_at);

		create table sign_in_providers (
			id serial primary key,
			key text not null unique check (key ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
			display_name text not null check (length(display_name) between 1 and 60),
			issuer text not null,
			client_id text not null,
			client_secret_encrypted text not null,
			email_domains jsonb not null default '[]',
			version integer not null default 1,
			created_at timestamptz not null default now(),
			updated_at timestamptz not null default now()
		);

		create table user_identities (
			id serial primary key,
			user_id integer not null references app_users (id) on delete cascade,
			provider_key text not null,
			issuer text not null,
			subject text not null,
			email text not null,
			linked_at timestamptz not null default now(),
			last_sign_in_at timestamptz,
			unique (issuer, subject),
			unique (user_id, issuer)
		);

		create table sso_states (
			state_hash text primary key,
			provider_key text not null,
			code_verifier text not null,
			nonce text not null,
			return_to text not null,
			created_at timestamptz not null default now(),
			expires_at timestamptz not null
		);
		create index sso_states_expires_idx on sso_states (expires_at)
		`
	);
}

export async function down(db: Kysely<any>): Promise<void> {
	await runStatements(
		db,
		`
		drop table sso_states;
		drop table user_identities;
		drop table sign_in_providers;
		drop table sessions;

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

		insert into auth_user (id, name, email) select 'user-' || id, name, email from app_users;
		alter table app_users
			add column auth_user_id text unique references auth_user (id) on delete set null;
		update app_users set auth_user_id = 'user-' || id;
		insert into auth_account (id, account_id, provider_id, user_id, password)
			select 'credential-' || id, 'user-' || id, 'credential', 'user-' || id, password_hash
			from app_users where password_hash is not null;
		alter table app_users drop column password_hash
		`
	);
}
