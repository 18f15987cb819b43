import type { Kysely } from 'kysely';
import { runStatements } from './run-statements';

// The quarter cycle between people (issue 17): the conversation on a quarter, in-app
// notifications with a per-user e-mail preference, the durable job queue that sends e-mail and
// runs the reminders, and the report an audit entry belongs to (so the review view can list what
// changed in a quarter since its previous submission, deletions included).
export async function up(db: Kysely<any>): Promise<void> {
	await runStatements(
		db,
		`
		alter table audit_log add column report_id integer references quarter_reports (id) on delete set null;
		create index audit_log_report_idx on audit_log (report_id, id) where report_id is not null;
		update audit_log a set report_id = r.report_id from activities r
			where a.entity = 'activities' and a.entity_id = r.id::text;
		update audit_log a set report_id = r.report_id from student_participations r
			where a.entity = 'student_participations' and a.entity_id = r.id::text;
		update audit_log a set report_id = r.report_id from partner_involvements r
			where a.entity = 'partner_involvements' and a.entity_id = r.id::text;
		update audit_log a set report_id = r.report_id from publications r
			where a.entity = 'publications' and a.entity_id = r.id::text;
		update audit_log a set report_id = r.report_id from reach r
			where a.entity = 'reach' and a.entity_id = r.id::text;
		update audit_log a set report_id = r.report_id from highlights r
			where a.entity = 'highlights' and a.entity_id = r.id::text;
		update audit_log a set report_id = r.id from quarter_reports r
			where a.entity = 'quarter_report' and a.entity_id = r.id::text;

		create table report_comments (
			id serial primary key,
			report_id integer not null references quarter_reports (id) on delete cascade,
			record_type text,
			record_id integer,
			author_user_id integer references app_users (id) on delete set null,
			body text not null check (length(body) between 1 and 2000),
			resolved_at timestamptz,
			resolved_by integer references app_users (id) on delete set null,
			created_at timestamptz not null default now(),
			check ((record_type is null) = (record_id is null))
		);
		create index report_comments_report_idx on report_comments (report_id, id);

		create table notifications (
			id serial primary key,
			user_id integer not null references app_users (id) on delete cascade,
			kind text not null,
			atelier_id integer references ateliers (id) on delete cascade,
			report_id integer references quarter_reports (id) on delete cascade,
			subject text not null,
			body text not null,
			url text not null,
			created_at timestamptz not null default now(),
			read_at timestamptz,
			digested_at timestamptz
		);
		create index notifications_user_idx on notifications (user_id, id desc);
		create index notifications_unread_idx on notifications (user_id) where read_at is null;

		create table notification_preferences (
			user_id integer primary key references app_users (id) on delete cascade,
			mode text not null check (mode in ('immediate', 'digest', 'app')),
			updated_at timestamptz not null default now()
		);

		create table jobs (
			id bigserial primary key,
			kind text not null,
			payload jsonb not null default '{}',
			dedupe_key text unique,
			status text not null default 'pending' check (status in ('pending', 'done', 'failed')),
			run_at timestamptz not null,
			attempts integer not null default 0,
			max_attempts integer not null default 6,
			locked_until timestamptz,
			locked_by text,
			last_error text,
			created_at timestamptz not null default now(),
			finished_at timestamptz
		);
		create index jobs_due_idx on jobs (run_at, id) where status = 'pending';
		create index jobs_failed_idx on jobs (finished_at desc) where status = 'failed';
		`
	);
}

export async function down(db: Kysely<any>): Promise<void> {
	await runStatements(
		db,
		`
		drop table jobs;
		drop table notification_preferences;
		drop table notifications;
		drop table report_comments;
		drop index audit_log_report_idx;
		alter table audit_log drop column report_id;
		`
	);
}
