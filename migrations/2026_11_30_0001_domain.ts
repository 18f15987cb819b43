import type { Kysely } from 'kysely';
import { runStatements } from './run-statements';

// The whole domain of DESIGN.md section 3. Quarters are stored as text 'YYYYQn': it reads well in
// SQL and URLs, and sorts (and therefore range-filters) correctly as plain text.
export async function up(db: Kysely<any>): Promise<void> {
	await runStatements(
		db,
		`
		create domain kwartaal as text check (value ~ '^[0-9]{4}Q[1-4]$');

		create table settings (
			key text primary key,
			value jsonb not null,
			updated_at timestamptz not null default now()
		);

		create table subsidy_periods (
			id serial primary key,
			name text not null unique check (length(trim(name)) > 0),
			start_quarter kwartaal not null,
			end_quarter kwartaal not null,
			check (start_quarter <= end_quarter)
		);

		create table app_users (
			id serial primary key,
			name text not null check (length(trim(name)) > 0),
			email text not null unique check (email = lower(email) and email like '%_@_%'),
			role text not null check (role in ('kartrekker', 'council', 'management')),
			active boolean not null default true,
			created_at timestamptz not null default now(),
			updated_at timestamptz not null default now()
		);

		create table ateliers (
			id serial primary key,
			slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
			name text not null check (length(trim(name)) > 0),
			theme text not null default '',
			active_from kwartaal not null,
			active_to kwartaal,
			predecessor_id integer references ateliers (id) on delete restrict,
			version integer not null default 1,
			created_at timestamptz not null default now(),
			updated_at timestamptz not null default now(),
			check (active_to is null or active_from <= active_to),
			check (predecessor_id is null or predecessor_id <> id)
		);
		create index ateliers_active_idx on ateliers (active_from, active_to);
		create index ateliers_predecessor_idx on ateliers (predecessor_id);

		create table atelier_assignments (
			atelier_id integer not null references ateliers (id) on delete cascade,
			user_id integer not null references app_users (id) on delete cascade,
			primary key (atelier_id, user_id)
		);
		create index atelier_assignments_user_idx on atelier_assignments (user_id);

		create table quarter_reports (
			id serial primary key,
			atelier_id integer not null references ateliers (id) on delete restrict,
			quarter kwartaal not null,
			status text not null default 'concept'
				check (status in ('concept', 'ingediend', 'goedgekeurd', 'teruggestuurd')),
			no_activities boolean not null default false,
			network_members integer check (network_members >= 0),
			return_comment text,
			version integer not null default 1,
			created_at timestamptz not null default now(),
			updated_at timestamptz not null default now(),
			unique (atelier_id, quarter)
		);
		create index quarter_reports_quarter_idx on quarter_reports (quarter, atelier_id);
		create index quarter_reports_status_idx on quarter_reports (status, quarter);

		create table report_status_history (
			id serial primary key,
			report_id integer not null references quarter_reports (id) on delete cascade,
			from_status text,
			to_status text not null
				check (to_status in ('concept', 'ingediend', 'goedgekeurd', 'teruggestuurd')),
			actor_user_id integer references app_users (id) on delete set null,
			comment text,
			at timestamptz not null default now()
		);
		create index report_status_history_report_idx on report_status_history (report_id, at);

		create table locations (
			id serial primary key,
			municipality text not null check (length(trim(municipality)) > 0),
			name text not null check (length(trim(name)) > 0),
			kind text not null check (kind in ('stadsdeel', 'wijk')),
			unique (municipality, name)
		);

		create table organisations (
			id serial primary key,
			name text not null check (length(trim(name)) > 0),
			normalized_name text not null unique,
			kind text not null check (kind in ('welzijn', 'zorg', 'gemeente', 'onderwijs', 'onderzoek',
				'burgers/ervaringsdeskundigen')),
			municipality text,
			created_at timestamptz not null default now()
		);

		create table activities (
			id serial primary key,
			report_id integer not null references quarter_reports (id) on delete restrict,
			date date not null,
			title text not null check (length(trim(title)) > 0),
			kind text not null check (kind in ('expertmeeting', 'kennisbijeenkomst', 'themamiddag',
				'symposium', 'workshop', 'leeratelierbijeenkomst', 'intervisie', 'overig')),
			is_public boolean not null default false,
			participants_total integer not null default 0 check (participants_total >= 0),
			participants_professionals integer not null default 0 check (participants_professionals >= 0),
			participants_bewoners integer not null default 0 check (participants_bewoners >= 0),
			participants_studenten integer not null default 0 check (participants_studenten >= 0),
			participants_beleidsmedewerkers integer not null default 0
				check (participants_beleidsmedewerkers >= 0),
			participants_onderzoekers_docenten integer not null default 0
				check (participants_onderzoekers_docenten >= 0),
			participants_ervaringsdeskundigen integer not null default 0
				check (participants_ervaringsdeskundigen >= 0),
			location_id integer references locations (id) on delete restrict,
			venue text not null default '',
			description text not null default '',
			version integer not null default 1,
			created_at timestamptz not null default now(),
			updated_at timestamptz not null default now(),
			check (participants_professionals + participants_bewoners + participants_studenten
				+ participants_beleidsmedewerkers + participants_onderzoekers_docenten
				+ participants_ervaringsdeskundigen <= participants_total)
		);
		create index activities_report_idx on activities (report_id);
		create index activities_kind_idx on activities (kind, is_public);
		create index activities_location_idx on activities (location_id);

		create table activity_organisations (
			activity_id integer not null references activities (id) on delete cascade,
			organisation_id integer not null references organisations (id) on delete restrict,
			primary key (activity_id, organisation_id)
		);
		create index activity_organisations_org_idx on activity_organisations (organisation_id);

		create table students (
			id serial primary key,
			display_name text not null check (length(trim(display_name)) > 0),
			student_number text unique,
			created_at timestamptz not null default now()
		);

		create table atelier_students (
			atelier_id integer not null references ateliers (id) on delete cascade,
			student_id integer not null references students (id) on delete cascade,
			primary key (atelier_id, student_id)
		);
		create index atelier_students_student_idx on atelier_students (student_id);

		create table student_participations (
			id serial primary key,
			report_id integer not null references quarter_reports (id) on delete restrict,
			student_id integer not null references students (id) on delete restrict,
			activity text not null check (activity in ('wijkverhalen', 'stage', 'afstuderen',
				'symposium', 'onderzoek', 'overig')),
			description text not null default '',
			version integer not null default 1,
			created_at timestamptz not null default now(),
			updated_at timestamptz not null default now()
		);
		create index student_participations_report_idx on student_participations (report_id, student_id);
		create index student_participations_student_idx on student_participations (student_id);

		create table partner_involvements (
			id serial primary key,
			report_id integer not null references quarter_reports (id) on delete restrict,
			organisation_id integer not null references organisations (id) on delete restrict,
			role text not null default '',
			version integer not null default 1,
			created_at timestamptz not null default now(),
			updated_at timestamptz not null default now(),
			unique (report_id, organisation_id)
		);
		create index partner_involvements_org_idx on partner_involvements (organisation_id);

		create table publications (
			id serial primary key,
			report_id integer not null references quarter_reports (id) on delete restrict,
			date date not null,
			title text not null check (length(trim(title)) > 0),
			kind text not null check (kind in ('rapport', 'artikel', 'verslag', 'boekje', 'video',
				'website', 'presentatie')),
			url text check (url is null or url ~ '^https?://[^[:space:]]+$'),
			authors text not null default '',
			version integer not null default 1,
			created_at timestamptz not null default now(),
			updated_at timestamptz not null default now()
		);
		create index publications_report_idx on publications (report_id);

		create table reach (
			id serial primary key,
			report_id integer not null references quarter_reports (id) on delete restrict,
			location_id integer not null references locations (id) on delete restrict,
			resident_conversations integer not null default 0 check (resident_conversations >= 0),
			professionals_reached integer not null default 0 check (professionals_reached >= 0),
			version integer not null default 1,
			created_at timestamptz not null default now(),
			updated_at timestamptz not null default now(),
			unique (report_id, location_id)
		);
		create index reach_location_idx on reach (location_id);

		create table highlights (
			id serial primary key,
			report_id integer not null references quarter_reports (id) on delete restrict,
			title text not null check (length(trim(title)) > 0),
			body text not null default '',
			quote text,
			quote_speaker text,
			quote_role text,
			url text check (url is null or url ~ '^https?://[^[:space:]]+$'),
			in_report boolean not null default false,
			version integer not null default 1,
			created_at timestamptz not null default now(),
			updated_at timestamptz not null default now(),
			check (quote is null or quote_speaker is not null)
		);
		create index highlights_report_idx on highlights (report_id);

		create table indicators (
			code text primary key check (code ~ '^[a-z_]+$'),
			name text not null,
			definition text not null,
			aggregation text not null check (aggregation in ('count', 'sum', 'distinct', 'last')),
			sort_order integer not null default 0
		);

		create table indicator_targets (
			id serial primary key,
			indicator_code text not null references indicators (code) on delete cascade,
			year integer not null check (year between 2000 and 2100),
			atelier_id integer references ateliers (id) on delete cascade,
			target numeric(12, 2) not null check (target >= 0),
			unique nulls not distinct (indicator_code, year, atelier_id)
		);
	`
	);
}

export async function down(db: Kysely<any>): Promise<void> {
	await runStatements(
		db,
		`
		drop table indicator_targets;
		drop table indicators;
		drop table highlights;
		drop table reach;
		drop table publications;
		drop table partner_involvements;
		drop table student_participations;
		drop table atelier_students;
		drop table students;
		drop table activity_organisations;
		drop table activities;
		drop table organisations;
		drop table locations;
		drop table report_status_history;
		drop table quarter_reports;
		drop table atelier_assignments;
		drop table ateliers;
		drop table app_users;
		drop table subsidy_periods;
		drop table settings;
		drop domain kwartaal;
	`
	);
}
