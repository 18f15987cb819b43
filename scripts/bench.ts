// npm run bench [-- --records 100000] [-- --runs 7] [-- --no-fill] [-- --skip-metrics]
//   [-- --skip-exports] [-- --export-records 100000] [-- --skip-hardening]
// Fills the database of DATABASE_URL (or the embedded one in DATA_DIR) with a synthetic network —
// 100 ateliers over 28 quarters, partners and students shared between ateliers — and times the
// metrics engine, the hand-written single-query lower bound, and the dashboard's load path cold
// (result cache emptied before each run) and warm, the dashboard's size on the wire plain and
// compressed, and (PostgreSQL) saves per second with 1 and 10 concurrent savers
// (scripts/bench-saves.ts) and a 500-row import (scripts/bench-import.ts).
// Then it refills it with --export-records records and times the Excel export against a bare
// exceljs WorkbookWriter (scripts/bench-exports.ts, one process each), and the demo's VWS PDF
// through the built app (scripts/bench-report-pdf.ts); with DATABASE_URL also the network's.
// It replaces all domain data in that database: point it at a database made for the bench.
import { sql, type Kysely } from 'kysely';
import { parseArgs } from 'node:util';
import type { SessionUser } from '../src/lib/server/auth/guards';
import type { Database } from '../src/lib/server/db/types';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { computeMetrics } from '../src/lib/server/metrics/engine';
import { cachedMetrics, clearMetricsCache } from '../src/lib/server/metrics/cache';
import { loadDashboard } from '../src/lib/server/metrics/dashboard';
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { withSignedInApp } from './bench-http';
import { benchHardening } from './bench-hardening';
import { benchImport } from './bench-import';
import { benchReportPdf } from './bench-report-pdf';
import { benchSaves, withBenchUser } from './bench-saves';
import { runWithDatabase } from './cli-database';

const { values: args } = parseArgs({
	options: {
		records: { type: 'string', default: '1000000' },
		runs: { type: 'string', default: '7' },
		'no-fill': { type: 'boolean', default: false },
		'export-records': { type: 'string', default: '100000' },
		'export-rounds': { type: 'string', default: '5' },
		'skip-metrics': { type: 'boolean', default: false },
		'skip-exports': { type: 'boolean', default: false },
		'skip-hardening': { type: 'boolean', default: false }
	}
});
// First the hardened paths of issue 13 (own throw-away database, seconds).
if (!args['skip-hardening']) await benchHardening();
const RECORDS = Number(args.records);
const RUNS = Number(args.runs);
const ATELIERS = 100;
const FROM = '2020Q1';
const PERIOD = { from: '2022Q1', to: '2024Q4' } as const; // three years

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

// The lower bound: one hand-written statement producing the same numbers (every indicator in
// total, per atelier and per quarter), reading each table once. No breakdowns, no targets.
function lowerBound(db: Kysely<Database>) {
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

async function median(
	label: string,
	task: () => Promise<unknown>,
	before?: () => Promise<unknown>
): Promise<number> {
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
	console.log(`${label.padEnd(44)} ${result.toFixed(1).padStart(8)} ms (mediaan van ${RUNS})`);
	return result;
}

const management: SessionUser = {
	id: 0,
	name: 'Bench',
	email: 'bench@voorbeeld.nl',
	role: 'management',
	atelierIds: []
};

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

		const query = { ...PERIOD, atelierIds: null, scope: 'approved+submitted' as const };
		const engine = await median(`engine ${PERIOD.from}-${PERIOD.to}, alle ateliers`, () =>
			computeMetrics(db, query)
		);
		const bound = await median('ondergrens (één handgeschreven query)', () => lowerBound(db));
		const dashboardLoad = () =>
			loadDashboard(
				db,
				management,
				{ from: PERIOD.from, to: PERIOD.to, ateliers: [], lineage: false },
				'2026-11-30'
			);
		// cold: the result cache emptied before every run (engine + writing the cache entries)
		const cold = await median('dashboard-load koud (cache leeg)', dashboardLoad, () =>
			clearMetricsCache(db)
		);
		// warm: the entries of the previous run are still valid (no writes in between)
		const warm = await median('dashboard-load warm (cache gevuld)', dashboardLoad);
		// after a write: one report in the selection changes, so both entries of the page are stale
		const { id: someReport } = await db
			.selectFrom('quarter_reports')
			.select('id')
			.where('quarter', '=', PERIOD.to)
			.orderBy('id')
			.executeTakeFirstOrThrow();
		const writeInSelection = () =>
			sql`update quarter_reports set network_members = coalesce(network_members, 0) + 1
				where id = ${someReport}`.execute(db);
		await median('dashboard-load na een wijziging in de selectie', dashboardLoad, writeInSelection);
		// the price of the summaries: one activity added to (and removed from) a report of ~200
		const { id: reportId } = await db
			.selectFrom('activities')
			.select('report_id as id')
			.orderBy('report_id', 'desc')
			.executeTakeFirstOrThrow();
		let added = 0;
		await median(
			'schrijven: één activiteit toevoegen',
			async () => {
				await db.transaction().execute(async (trx) => {
					const row = await trx
						.insertInto('activities')
						.values({
							report_id: reportId,
							date: '2026-10-01',
							title: 'Bench',
							kind: 'workshop',
							participants_total: 10,
							location_id: 1
						})
						.returning('id')
						.executeTakeFirstOrThrow();
					added = row.id;
				});
			},
			async () => {
				if (added) await db.deleteFrom('activities').where('id', '=', added).execute();
			}
		);
		await db.deleteFrom('activities').where('title', '=', 'Bench').execute();
		// the page as a browser gets it: HTTP, session, load and server-side rendering
		let httpCold: number | null = null;
		let httpWarm: number | null = null;
		if (process.env.DATABASE_URL) {
			await withSignedInApp(db, process.env.DATABASE_URL, async (get, size) => {
				const path = `/dashboard?van=${PERIOD.from}&tot=${PERIOD.to}`;
				const page = () =>
					get(path).then((html) => {
						if (!html.includes('in cijfers')) throw new Error('Het dashboard toont geen cijfers.');
					});
				httpCold = await median('GET /dashboard koud (cache leeg)', page, () =>
					clearMetricsCache(db)
				);
				httpWarm = await median('GET /dashboard warm (cache gevuld)', page);
				await median('GET /dashboard na een wijziging in de selectie', page, writeInSelection);
				// the VWS PDF of the network over the three years: the first (Chromium starts) and warm
				const pdfPath = `/dashboard/rapport.pdf?van=${PERIOD.from}&tot=${PERIOD.to}&voor=vws`;
				const timed = async () => {
					const started = performance.now();
					const body = await get(pdfPath);
					if (!body.startsWith('%PDF')) throw new Error('Geen pdf.');
					return performance.now() - started;
				};
				const firstPdf = await timed();
				const warmPdfs: number[] = [];
				for (let i = 0; i < 3; i++) warmPdfs.push(await timed());
				const warmPdf = [...warmPdfs].sort((a, b) => a - b)[1];
				console.log(
					`GET rapport.pdf VWS ${PERIOD.from}-${PERIOD.to}, ${ATELIERS} ateliers: eerste ${firstPdf.toFixed(0)} ms (doel < 4000), warm ${warmPdf.toFixed(0)} ms (mediaan van 3, doel < 2000)`
				);
				if (firstPdf >= 4000 || warmPdf >= 2000) process.exitCode = 1;
				// what goes over the wire for the same page, as the browser asks for it and plain
				const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
				const plain = await size(path, 'identity');
				const br = await size(path, 'gzip, deflate, br');
				const gzip = await size(path, 'gzip');
				console.log(
					`GET /dashboard HTML ${PERIOD.from}-${PERIOD.to}, ${ATELIERS} ateliers: ongecomprimeerd ${kb(plain.bytes)}, ${br.encoding} ${kb(br.bytes)}, ${gzip.encoding} ${kb(gzip.bytes)}`
				);
			});
		} else
			console.log(
				'GET /dashboard: alleen gemeten met DATABASE_URL (de ingebouwde database heeft één proces)'
			);
		console.log(`verhouding engine/ondergrens: ${(engine / bound).toFixed(2)}`);
		console.log(`dashboard-load: koud ${cold.toFixed(0)} ms, warm ${warm.toFixed(0)} ms`);
		if (httpCold !== null && httpWarm !== null)
			console.log(
				`GET /dashboard: koud ${(httpCold as number).toFixed(0)} ms, warm ${(httpWarm as number).toFixed(0)} ms (doel <= 300 ms)`
			);
		if (engine / bound > 1.5 || cold > 300 || (httpCold ?? 0) > 300) process.exitCode = 1;
		// concurrent saves: only meaningful on a server (the embedded database has one connection)
		if (process.env.DATABASE_URL)
			await withBenchUser(db, async (actor) => {
				await benchSaves(db, actor);
				await benchImport(db, actor);
			});

		const cached = await cachedMetrics(db, query);
		const fresh = await computeMetrics(db, query);
		const identical = JSON.stringify(cached) === JSON.stringify(fresh);
		console.log(`controle: cache en engine geven hetzelfde resultaat: ${identical ? 'ja' : 'NEE'}`);
		if (!identical) process.exitCode = 1;

		const check = await computeMetrics(db, query);
		const lb = (await lowerBound(db)).rows as Record<string, unknown>[];
		const total = lb.find((r) => r.unit_id === null && r.quarter === null)!;
		const same =
			Number(total.bijeenkomsten) === check.total.bijeenkomsten &&
			Number(total.studenten) === check.total.actieve_studenten &&
			Number(total.partners) === check.total.partnerorganisaties &&
			Number(total.wijken) === check.total.wijken_stadsdelen &&
			Number(total.deelnemers) === check.total.deelnemers;
		console.log(`controle: engine en ondergrens geven dezelfde totalen: ${same ? 'ja' : 'NEE'}`);
		if (!same) process.exitCode = 1;
	});

// Exports: the workbook of EXPORT_RECORDS records (every atelier, 2020-2026) against a bare exceljs
// WorkbookWriter writing the same record rows, and the PDF reports of the demo. Each case runs in
// its own process, so the peak RSS it reports is that case's own.
if (args['skip-exports']) process.exit(process.exitCode ?? 0);
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
function runCase(which: string): Record<string, number> {
	const output = execFileSync(process.execPath, [CASES, which], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit']
	});
	return JSON.parse(output.trim().split('\n').at(-1)!);
}
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
	`(mediaan van ${EXPORT_ROUNDS} rondes, elke meting in een eigen proces) verhouding tijd Jaarbeeld/kaal: ${(full.ms / bare.ms).toFixed(2)} (doel <= 1,5); hoogste piek-RSS Jaarbeeld ${peak('full')} MB (doel < 300 MB)`
);
if (full.ms > 1.5 * bare.ms || full.maxRssMb >= 300) process.exitCode = 1;
// The demo's VWS PDF through the built app (scripts/bench-report-pdf.ts).
const pdf = await benchReportPdf();
console.log(
	`GET rapport.pdf VWS demo 2020-2022 (gebouwde app, ${pdf.database}): eerste ${pdf.firstMs} ms, warm ${pdf.warmMs} ms (mediaan van 5; doel < 1000 ms), ${(pdf.bytes / 1024).toFixed(0)} KB; piek-RSS app ${pdf.appPeakRssMb} MB (na de start al ${pdf.appStartRssMb} MB), Chromium ${pdf.chromiumRssMb} MB`
);
if (pdf.warmMs >= 1000) process.exitCode = 1;
