// npm run bench [-- --records 100000] [-- --runs 5] [-- --no-fill] [-- --skip-metrics]
//   [-- --skip-exports] [-- --export-records 100000] [-- --skip-hardening] [-- --skip-load]
//   [-- --load-seconds 20] [-- --compare-old] [-- --skip-memory]
// Fills the database of DATABASE_URL (or the embedded one in DATA_DIR) with a synthetic network —
// 100 ateliers over 28 quarters, partners and students shared between ateliers — and measures
// every figure against the fastest honest alternative measured in the same run:
// - the engine against the fastest single statement over the same summary tables (and, as a
//   second reference, the single statement over the raw records);
// - the dashboard's load cold (after a real save through saveRecord to a report in the selection)
//   and warm, against the two engine runs it needs (uncached) and the cache lookup alone;
// - one save through the save path against a bare insert of the same row;
// - (PostgreSQL) GET /dashboard through the built app, cold after a save through the quarter
//   page's form action, warm, its CPU per request and its size on the wire;
// - (PostgreSQL) 10 readers plus one save per second through the form action, on 1 and 2 app
//   processes: reads/s, p50, p99, errors, deadlocks, writers waiting on a lock;
// - (PostgreSQL) saves/s through the form action at 1 and 10 connections on 1 and 2 processes, a
//   500-row import into a typical report, and a save to another atelier during such an import;
// - the memory (RSS and peak) of the built app on PGlite with the demo data, first start and
//   restarted, after dashboards and workbook exports (scripts/bench-pglite-memory.ts);
// - the workbook against a bare exceljs WorkbookWriter writing the same rows, its peak RSS, and
//   the demo's PDF reports (scripts/bench-exports.ts, one process each);
// - the VWS PDF (Chromium) through the built app: the demo's (scripts/bench-report-pdf.ts) and,
//   on PostgreSQL, the network's over three years, the first after start and warm.
// Every figure ends in one verdict line per target of issue 15 (PASS/FAIL with the bar); the exit
// code is 1 when one fails. The targets are set for 1,000,000 records (--records 1000000); the
// default of 100,000 keeps a run to a few minutes.
// It replaces all domain data in that database: point it at a database made for the bench.
import { sql, type Kysely } from 'kysely';
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import type { SessionUser } from '../src/lib/server/auth/guards';
import type { Database } from '../src/lib/server/db/types';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { computeMetrics } from '../src/lib/server/metrics/engine';
import { previousQuery } from '../src/lib/server/metrics/comparison';
import {
	cacheFingerprint,
	cachedMetrics,
	clearMetricsCache
} from '../src/lib/server/metrics/cache';
import { loadDashboard } from '../src/lib/server/metrics/dashboard';
import { saveRecord } from '../src/lib/server/records/service';
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import {
	benchAccount,
	signIn,
	sized,
	startApp,
	withSignedInApp,
	type App,
	type Sized
} from './bench-http';
import { benchHardening } from './bench-hardening';
import { benchImport } from './bench-import';
import { benchPgliteMemory, printMemory } from './bench-pglite-memory';
import {
	cpuSeconds,
	readersWithSaves,
	removeBenchSaves,
	SAVE_QUARTER,
	saveThroughForm,
	savesThroughForms,
	type Target
} from './bench-load';
import { benchReportPdf } from './bench-report-pdf';
import { benchSaves, withBenchUser } from './bench-saves';
import { runWithDatabase } from './cli-database';

const { values: args } = parseArgs({
	options: {
		records: { type: 'string', default: '100000' },
		runs: { type: 'string', default: '5' },
		'no-fill': { type: 'boolean', default: false },
		'export-records': { type: 'string', default: '100000' },
		'export-rounds': { type: 'string', default: '3' },
		'load-seconds': { type: 'string', default: '20' },
		'skip-metrics': { type: 'boolean', default: false },
		'skip-exports': { type: 'boolean', default: false },
		'skip-hardening': { type: 'boolean', default: false },
		'skip-load': { type: 'boolean', default: false },
		'compare-old': { type: 'boolean', default: false },
		'skip-memory': { type: 'boolean', default: false }
	}
});
const postgres = Boolean(process.env.DATABASE_URL);
console.log(
	`load average bij de start: ${loadavg()
		.map((l) => l.toFixed(1))
		.join(' / ')} (1 / 5 / 15 min)`
);
// First the hardened paths of issue 13 (own throw-away database, seconds).
if (!args['skip-hardening']) await benchHardening();
const RECORDS = Number(args.records);
const RUNS = Number(args.runs);
const LOAD_SECONDS = Number(args['load-seconds']);
const ATELIERS = 100;
const FROM = '2020Q1';
const PERIOD = { from: '2022Q1', to: '2024Q4' } as const; // three years

/** One line per target of issue 15, printed together at the end. */
const verdicts: { pass: boolean; line: string }[] = [];
function verdict(what: string, measured: string, bar: string, pass: boolean) {
	verdicts.push({ pass, line: `${pass ? 'PASS' : 'FAIL'}  ${what}: ${measured} (doel ${bar})` });
}
const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;

async function fill(db: Kysely<Database>, records = RECORDS) {
	const share = (part: number) => Math.round(records * part);
	const counts = {
		activities: share(0.4),
		student_participations: share(0.3),
		partner_involvements: share(0.2),
		reach: share(0.1)
	};
	await sql`truncate activity_organisations, activities, student_participations,
		partner_involvements, publications, reach, highlights, report_status_history, quarter_reports,
		atelier_students, students, organisations, locations, indicator_targets, atelier_assignments,
		ateliers restart identity cascade`.execute(db);
	const statements = [
		// 70 ateliers for the whole range; 30 renamed at the end of 2022 (lines of two)
		sql`insert into ateliers (slug, name, active_from, active_to, predecessor_id)
			select 'atelier-' || i, 'Atelier ' || i, ${FROM},
				case when i <= 30 then '2022Q4' end, null
			from generate_series(1, 70) i`,
		sql`insert into ateliers (slug, name, active_from, active_to, predecessor_id)
			select 'atelier-' || i, 'Atelier ' || i, '2023Q1', null, i - 70
			from generate_series(71, ${ATELIERS}) i`,
		sql`insert into locations (municipality, name, kind)
			select 'Gemeente ' || (i % 6), 'Wijk ' || i, 'wijk' from generate_series(1, 60) i`,
		sql`insert into organisations (name, normalized_name, kind)
			select 'Organisatie ' || i, 'organisatie ' || i, 'zorg' from generate_series(1, 2000) i`,
		sql`insert into students (display_name) select 'Student ' || i from generate_series(1, 5000) i`,
		sql`insert into quarter_reports (atelier_id, quarter, status, network_members)
			select a.id, q.quarter,
				case when random() < 0.85 then 'goedgekeurd' when random() < 0.7 then 'ingediend'
					else 'concept' end,
				(random() * 200)::int
			from ateliers a
			join (select (2020 + i / 4)::text || 'Q' || (i % 4 + 1) as quarter
				from generate_series(0, 27) i) q
				on q.quarter >= a.active_from and (a.active_to is null or q.quarter <= a.active_to)`
	];
	for (const s of statements) await s.execute(db);
	const { rows } = await sql<{ n: number }>`select count(*) as n from quarter_reports`.execute(db);
	const reports = Number(rows[0].n);
	const per = (n: number) => Math.max(1, Math.ceil(n / reports));
	const more = [
		sql`insert into activities (report_id, date, title, kind, is_public, participants_total,
				participants_professionals, participants_bewoners, location_id)
			select r.id, make_date(substr(r.quarter, 1, 4)::int, substr(r.quarter, 6, 1)::int * 3 - 2, 1),
				'Bijeenkomst ' || i,
				(array['expertmeeting','kennisbijeenkomst','themamiddag','symposium','workshop',
					'leeratelierbijeenkomst','intervisie','overig'])[1 + (r.id + i) % 8],
				(r.id + i) % 3 = 0, 20, 8, 6, case when i % 4 = 0 then null else 1 + (r.id * 7 + i) % 60 end
			from quarter_reports r, generate_series(1, ${per(counts.activities)}) i`,
		sql`insert into activity_organisations (activity_id, organisation_id)
			select id, 1 + (id * 13) % 2000 from activities where id % 2 = 0`,
		sql`insert into student_participations (report_id, student_id, activity)
			select r.id, 1 + (r.atelier_id * 50 + (r.id * 3 + i) % 120) % 5000, 'stage'
			from quarter_reports r, generate_series(1, ${per(counts.student_participations)}) i`,
		sql`insert into partner_involvements (report_id, organisation_id, role)
			select r.id, 1 + (r.atelier_id * 17 + i * 7) % 2000, 'partner'
			from quarter_reports r, generate_series(1, ${Math.min(1999, per(counts.partner_involvements))}) i`,
		sql`insert into reach (report_id, location_id, resident_conversations, professionals_reached)
			select r.id, 1 + (r.id * 13 + i) % 60, 5, 3
			from quarter_reports r, generate_series(1, ${Math.min(60, per(counts.reach))}) i`,
		sql`insert into publications (report_id, date, title, kind)
			select r.id, make_date(substr(r.quarter, 1, 4)::int, substr(r.quarter, 6, 1)::int * 3 - 2, 1),
				'Product', (array['rapport','artikel','verslag','video'])[1 + r.id % 4]
			from quarter_reports r, generate_series(1, 3) i`,
		sql`vacuum analyze`
	];
	for (const s of more) await s.execute(db);
}

// The second reference: one hand-written statement producing the same numbers (every indicator in
// total, per atelier and per quarter) from the raw records, reading each table once. No breakdowns,
// no targets. It sorts hundreds of thousands of rows: it says what the summaries save, not what
// the engine could do better.
function rawRecordsQuery(db: Kysely<Database>) {
	return sql`
		with r as (
			select id, atelier_id as unit_id, quarter, network_members from quarter_reports
			where quarter between ${PERIOD.from} and ${PERIOD.to}
				and status in ('goedgekeurd', 'ingediend')
		),
		facts as (
			select r.unit_id, r.quarter, 1 as act, (a.is_public and a.kind = 'kennisbijeenkomst')::int as pk,
				a.participants_total as part, null::int as student, null::int as org, a.location_id as loc,
				0 as conv, 0 as pub
			from activities a join r on r.id = a.report_id
			union all select r.unit_id, r.quarter, 0, 0, 0, sp.student_id, null, null, 0, 0
			from student_participations sp join r on r.id = sp.report_id
			union all select r.unit_id, r.quarter, 0, 0, 0, null, pi.organisation_id, null, 0, 0
			from partner_involvements pi join r on r.id = pi.report_id
			union all select r.unit_id, r.quarter, 0, 0, 0, null, ao.organisation_id, null, 0, 0
			from activity_organisations ao join activities a on a.id = ao.activity_id
			join r on r.id = a.report_id
			union all select r.unit_id, r.quarter, 0, 0, 0, null, null, x.location_id, x.resident_conversations, 0
			from reach x join r on r.id = x.report_id
			union all select r.unit_id, r.quarter, 0, 0, 0, null, null, null, 0, 1
			from publications p join r on r.id = p.report_id
		)
		select unit_id, quarter, sum(act) as bijeenkomsten, sum(pk) as openbaar, sum(part) as deelnemers,
			count(distinct student) as studenten, count(distinct org) as partners,
			count(distinct loc) as wijken, sum(conv) as gesprekken, sum(pub) as publicaties
		from facts
		group by grouping sets ((unit_id, quarter), (unit_id), (quarter), ())`.execute(db);
}

const SCOPE_STATUSES = ['goedgekeurd', 'ingediend'];

// The real limit: the fastest single statement producing what the engine reads from the same
// summary tables (migration 2026_11_30_0300): activity and publication sums per level and per
// kind, resident conversations, the distinct counts from the bitmaps (all three dimensions in one
// pass) and the network members, every level at once. What it leaves out (ateliers, active
// ateliers, open quarters, targets) reads a few hundred small rows.
function summaryStatement(db: Kysely<Database>) {
	return sql<{
		t: string;
		unit_id: number | null;
		quarter: string | null;
		kind: string | null;
		g: number;
		v: number[];
	}>`
		with r as (
			select id, atelier_id as unit_id, quarter, network_members from quarter_reports
			where quarter >= ${PERIOD.from} and quarter <= ${PERIOD.to}
				and status = any(${SCOPE_STATUSES}::text[])
		),
		act as (
			select r.unit_id, r.quarter, m.kind, grouping(r.unit_id, r.quarter, m.kind) as g,
				array[sum(m.activities), sum(m.public_knowledge_events), sum(m.participants_total),
					sum(m.participants_professionals), sum(m.participants_bewoners),
					sum(m.participants_studenten), sum(m.participants_beleidsmedewerkers),
					sum(m.participants_onderzoekers_docenten), sum(m.participants_ervaringsdeskundigen)]
					as v
			from metrics_report_activities m join r on r.id = m.report_id
			group by grouping sets ((r.unit_id, r.quarter), (r.unit_id), (r.quarter), (), (m.kind))
		),
		pub as (
			select r.unit_id, r.quarter, m.kind, grouping(r.unit_id, r.quarter, m.kind) as g,
				array[sum(m.publications)] as v
			from metrics_report_publications m join r on r.id = m.report_id
			group by grouping sets ((r.unit_id, r.quarter), (r.unit_id), (r.quarter), (), (m.kind))
		),
		conv as (
			select r.unit_id, r.quarter, grouping(r.unit_id, r.quarter) as g,
				array[sum(m.resident_conversations)] as v
			from metrics_report_reach m join r on r.id = m.report_id
			group by grouping sets ((r.unit_id, r.quarter), (r.unit_id), (r.quarter), ())
		),
		sets as (
			select dimension, unit_id, quarter, g, array[sum(bit_count(bits))] as v
			from (
				select s.dimension, r.unit_id, r.quarter, grouping(r.unit_id, r.quarter) as g,
					bit_or(s.bits) as bits
				from metrics_report_sets s join r on r.id = s.report_id
				group by grouping sets ((s.dimension, r.unit_id, r.quarter, s.chunk),
					(s.dimension, r.unit_id, s.chunk), (s.dimension, r.quarter, s.chunk),
					(s.dimension, s.chunk))
			) d
			group by dimension, unit_id, quarter, g
		),
		uq as (
			select unit_id, quarter, sum(network_members) as v from r
			where network_members is not null group by unit_id, quarter
		),
		latest as (select distinct on (unit_id) unit_id, v from uq order by unit_id, quarter desc)
		select 'activiteiten' as t, unit_id, quarter, kind, g, v from act
		union all select 'publicaties', unit_id, quarter, kind, g, v from pub
		union all select 'gesprekken', unit_id, quarter, null, g, v from conv
		union all select dimension, unit_id, quarter, null, g, v from sets
		union all select 'netwerkleden', unit_id, quarter, null, 0, array[v] from uq
		union all select 'netwerkleden', unit_id, null, null, 1, array[v] from latest
		union all select 'netwerkleden', null, quarter, null, 2, array[sum(v)] from uq group by quarter
		union all select 'netwerkleden', null, null, null, 3, array[coalesce(sum(v), 0)] from latest`.execute(
		db
	);
}

/** Median of RUNS timed runs after one warm-up; `before` runs untimed before each. */
async function median(
	label: string,
	task: () => Promise<unknown>,
	before?: () => Promise<unknown>
): Promise<number> {
	if (before) await before();
	await task(); // warm-up
	const times: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		if (before) await before(); // not timed
		const start = performance.now();
		await task();
		times.push(performance.now() - start);
	}
	times.sort((a, b) => a - b);
	const result = times[Math.floor(times.length / 2)];
	console.log(`${label.padEnd(72)} ${result.toFixed(1).padStart(8)} ms (mediaan van ${RUNS})`);
	return result;
}

const management: SessionUser = {
	id: 0,
	name: 'Bench',
	email: 'bench@voorbeeld.nl',
	role: 'management',
	atelierIds: []
};

const BENCH_ACTIVITY = {
	date: '',
	title: 'Bench-opslag',
	kind: 'workshop',
	participants_total: '12',
	professionals: '4',
	bewoners: '6'
};

/** Open (concept) reports in the bench period, newest first: saves there make the dashboard cold. */
async function openReportsInPeriod(db: Kysely<Database>, n: number) {
	return db
		.selectFrom('quarter_reports as qr')
		.innerJoin('ateliers as a', 'a.id', 'qr.atelier_id')
		.select(['qr.id', 'qr.atelier_id as atelierId', 'qr.quarter', 'a.slug'])
		.where('qr.status', '=', 'concept')
		.where('qr.quarter', '>=', PERIOD.from)
		.where('qr.quarter', '<=', PERIOD.to)
		.orderBy('qr.quarter', 'desc')
		.orderBy('qr.id')
		.limit(n)
		.execute();
}

const dateIn = (quarter: string) =>
	`${quarter.slice(0, 4)}-${String(Number(quarter.slice(5)) * 3 - 1).padStart(2, '0')}-15`;

/** On PGlite: what GET /dashboard needs once the bench has closed the database. */
interface PgliteDashboard {
	account: { email: string; password: string };
	target: Target;
}
// (assigned inside the callback below; the cast keeps TypeScript from narrowing it to null)
let pgliteDashboard = null as PgliteDashboard | null;
if (!args['skip-metrics'])
	await runWithDatabase(async ({ db, where }) => {
		await migrateToLatest(db);
		if (!args['no-fill']) {
			const start = performance.now();
			await fill(db);
			console.log(`${where}: gevuld in ${((performance.now() - start) / 1000).toFixed(1)} s`);
		}
		const { rows } = await sql<{ t: string; n: number }>`
			select 'activiteiten' as t, count(*) as n from activities
			union all select 'studentdeelnames', count(*) from student_participations
			union all select 'partnerbetrokkenheden', count(*) from partner_involvements
			union all select 'bereik', count(*) from reach
			union all select 'publicaties', count(*) from publications
			union all select 'activiteit-organisaties', count(*) from activity_organisations
			union all select 'kwartaalrapportages', count(*) from quarter_reports
			union all select 'ateliers', count(*) from ateliers`.execute(db);
		console.log(rows.map((r) => `${r.t}: ${r.n}`).join(', '));
		await removeBenchSaves(db);

		// 1. The engine against the fastest single statement over the same summaries.
		const query = { ...PERIOD, atelierIds: null, scope: 'approved+submitted' as const };
		const engine = await median(`engine ${PERIOD.from}-${PERIOD.to}, alle ateliers`, () =>
			computeMetrics(db, query)
		);
		const bound = await median('snelste enkele statement over dezelfde samenvattingen', () =>
			summaryStatement(db)
		);
		const raw = await median('(tweede referentie) enkele statement over de ruwe records', () =>
			rawRecordsQuery(db)
		);
		console.log(
			`  engine / snelste statement op de samenvattingen: ${(engine / bound).toFixed(2)}; engine / ruwe records: ${(engine / raw).toFixed(2)}`
		);
		verdict(
			'engine / snelste enkele statement op de samenvattingen',
			`${(engine / bound).toFixed(2)} (${ms(engine)} / ${ms(bound)})`,
			'<= 1,2',
			engine / bound <= 1.2
		);

		// 2. The dashboard's load (in process), cold after a real save to a report in the selection.
		await withBenchUser(db, async (actor) => {
			const [open] = await openReportsInPeriod(db, 1);
			if (!open) throw new Error('Geen open rapportage in de benchperiode.');
			const saveInSelection = () =>
				saveRecord(
					db,
					actor,
					{ atelierId: open.atelierId, quarter: open.quarter },
					'activity',
					{ id: null, version: null },
					{ ...BENCH_ACTIVITY, date: dateIn(open.quarter) }
				);
			const dashboardLoad = () =>
				loadDashboard(
					db,
					management,
					{ from: PERIOD.from, to: PERIOD.to, ateliers: [], lineage: false },
					'2026-11-30'
				);
			const cold = await median(
				'dashboard-load koud (na een opslag via saveRecord in de selectie)',
				dashboardLoad,
				saveInSelection
			);
			const uncached = await median('  tegen: de twee engineberekeningen zelf, zonder cache', () =>
				Promise.all([computeMetrics(db, query), computeMetrics(db, previousQuery(query))])
			);
			const warm = await median('dashboard-load warm (niets gewijzigd)', dashboardLoad);
			const lookup = await median('  tegen: alleen de twee cache-opzoekingen', () =>
				Promise.all([cacheFingerprint(db, query), cacheFingerprint(db, previousQuery(query))])
			);
			console.log(
				`  koud / engine zelf: ${(cold / uncached).toFixed(2)}; warm / opzoeking: ${(warm / lookup).toFixed(2)}`
			);

			// 3. One write: the save path against a bare insert of the same row.
			const save = await median('één opslag via saveRecord (het echte opslagpad)', saveInSelection);
			const bare = await median('  tegen: een kale insert van dezelfde rij in een transactie', () =>
				db.transaction().execute((trx) =>
					trx
						.insertInto('activities')
						.values({
							report_id: open.id,
							date: dateIn(open.quarter),
							title: 'Bench-opslag',
							kind: 'workshop',
							participants_total: 12,
							participants_professionals: 4,
							participants_bewoners: 6
						})
						.execute()
				)
			);
			console.log(`  opslagpad / kale insert: ${(save / bare).toFixed(2)}`);
			await removeBenchSaves(db);
			if (args['compare-old']) await benchSaves(db, actor);
		});

		if (postgres) await benchThroughTheApp(db, process.env.DATABASE_URL!);
		else {
			console.log(
				'gelijktijdigheid en opslagen/s: alleen met DATABASE_URL (de ingebouwde database bedient één proces)'
			);
			const [open] = await openReportsInPeriod(db, 1);
			const account = await benchAccount(db);
			pgliteDashboard = { account, target: { slug: open.slug, quarter: open.quarter } };
		}

		const cached = await cachedMetrics(db, query);
		const fresh = await computeMetrics(db, query);
		const identical = JSON.stringify(cached) === JSON.stringify(fresh);
		console.log(`controle: cache en engine geven hetzelfde resultaat: ${identical ? 'ja' : 'NEE'}`);
		if (!identical) process.exitCode = 1;
		const summaryRows = (await summaryStatement(db)).rows;
		const at = (t: string, i = 0) =>
			Number(
				summaryRows.find(
					(r) => r.t === t && r.g === (t === 'activiteiten' || t === 'publicaties' ? 7 : 3)
				)?.v[i] ?? 0
			);
		const lb = (await rawRecordsQuery(db)).rows as Record<string, unknown>[];
		const total = lb.find((r) => r.unit_id === null && r.quarter === null)!;
		const same =
			Number(total.bijeenkomsten) === fresh.total.bijeenkomsten &&
			at('activiteiten') === fresh.total.bijeenkomsten &&
			Number(total.studenten) === fresh.total.actieve_studenten &&
			at('student') === fresh.total.actieve_studenten &&
			Number(total.partners) === fresh.total.partnerorganisaties &&
			at('organisation') === fresh.total.partnerorganisaties &&
			Number(total.wijken) === fresh.total.wijken_stadsdelen &&
			at('location') === fresh.total.wijken_stadsdelen &&
			Number(total.deelnemers) === fresh.total.deelnemers &&
			at('activiteiten', 2) === fresh.total.deelnemers &&
			at('publicaties') === fresh.total.publicaties;
		console.log(
			`controle: engine, statement op de samenvattingen en op de ruwe records geven dezelfde totalen: ${same ? 'ja' : 'NEE'}`
		);
		if (!same) process.exitCode = 1;
	});
const pgliteRun = pgliteDashboard;
if (pgliteRun)
	await benchDashboardOnPglite(
		process.env.DATA_DIR?.trim() || './data',
		pgliteRun.account,
		pgliteRun.target
	);

/**
 * GET /dashboard through a running app: cold after a save through the form action to `target`
 * (a report in the selection), warm, the app's CPU per warm request, and the size on the wire.
 */
async function measureDashboard(
	where: string,
	get: (path: string) => Promise<string>,
	size: (path: string, acceptEncoding: string) => Promise<Sized>,
	app: App,
	cookie: string,
	target: Target
) {
	const path = `/dashboard?van=${PERIOD.from}&tot=${PERIOD.to}`;
	const page = () =>
		get(path).then((html) => {
			if (!html.includes('in cijfers')) throw new Error('Het dashboard toont geen cijfers.');
		});
	const saveInSelection = async () => {
		if (!(await saveThroughForm(app, cookie, target)))
			throw new Error('Opslaan via het formulier mislukte.');
	};
	const cold = await median(
		`GET /dashboard${where} koud (na een opslag via het formulier in de selectie)`,
		page,
		saveInSelection
	);
	await median('  ter vergelijking: die opslag via het formulier zelf', saveInSelection);
	const warm = await median(`GET /dashboard${where} warm`, page);
	// CPU of the app process per warm request, from /proc over 30 requests one after another
	const cpuBefore = cpuSeconds(app.pid);
	const n = 30;
	for (let i = 0; i < n; i++) await page();
	const cpu = ((cpuSeconds(app.pid) - cpuBefore) * 1000) / n;
	console.log(`  CPU van het app-proces per warm verzoek (${n} verzoeken): ${ms(cpu)}`);
	verdict(
		`GET /dashboard${where} koud na een opslag, één client`,
		ms(cold),
		'<= 150 ms',
		cold <= 150
	);
	verdict(`GET /dashboard${where} warm, één client`, ms(warm), '<= 50 ms', warm <= 50);
	verdict(`app-CPU per warm dashboardverzoek${where}`, ms(cpu), '<= 12 ms', cpu <= 12);

	const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
	const plain = await size(path, 'identity');
	const br = await size(path, 'gzip, deflate, br');
	const gzip = await size(path, 'gzip');
	console.log(
		`GET /dashboard HTML ${PERIOD.from}-${PERIOD.to}, ${ATELIERS} ateliers: ongecomprimeerd ${kb(plain.bytes)}, ${br.encoding} ${kb(br.bytes)}, ${gzip.encoding} ${kb(gzip.bytes)}`
	);
	if (where) return; // the same page as on PostgreSQL
	verdict(
		`dashboard-HTML 3 jaar x ${ATELIERS} ateliers, gecomprimeerd (${br.encoding})`,
		kb(br.bytes),
		'<= 60 KB',
		br.bytes <= 60 * 1024
	);
	verdict(
		`dashboard-HTML 3 jaar x ${ATELIERS} ateliers, ongecomprimeerd`,
		kb(plain.bytes),
		'<= 300 KB',
		plain.bytes <= 300 * 1024
	);
}

/**
 * The same page on the embedded database: the bench closes its own connection first (one
 * process per data directory), starts the built app on DATA_DIR, and cleans up afterwards.
 */
async function benchDashboardOnPglite(
	dataDir: string,
	account: { email: string; password: string },
	target: Target
) {
	const app = await startApp({ dataDir });
	try {
		const cookie = await signIn(app.url, account.email, account.password);
		const get = async (path: string) => {
			const response = await fetch(`${app.url}${path}`, { headers: { cookie } });
			const body = await response.text();
			if (response.status !== 200) throw new Error(`${path} gaf ${response.status}.`);
			return body;
		};
		await measureDashboard(
			' (PGlite)',
			get,
			(path, acceptEncoding) =>
				sized(`${app.url}${path}`, { cookie, 'accept-encoding': acceptEncoding }),
			app,
			cookie,
			target
		);
	} finally {
		await app.stop();
		await runWithDatabase(async ({ db }) => {
			await removeBenchSaves(db);
			await db.deleteFrom('app_users').where('email', '=', account.email).execute();
		});
	}
}

/**
 * The built app on the bench database: GET /dashboard cold (after a save through the form action
 * to a report in the selection) and warm, its CPU per request and size; then readers with saves
 * and saves per second on 1 and 2 processes; then the import.
 */
async function benchThroughTheApp(db: Kysely<Database>, databaseUrl: string) {
	const path = `/dashboard?van=${PERIOD.from}&tot=${PERIOD.to}`;
	const open = await openReportsInPeriod(db, 10);
	const inSelection: Target[] = open.map((r) => ({ slug: r.slug, quarter: r.quarter }));
	await withSignedInApp(db, databaseUrl, async (get, size, app, cookie) => {
		await measureDashboard('', get, size, app, cookie, inSelection[0]);
		// the VWS PDF of the network over the three years: the first (Chromium starts) and warm
		const pdfPath = `/dashboard/rapport.pdf?van=${PERIOD.from}&tot=${PERIOD.to}&voor=vws`;
		const timedPdf = async () => {
			const started = performance.now();
			const body = await get(pdfPath);
			if (!body.startsWith('%PDF')) throw new Error('Geen pdf.');
			return performance.now() - started;
		};
		const firstPdf = await timedPdf();
		const warmPdfs: number[] = [];
		for (let i = 0; i < 3; i++) warmPdfs.push(await timedPdf());
		const warmPdf = [...warmPdfs].sort((a, b) => a - b)[1];
		verdict(
			`VWS-pdf 3 jaar x ${ATELIERS} ateliers, eerste na de start`,
			ms(firstPdf),
			'< 4000 ms',
			firstPdf < 4000
		);
		verdict(
			`VWS-pdf 3 jaar x ${ATELIERS} ateliers, warm (mediaan van 3)`,
			ms(warmPdf),
			'< 2000 ms',
			warmPdf < 2000
		);
	});
	await removeBenchSaves(db);
	if (args['skip-load']) return;

	// Concurrency: 1 and 2 app processes on this database, one signed-in account.
	const account = await benchAccount(db);
	const apps: App[] = [];
	try {
		apps.push(await startApp(databaseUrl));
		const cookie = await signIn(apps[0].url, account.email, account.password);
		const ateliers = await db
			.selectFrom('ateliers')
			.select('slug')
			.where('active_to', 'is', null)
			.orderBy('id')
			.limit(10)
			.execute();
		const own: Target[] = ateliers.map((a) => ({ slug: a.slug, quarter: SAVE_QUARTER }));
		for (const processes of [1, 2]) {
			if (apps.length < processes) apps.push(await startApp(databaseUrl));
			const running = apps.slice(0, processes);
			await clearMetricsCache(db);
			const load = await readersWithSaves(db, running, cookie, {
				readers: 10,
				seconds: LOAD_SECONDS,
				path,
				saveTargets: inSelection
			});
			console.log(
				`${processes} proces(sen), 10 lezers + 1 opslag/s via het formulier, ${LOAD_SECONDS} s: ${load.readsPerSecond.toFixed(1)} lezingen/s, p50 ${ms(load.p50)}, p99 ${ms(load.p99)}, fouten ${load.errors}; opslagen ${load.saves} (mislukt ${load.saveErrors}); deadlocks ${load.deadlocks} (in het log ${load.deadlocksInLog}); schrijvers wachtend op een slot ${load.writerLockWaits}x, lezers op de berekening van een ander ${load.advisoryWaits}x (steekproeven)`
			);
			const label = `10 lezers + 1 opslag/s, ${processes} proces${processes > 1 ? 'sen' : ''}`;
			verdict(`${label}: p50`, ms(load.p50), '<= 150 ms', load.p50 <= 150);
			verdict(`${label}: p99`, ms(load.p99), '<= 500 ms', load.p99 <= 500);
			verdict(
				`${label}: fouten`,
				`${load.errors + load.saveErrors}`,
				'0',
				load.errors + load.saveErrors === 0
			);
			verdict(
				`${label}: deadlocks`,
				`${load.deadlocks}`,
				'0',
				load.deadlocks === 0 && load.deadlocksInLog === 0
			);
		}
		await removeBenchSaves(db);

		// Saves per second through the form action, each connection its own atelier.
		const seconds = Math.max(5, Math.round(LOAD_SECONDS / 3));
		const figures: Record<string, Awaited<ReturnType<typeof savesThroughForms>>> = {};
		for (const [processes, connections] of [
			[1, 1],
			[1, 10],
			[2, 10]
		] as const) {
			const f = await savesThroughForms(
				db,
				apps.slice(0, processes),
				cookie,
				own,
				connections,
				seconds
			);
			figures[`${processes}x${connections}`] = f;
			console.log(
				`opslaan via het formulier, ${processes} proces(sen) x ${connections} verbinding(en), ${seconds} s: ${f.savesPerSecond.toFixed(0)}/s, fouten ${f.errors}, schrijvers wachtend op een slot ${f.writerLockWaits}x in ${f.samples} steekproeven`
			);
		}
		const one = figures['1x1'].savesPerSecond;
		const many = figures['2x10'].savesPerSecond;
		verdict(
			'opslagen/s, 2 processen x 10 verbindingen tegen 1 x 1',
			`${many.toFixed(0)}/s tegen ${one.toFixed(0)}/s`,
			'hoger',
			many > one
		);
		const waits = figures['1x10'].writerLockWaits + figures['2x10'].writerLockWaits;
		verdict(
			'gelijktijdige opslagen in verschillende ateliers die op een slot wachten',
			`${waits}x in ${figures['1x10'].samples + figures['2x10'].samples} steekproeven`,
			'0',
			waits === 0
		);
	} finally {
		for (const app of apps) await app.stop();
		await account.remove();
		await removeBenchSaves(db);
	}

	await withBenchUser(db, async (actor) => {
		const figures = await benchImport(db, actor, args['compare-old']);
		verdict(
			'import van 500 regels, typische rapportage',
			ms(figures.setBased),
			'<= 500 ms',
			figures.setBased <= 500
		);
		verdict(
			'opslag in een ander atelier tijdens een import van 500 regels',
			ms(figures.during),
			'<= 100 ms',
			figures.during <= 100
		);
	});
}

// Exports: the workbook of EXPORT_RECORDS records (every atelier, 2020-2026) against a bare exceljs
// WorkbookWriter writing the same record rows, and the PDF reports of the demo. Each case runs in
// its own process, so the peak RSS it reports is that case's own.
async function benchExports() {
	const EXPORT_RECORDS = Number(args['export-records']);
	const EXPORT_ROUNDS = Number(args['export-rounds']);
	await runWithDatabase(async ({ db, where }) => {
		await migrateToLatest(db);
		const start = performance.now();
		await fill(db, EXPORT_RECORDS);
		console.log(
			`\nexport: ${where} gevuld met ${EXPORT_RECORDS} records in ${((performance.now() - start) / 1000).toFixed(1)} s`
		);
	});
	// The cases run as plain JavaScript (bundled once with esbuild, packages left external), not
	// through tsx: its loader thread would add its own memory to every peak.
	const CASES = 'node_modules/.cache/jaarbeeld-bench/bench-exports.mjs';
	await build({
		entryPoints: ['scripts/bench-exports.ts'],
		bundle: true,
		platform: 'node',
		format: 'esm',
		packages: 'external',
		outfile: CASES,
		logLevel: 'warning'
	});
	const runCase = (which: string): Record<string, number> => {
		const output = execFileSync(process.execPath, [CASES, which], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'inherit']
		});
		return JSON.parse(output.trim().split('\n').at(-1)!);
	};
	// Alternate the two cases for a few rounds and take medians: other work on the machine moves
	// single timings by seconds.
	const rounds: { bare: Record<string, number>; full: Record<string, number> }[] = [];
	for (let i = 0; i < EXPORT_ROUNDS; i++)
		rounds.push({ bare: runCase('bare'), full: runCase('full') });
	const mid = <T>(xs: T[], key: (x: T) => number) =>
		[...xs].sort((a, b) => key(a) - key(b))[Math.floor(xs.length / 2)];
	const bare = mid(
		rounds.map((r) => r.bare),
		(x) => x.ms
	);
	const full = mid(
		rounds.map((r) => r.full),
		(x) => x.ms
	);
	const peak = (which: 'bare' | 'full') => Math.max(...rounds.map((r) => r[which].maxRssMb));
	console.log(
		`werkboek kaal (exceljs WorkbookWriter, zelfde rijen)  ${String(bare.ms).padStart(7)} ms  piek-RSS ${peak('bare')} MB  ${bare.rows} rijen`
	);
	console.log(
		`werkboek Jaarbeeld (export.xlsx)                     ${String(full.ms).padStart(7)} ms  piek-RSS ${peak('full')} MB  ${full.rows} rijen, ${(full.bytes / 1e6).toFixed(1)} MB`
	);
	console.log(
		`(mediaan van ${EXPORT_ROUNDS} rondes, elke meting in een eigen proces; het laden van de gegevens niet in de tijd)`
	);
	verdict(
		`werkboek / kale WorkbookWriter, zelfde rijen (${EXPORT_RECORDS} records)`,
		`${(full.ms / bare.ms).toFixed(2)} (${full.ms} / ${bare.ms} ms)`,
		'<= 1,2',
		full.ms <= 1.2 * bare.ms
	);
	const limit = postgres ? 250 : 300;
	verdict(
		`piek-RSS van het werkboek (${postgres ? 'PostgreSQL' : 'PGlite'})`,
		`${peak('full')} MB (kaal ${peak('bare')} MB)`,
		`< ${limit} MB`,
		peak('full') < limit
	);
	const pdf = runCase('pdf');
	console.log(
		`PDF demo 2020-2022 (vite-ontwikkelserver, eigen PGlite): VWS ${pdf.vwsMs} ms, programmaraad ${pdf.programmaraadMs} ms (mediaan van 5, na een eerste van ${pdf.firstVwsMs} ms)`
	);
	verdict(
		'PDF VWS / programmaraad, demo 2020-2022, warm',
		`${pdf.vwsMs} / ${pdf.programmaraadMs} ms`,
		'< 2000 ms',
		pdf.vwsMs < 2000 && pdf.programmaraadMs < 2000
	);
}

// The default install's memory: the built app on PGlite with the demo data (own directory).
if (!args['skip-memory']) printMemory(await benchPgliteMemory());

if (!args['skip-exports']) await benchExports();

// The demo's VWS PDF through the built app (scripts/bench-report-pdf.ts).
if (!args['skip-exports']) {
	const pdf = await benchReportPdf();
	console.log(
		`GET rapport.pdf VWS demo 2020-2022 (gebouwde app, ${pdf.database}): eerste ${pdf.firstMs} ms, warm ${pdf.warmMs} ms (mediaan van 5), ${(pdf.bytes / 1024).toFixed(0)} KB; piek-RSS app ${pdf.appPeakRssMb} MB (na de start al ${pdf.appStartRssMb} MB), Chromium ${pdf.chromiumRssMb} MB`
	);
	verdict('VWS-pdf demo 3 jaar, warm', ms(pdf.warmMs), '< 1000 ms', pdf.warmMs < 1000);
}

console.log(
	`\nUitslag (${RECORDS} records${RECORDS < 1_000_000 ? '; de doelen gelden voor 1.000.000: --records 1000000' : ''}; load average nu ${loadavg()
		.map((l) => l.toFixed(1))
		.join(' / ')}):`
);
for (const v of verdicts) console.log(v.line);
if (verdicts.some((v) => !v.pass)) process.exitCode = 1;
process.exit(process.exitCode ?? 0);
