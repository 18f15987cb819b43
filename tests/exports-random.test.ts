import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../src/lib/server/auth/guards';
import type { DbHandle } from '../src/lib/server/db/connect';
import type { Database, ReportStatus } from '../src/lib/server/db/types';
import { ACTIVITY_KINDS, PUBLICATION_KINDS } from '../src/lib/labels';
import { quarterDates, quarterFromIndex, quarterIndex } from '../src/lib/quarters';
import { renderReport } from '../src/lib/server/exports/pdf';
import { loadReportData } from '../src/lib/server/exports/report-data';
import { workbookStream } from '../src/lib/server/exports/xlsx';
import { computeMetrics } from '../src/lib/server/metrics/engine';
import { previousPeriod } from '../src/lib/server/metrics/period';
import { expectPdfMatches, expectWorkbookMatches } from './helpers/export-checks';
import { readWorkbook, streamToBuffer } from './helpers/export-readers';
import { popplerStructure } from './helpers/pdf-structure';
import { createTestDb } from './helpers/test-db';

// Random werkplaatsen: ateliers with different active ranges, reports of every status, shared
// partners, students and locations, targets. Workbook and PDF must show the engine's numbers.

function prng(seed: number) {
	let s = seed >>> 0;
	const next = () => {
		s = (s + 0x6d2b79f5) >>> 0;
		let t = s;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
	const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)];
	return { next, int, pick };
}

const FIRST = quarterIndex('2019Q1');
const STATUSES: ReportStatus[] = [
	'concept',
	'ingediend',
	'goedgekeurd',
	'goedgekeurd',
	'teruggestuurd'
];

async function generate(db: Kysely<Database>, seed: number) {
	const r = prng(seed);
	await sql`truncate activity_organisations, activities, student_participations,
		partner_involvements, publications, reach, highlights, report_status_history, quarter_reports,
		atelier_students, students, organisations, locations, indicator_targets, atelier_assignments,
		ateliers restart identity cascade`.execute(db);
	const locations = await db
		.insertInto('locations')
		.values(
			[...Array(5)].map((_, i) => ({
				municipality: `Gemeente ${i % 2}`,
				name: `Wijk ${i}`,
				kind: 'wijk' as const
			}))
		)
		.returning('id')
		.execute();
	const orgs = await db
		.insertInto('organisations')
		.values(
			[...Array(6)].map((_, i) => ({
				name: `Organisatie ${i}`,
				normalized_name: `organisatie ${i}`,
				kind: 'zorg' as const
			}))
		)
		.returning('id')
		.execute();
	const students = await db
		.insertInto('students')
		.values([...Array(8)].map((_, i) => ({ display_name: `Geheime Student ${i}` })))
		.returning('id')
		.execute();
	const ateliers: { id: number; slug: string; from: number; to: number }[] = [];
	const count = r.int(2, 4);
	for (let i = 0; i < count; i++) {
		const from = r.int(0, 10);
		const to = Math.min(19, from + r.int(2, 12));
		const [a] = await db
			.insertInto('ateliers')
			.values({
				slug: `atelier-${i}`,
				name: `Atelier ${String.fromCharCode(65 + i)} ${seed}`,
				active_from: quarterFromIndex(FIRST + from),
				active_to: to === 19 ? null : quarterFromIndex(FIRST + to)
			})
			.returning('id')
			.execute();
		ateliers.push({ id: a.id, slug: `atelier-${i}`, from, to });
		if (r.next() < 0.6)
			await db
				.insertInto('indicator_targets')
				.values({
					indicator_code: 'bijeenkomsten',
					year: 2021,
					atelier_id: a.id,
					target: r.int(1, 20)
				})
				.execute();
	}
	for (const year of [2020, 2021, 2022])
		await db
			.insertInto('indicator_targets')
			.values({ indicator_code: 'deelnemers', year, atelier_id: null, target: r.int(10, 300) })
			.execute();
	for (const a of ateliers)
		for (let q = a.from; q <= a.to; q++) {
			if (r.next() < 0.2) continue;
			const quarter = quarterFromIndex(FIRST + q);
			const [report] = await db
				.insertInto('quarter_reports')
				.values({
					atelier_id: a.id,
					quarter,
					status: r.pick(STATUSES),
					network_members: r.next() < 0.7 ? r.int(0, 90) : null
				})
				.returning('id')
				.execute();
			const start = quarterDates(quarter).start;
			for (let k = r.int(0, 3); k > 0; k--) {
				const [act] = await db
					.insertInto('activities')
					.values({
						report_id: report.id,
						date: start,
						title: r.pick(['Bijeenkomst', '-min', '+plus', '@ten', 'Wijkgesprek']),
						kind: r.pick(ACTIVITY_KINDS),
						is_public: r.next() < 0.5,
						participants_total: r.int(5, 1500),
						participants_bewoners: r.int(0, 5),
						location_id: r.next() < 0.7 ? r.pick(locations).id : null
					})
					.returning('id')
					.execute();
				if (r.next() < 0.5)
					await db
						.insertInto('activity_organisations')
						.values({ activity_id: act.id, organisation_id: r.pick(orgs).id })
						.execute();
			}
			for (let k = r.int(0, 2); k > 0; k--)
				await db
					.insertInto('student_participations')
					.values({ report_id: report.id, student_id: r.pick(students).id, activity: 'stage' })
					.execute();
			if (r.next() < 0.5)
				await db
					.insertInto('partner_involvements')
					.values({ report_id: report.id, organisation_id: r.pick(orgs).id })
					.execute();
			if (r.next() < 0.4)
				await db
					.insertInto('publications')
					.values({
						report_id: report.id,
						date: start,
						title: 'Product',
						kind: r.pick(PUBLICATION_KINDS)
					})
					.execute();
			if (r.next() < 0.4)
				await db
					.insertInto('reach')
					.values({
						report_id: report.id,
						location_id: r.pick(locations).id,
						resident_conversations: r.int(0, 40)
					})
					.execute();
		}
	const from = r.int(0, 12);
	const to = Math.min(19, from + r.int(0, 7));
	const subset = r.next() < 0.5 ? ateliers.filter(() => r.next() < 0.6).map((a) => a.slug) : [];
	const role = r.pick(['management', 'council', 'kartrekker'] as const);
	const user: SessionUser = {
		id: 1,
		name: 'Test',
		email: 't@voorbeeld.nl',
		role,
		atelierIds: role === 'kartrekker' ? [ateliers[0].id] : []
	};
	return {
		user,
		selection: {
			from: quarterFromIndex(FIRST + from),
			to: quarterFromIndex(FIRST + to),
			ateliers: subset,
			lineage: false
		},
		ateliers
	};
}

describe('exports of random werkplaatsen', { timeout: 180_000 }, () => {
	let handle: DbHandle;
	beforeAll(async () => {
		handle = await createTestDb();
	});
	afterAll(async () => handle?.close());

	for (const seed of [11, 29, 47, 83]) {
		it(`workbook and PDF show the engine's numbers (seed ${seed})`, async () => {
			const { db } = handle;
			const { user, selection, ateliers } = await generate(db, seed);
			const data = await loadReportData(db, user, selection);
			const scope = user.role === 'council' ? 'approved' : 'approved+submitted';
			const visible = user.role === 'kartrekker' ? user.atelierIds : ateliers.map((a) => a.id);
			const wanted = selection.ateliers.length
				? ateliers.filter((a) => selection.ateliers.includes(a.slug)).map((a) => a.id)
				: null;
			const atelierIds =
				user.role === 'kartrekker'
					? (wanted ?? visible).filter((id) => visible.includes(id))
					: wanted;
			const query = { from: selection.from, to: selection.to, atelierIds, scope } as const;
			const engine = await computeMetrics(db, query);
			const previous = await computeMetrics(db, {
				...query,
				...previousPeriod(selection.from, selection.to)
			});
			const { sheets } = await readWorkbook(await streamToBuffer(workbookStream(db, data)));
			expectWorkbookMatches(sheets, data, engine, previous);
			const names = new Set(sheets.flatMap((s) => s.rows.flat()).map(String));
			for (let i = 0; i < 8; i++) expect(names.has(`Geheime Student ${i}`)).toBe(false);

			const reportData = await loadReportData(db, user, selection, { approvedOnly: true });
			const approved = await computeMetrics(db, { ...query, scope: 'approved' });
			const approvedBefore = await computeMetrics(db, {
				...query,
				scope: 'approved',
				...previousPeriod(selection.from, selection.to)
			});
			const { tree } = await popplerStructure(await renderReport(db, reportData, 'programmaraad'));
			expectPdfMatches(tree, reportData, approved, approvedBefore);
		});
	}
});
