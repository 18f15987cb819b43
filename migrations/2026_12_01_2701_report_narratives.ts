import { sql, type Kysely } from 'kysely';

// The narrative of a report (issue 16 item 3): what management writes for one period and
// audience before the report is fixed — the foreword, the outlook, the werkplaats-wide
// highlights and the explanation of every difference with the plan. A draft, changed on the
// version it showed (optimistic, like the settings); fixing a report copies it into the fixed row.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create table report_narratives (
			id serial primary key,
			period_from text not null,
			period_to text not null,
			audience text not null check (audience in ('vws', 'programmaraad')),
			foreword text not null default '',
			outlook text not null default '',
			highlights jsonb not null default '[]'::jsonb,
			explanations jsonb not null default '{}'::jsonb,
			version integer not null default 1,
			updated_by integer references app_users (id),
			updated_at timestamptz not null default now(),
			unique (period_from, period_to, audience),
			check (period_from <= period_to)
		)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop table report_narratives`.execute(db);
}
