import { sql, type Kysely } from 'kysely';
import { METRICS_BITMAP_CHUNK } from './2026_11_30_0300_metrics_report_summaries';

// Summaries maintained incrementally (issue 15). Before, every statement on a record table
// recomputed all summaries of the reports it touched from their records: one activity added to a
// report of 16,000 records cost about 40 ms of summary work. Now the statement triggers apply what
// the statement changed:
// - sums and counts (activities and publications per kind, resident conversations) are additive:
//   the statement's rows are added (new) and subtracted (old) per report and kind, and a row whose
//   count drops to zero goes, as a recomputation would never have made it;
// - the distinct bitmaps: the ids a statement adds are OR-ed in; for the ids it removes, only
//   those ids are checked against the records of their report (is the student, organisation or
//   location still named there?), and their bit cleared when not; an empty chunk goes.
// Every path still locks its reports first (in id order) and bumps their versions, as
// metrics_refresh_reports did. Three cases still recompute their reports in full, because a delta
// cannot see everything: deleting activities (their organisations are deleted by the cascade
// before the trigger can look them up), an update that moves activities to another report (their
// organisations move with them), and statements that remove more than BULK rows (a recomputation
// is then cheaper than checking each id). TRUNCATE keeps recomputing everything.
// tests/metrics-incremental.property.test.ts compares the result with a full recomputation after
// random edits of every kind.

const BULK = 200;
const ONE = `B'1'::bit(${METRICS_BITMAP_CHUNK})`;
const ZERO = `B'0'::bit(${METRICS_BITMAP_CHUNK})`;

interface Fact {
	dimension: 'student' | 'organisation' | 'location';
	value: string;
}

interface Source {
	table: string;
	/** The report of a transition row `x` (possibly through `join`). */
	report: string;
	join?: string;
	facts: Fact[];
	/** Statements on the additive summaries, over `signed` rows (sign 1 new, -1 old). */
	additive?: (signed: string) => string[];
}

const ACTIVITY_SUMS = [
	'participants_total',
	'participants_professionals',
	'participants_bewoners',
	'participants_studenten',
	'participants_beleidsmedewerkers',
	'participants_onderzoekers_docenten',
	'participants_ervaringsdeskundigen'
];

const SOURCES: Source[] = [
	{
		table: 'activities',
		report: 'x.report_id',
		facts: [{ dimension: 'location', value: 'x.location_id' }],
		additive: (signed) => [
			`insert into metrics_report_activities as m (report_id, kind, activities,
				public_knowledge_events, ${ACTIVITY_SUMS.join(', ')})
			select x.report_id, x.kind, sum(x.sign),
				sum(case when x.is_public and x.kind = 'kennisbijeenkomst' then x.sign else 0 end),
				${ACTIVITY_SUMS.map((c) => `sum(x.sign * x.${c}::bigint)`).join(', ')}
			from (${signed}) x where x.report_id = any(ids)
			group by x.report_id, x.kind
			on conflict (report_id, kind) do update set
				activities = m.activities + excluded.activities,
				public_knowledge_events = m.public_knowledge_events + excluded.public_knowledge_events,
				${ACTIVITY_SUMS.map((c) => `${c} = m.${c} + excluded.${c}`).join(',\n\t\t\t\t')}`,
			`delete from metrics_report_activities where report_id = any(ids) and activities = 0`
		]
	},
	{
		table: 'activity_organisations',
		report: 'a.report_id',
		join: 'join activities a on a.id = x.activity_id',
		facts: [{ dimension: 'organisation', value: 'x.organisation_id' }]
	},
	{
		table: 'student_participations',
		report: 'x.report_id',
		facts: [{ dimension: 'student', value: 'x.student_id' }]
	},
	{
		table: 'partner_involvements',
		report: 'x.report_id',
		facts: [{ dimension: 'organisation', value: 'x.organisation_id' }]
	},
	{
		table: 'publications',
		report: 'x.report_id',
		facts: [],
		additive: (signed) => [
			`insert into metrics_report_publications as m (report_id, kind, publications)
			select x.report_id, x.kind, sum(x.sign) from (${signed}) x where x.report_id = any(ids)
			group by x.report_id, x.kind
			on conflict (report_id, kind) do update set publications = m.publications + excluded.publications`,
			`delete from metrics_report_publications where report_id = any(ids) and publications = 0`
		]
	},
	{
		table: 'reach',
		report: 'x.report_id',
		facts: [{ dimension: 'location', value: 'x.location_id' }],
		additive: (signed) => [
			`insert into metrics_report_reach as m (report_id, resident_conversations)
			select x.report_id, sum(x.sign * x.resident_conversations::bigint)
			from (${signed}) x where x.report_id = any(ids)
			group by x.report_id
			on conflict (report_id) do update
				set resident_conversations = m.resident_conversations + excluded.resident_conversations`,
			`delete from metrics_report_reach m where m.report_id = any(ids)
				and not exists (select 1 from reach r where r.report_id = m.report_id)`
		]
	}
];

type Event = 'insert' | 'update' | 'delete';
const EVENTS: Event[] = ['insert', 'update', 'delete'];

function signedRows(event: Event): string {
	const parts: string[] = [];
	if (event !== 'delete') parts.push('select 1 as sign, n.* from new_rows n');
	if (event !== 'insert') parts.push('select -1 as sign, o.* from old_rows o');
	return parts.join(' union all ');
}

/** The reports a statement touched, as the trigger of migration 2026_11_30_0300 found them. */
function touchedReports(source: Source, event: Event): string {
	const rows =
		event === 'insert'
			? ['new_rows']
			: event === 'delete'
				? ['old_rows']
				: ['old_rows', 'new_rows'];
	return rows
		.map((r) => `select ${source.report} as report_id from ${r} x ${source.join ?? ''}`)
		.join(' union ');
}

/** When the delta cannot be trusted or costs more than a recomputation. */
function fallback(source: Source, event: Event): string {
	if (event === 'insert') return 'false';
	const conditions = [`(select count(*) from old_rows) > ${BULK}`];
	if (source.table === 'activities' && event === 'delete') conditions.push('true');
	if (source.table === 'activities' && event === 'update')
		conditions.push(`exists (select 1 from old_rows o join new_rows n on n.id = o.id
			where n.report_id is distinct from o.report_id)`);
	return conditions.join(' or ');
}

function body(source: Source, event: Event): string {
	const signed = signedRows(event);
	const facts = source.facts
		.map(
			(f) => `select x.sign, ${source.report} as report_id, '${f.dimension}'::text as dimension,
				${f.value} as v
			from (${signed}) x ${source.join ?? ''}
			where ${f.value} is not null`
		)
		.join(' union all ');
	const statements = [...(source.additive?.(signed) ?? [])];
	if (facts) {
		statements.push(
			`insert into metrics_report_sets as m (report_id, dimension, chunk, bits)
			select report_id, dimension, v / ${METRICS_BITMAP_CHUNK},
				bit_or(${ONE} >> (v % ${METRICS_BITMAP_CHUNK}))
			from (${facts}) f where sign = 1 and report_id = any(ids)
			group by report_id, dimension, v / ${METRICS_BITMAP_CHUNK}
			on conflict (report_id, dimension, chunk) do update set bits = m.bits | excluded.bits`
		);
		if (event !== 'insert')
			statements.push(
				`update metrics_report_sets m set bits = m.bits & ~g.mask
				from (
					select report_id, dimension, v / ${METRICS_BITMAP_CHUNK} as chunk,
						bit_or(${ONE} >> (v % ${METRICS_BITMAP_CHUNK})) as mask
					from (select distinct report_id, dimension, v from (${facts}) f
						where sign = -1 and report_id = any(ids)) gone
					where not metrics_fact_present(report_id, dimension, v)
					group by report_id, dimension, v / ${METRICS_BITMAP_CHUNK}
				) g
				where m.report_id = g.report_id and m.dimension = g.dimension and m.chunk = g.chunk`,
				`delete from metrics_report_sets where report_id = any(ids) and bits = ${ZERO}`
			);
	}
	return `declare
		ids integer[];
	begin
		ids := array(select distinct report_id from (${touchedReports(source, event)}) t
			where report_id is not null);
		if cardinality(ids) = 0 then
			return null;
		end if;
		if ${fallback(source, event)} then
			perform metrics_refresh_reports(ids);
			return null;
		end if;
		-- the reports that still exist, locked in id order, their versions bumped
		ids := metrics_touch_reports(ids);
		${statements.map((s) => `${s};`).join('\n\t\t')}
		return null;
	end`;
}

async function each(db: Kysely<any>, statements: string[]): Promise<void> {
	for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
	await each(db, [
		// Locks the reports as metrics_refresh_report_summaries does, bumps their versions as
		// metrics_refresh_reports does, and returns the ids of those that (still) exist.
		`create function metrics_touch_reports(ids integer[]) returns integer[]
		language plpgsql as $$
		declare
			locked integer[];
		begin
			locked := array(select id from quarter_reports where id = any(ids) order by id
				for no key update);
			insert into metrics_report_versions (report_id, version)
			select id, nextval('metrics_report_version_seq') from unnest(locked) as id order by id
			on conflict (report_id) do update set version = excluded.version;
			return locked;
		end
		$$`,
		// Whether a report's records still name an id of a dimension of metrics_report_sets.
		`create function metrics_fact_present(r integer, d text, v integer) returns boolean
		language sql stable as $$
			select case d
				when 'student' then exists (
					select 1 from student_participations where report_id = r and student_id = v)
				when 'organisation' then exists (
					select 1 from partner_involvements where report_id = r and organisation_id = v)
					or exists (select 1 from activity_organisations ao
						join activities a on a.id = ao.activity_id
						where a.report_id = r and ao.organisation_id = v)
				when 'location' then exists (
					select 1 from activities where report_id = r and location_id = v)
					or exists (select 1 from reach where report_id = r and location_id = v)
				else false
			end
		$$`
	]);
	for (const source of SOURCES)
		for (const event of EVENTS)
			await sql
				.raw(
					`create or replace function ${source.table}_summaries_${event}() returns trigger
					language plpgsql as $$ ${body(source, event)} $$`
				)
				.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	// The bodies of migration 2026_11_30_0300: recompute every touched report.
	for (const source of SOURCES)
		for (const event of EVENTS)
			await sql
				.raw(
					`create or replace function ${source.table}_summaries_${event}() returns trigger
					language plpgsql as $$
					begin
						perform metrics_refresh_reports(array(
							select distinct report_id from (${touchedReports(source, event)}) touched
							where report_id is not null
						));
						return null;
					end
					$$`
				)
				.execute(db);
	await each(db, [
		'drop function if exists metrics_fact_present(integer, text, integer)',
		'drop function if exists metrics_touch_reports(integer[])'
	]);
}
