import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../src/lib/server/db/connect';
import { INDICATOR_CODES } from '../src/lib/server/metrics/catalogue';
import { drilldown } from '../src/lib/server/metrics/drilldown';
import { computeMetrics } from '../src/lib/server/metrics/engine';
import { quarterDates, quarterFromIndex, quarterIndex } from '../src/lib/quarters';
import { PARTICIPANT_GROUPS } from '../src/lib/labels';
import { sessionUser } from './helpers/demo-db';
import { createTestDb } from './helpers/test-db';
import { referenceMetrics, type RefQuery, type RefWorld } from './helpers/metrics-reference';

// Random werkplaatsen (ateliers with lineage, records over twelve quarters, shared partners,
// students and locations, every report status) against the in-memory reference implementation.

const FIRST = quarterIndex('2020Q1');
const QUARTERS = 12;
const q = (i: number) => quarterFromIndex(FIRST + i);
const STATUSES = ['concept', 'ingediend', 'goedgekeurd', 'teruggestuurd'] as const;
const KINDS = ['kennisbijeenkomst', 'workshop', 'symposium', 'overig'] as const;
const PUB_KINDS = ['rapport', 'artikel', 'video'] as const;
const POOL = { locations: 4, organisations: 5, students: 6 };

const activityArb = fc.record({
	kind: fc.constantFrom(...KINDS),
	isPublic: fc.boolean(),
	groups: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 6, maxLength: 6 }),
	extra: fc.integer({ min: 0, max: 4 }),
	location: fc.option(fc.nat(POOL.locations - 1), { nil: null }),
	orgs: fc.uniqueArray(fc.nat(POOL.organisations - 1), { maxLength: 2 })
});

const reportArb = fc.record({
	atelier: fc.nat(),
	quarter: fc.nat(QUARTERS - 1),
	status: fc.constantFrom(...STATUSES),
	network: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
	activities: fc.array(activityArb, { maxLength: 3 }),
	students: fc.array(fc.nat(POOL.students - 1), { maxLength: 3 }),
	partners: fc.uniqueArray(fc.nat(POOL.organisations - 1), { maxLength: 2 }),
	publications: fc.array(fc.constantFrom(...PUB_KINDS), { maxLength: 2 }),
	reach: fc.uniqueArray(
		fc.record({ location: fc.nat(POOL.locations - 1), conversations: fc.nat(12) }),
		{ maxLength: 2, selector: (r) => r.location }
	)
});

const worldArb = fc.record({
	ateliers: fc.array(
		fc.record({
			from: fc.nat(QUARTERS - 1),
			length: fc.integer({ min: 1, max: QUARTERS }),
			open: fc.boolean(),
			predecessor: fc.option(fc.nat(), { nil: null })
		}),
		{ minLength: 1, maxLength: 5 }
	),
	reports: fc.uniqueArray(reportArb, {
		maxLength: 14,
		selector: (r) => `${r.atelier % 5}:${r.quarter}`
	}),
	query: fc.record({
		from: fc.nat(QUARTERS - 1),
		length: fc.integer({ min: 1, max: QUARTERS }),
		subset: fc.option(fc.uniqueArray(fc.nat(4), { minLength: 1, maxLength: 3 }), { nil: null }),
		scope: fc.constantFrom('approved' as const, 'approved+submitted' as const),
		lineage: fc.boolean()
	})
});

type Generated = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

describe('computeMetrics against the reference implementation', () => {
	let handle: DbHandle;
	const pool = {
		locations: [] as number[],
		organisations: [] as number[],
		students: [] as number[]
	};

	beforeAll(async () => {
		handle = await createTestDb();
		const { db } = handle;
		pool.locations = (
			await db
				.insertInto('locations')
				.values(
					[...Array(POOL.locations)].map((_, i) => ({
						municipality: 'Stad',
						name: `Wijk ${i}`,
						kind: 'wijk' as const
					}))
				)
				.returning('id')
				.execute()
		).map((r) => r.id);
		pool.organisations = (
			await db
				.insertInto('organisations')
				.values(
					[...Array(POOL.organisations)].map((_, i) => ({
						name: `Org ${i}`,
						normalized_name: `org ${i}`,
						kind: 'zorg' as const
					}))
				)
				.returning('id')
				.execute()
		).map((r) => r.id);
		pool.students = (
			await db
				.insertInto('students')
				.values([...Array(POOL.students)].map((_, i) => ({ display_name: `Student ${i}` })))
				.returning('id')
				.execute()
		).map((r) => r.id);
	});
	afterAll(async () => handle?.close());

	/** Replaces the domain data with the generated werkplaats; returns it in reference form. */
	async function load(g: Generated): Promise<{ world: RefWorld; query: RefQuery }> {
		const { db } = handle;
		for (const table of [
			'activity_organisations',
			'activities',
			'student_participations',
			'partner_involvements',
			'publications',
			'reach',
			'quarter_reports',
			'ateliers'
		])
			await sql`delete from ${sql.table(table)}`.execute(db);

		const ids: number[] = [];
		const world: RefWorld = { ateliers: [], reports: [] };
		for (const [i, a] of g.ateliers.entries()) {
			// a predecessor is always an earlier atelier, so chains end
			const predecessorId = a.predecessor === null || i === 0 ? null : ids[a.predecessor % i];
			const activeFrom = q(a.from);
			const activeTo = a.open ? null : q(Math.min(QUARTERS - 1, a.from + a.length - 1));
			const { id } = await db
				.insertInto('ateliers')
				.values({
					slug: `a${i}`,
					name: `Atelier ${i}`,
					active_from: activeFrom,
					active_to: activeTo,
					predecessor_id: predecessorId
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			ids.push(id);
			world.ateliers.push({ id, name: `Atelier ${i}`, activeFrom, activeTo, predecessorId });
		}
		const seen = new Set<string>();
		for (const r of g.reports) {
			const atelierId = ids[r.atelier % ids.length];
			const quarter = q(r.quarter);
			if (seen.has(`${atelierId}:${quarter}`)) continue;
			seen.add(`${atelierId}:${quarter}`);
			const { id: reportId } = await db
				.insertInto('quarter_reports')
				.values({ atelier_id: atelierId, quarter, status: r.status, network_members: r.network })
				.returning('id')
				.executeTakeFirstOrThrow();
			const date = quarterDates(quarter).start;
			const activities = r.activities.map((a) => ({
				kind: a.kind,
				isPublic: a.isPublic,
				total: a.groups.reduce((s, n) => s + n, 0) + a.extra,
				groups: a.groups,
				locationId: a.location === null ? null : pool.locations[a.location],
				orgIds: a.orgs.map((o) => pool.organisations[o])
			}));
			for (const a of activities) {
				const [p, b, s, bm, od, e] = a.groups;
				const { id } = await db
					.insertInto('activities')
					.values({
						report_id: reportId,
						date,
						title: 'Bijeenkomst',
						kind: a.kind,
						is_public: a.isPublic,
						participants_total: a.total,
						participants_professionals: p,
						participants_bewoners: b,
						participants_studenten: s,
						participants_beleidsmedewerkers: bm,
						participants_onderzoekers_docenten: od,
						participants_ervaringsdeskundigen: e,
						location_id: a.locationId
					})
					.returning('id')
					.executeTakeFirstOrThrow();
				if (a.orgIds.length)
					await db
						.insertInto('activity_organisations')
						.values(a.orgIds.map((o) => ({ activity_id: id, organisation_id: o })))
						.execute();
			}
			const studentIds = r.students.map((s) => pool.students[s]);
			if (studentIds.length)
				await db
					.insertInto('student_participations')
					.values(
						studentIds.map((s) => ({
							report_id: reportId,
							student_id: s,
							activity: 'stage' as const
						}))
					)
					.execute();
			const partnerOrgIds = r.partners.map((o) => pool.organisations[o]);
			if (partnerOrgIds.length)
				await db
					.insertInto('partner_involvements')
					.values(partnerOrgIds.map((o) => ({ report_id: reportId, organisation_id: o })))
					.execute();
			if (r.publications.length)
				await db
					.insertInto('publications')
					.values(
						r.publications.map((kind) => ({ report_id: reportId, date, title: 'Product', kind }))
					)
					.execute();
			const reach = r.reach.map((x) => ({
				locationId: pool.locations[x.location],
				conversations: x.conversations
			}));
			if (reach.length)
				await db
					.insertInto('reach')
					.values(
						reach.map((x) => ({
							report_id: reportId,
							location_id: x.locationId,
							resident_conversations: x.conversations
						}))
					)
					.execute();
			world.reports.push({
				atelierId,
				quarter,
				status: r.status,
				network: r.network,
				activities,
				studentIds,
				partnerOrgIds,
				publicationKinds: r.publications,
				reach
			});
		}
		const from = g.query.from;
		const to = Math.min(QUARTERS - 1, from + g.query.length - 1);
		const subset = g.query.subset && [...new Set(g.query.subset.map((i) => ids[i % ids.length]))];
		return {
			world,
			query: {
				from: q(from),
				to: q(to),
				atelierIds: subset,
				scope: g.query.scope,
				groupByLineage: g.query.lineage
			}
		};
	}

	it('gives the same numbers as the reference for random werkplaatsen', async () => {
		await fc.assert(
			fc.asyncProperty(worldArb, async (g) => {
				const { world, query } = await load(g);
				const expected = referenceMetrics(world, query);
				const actual = await computeMetrics(handle.db, query);

				expect(actual.total).toEqual(expected.total);
				const totalsOnly = await computeMetrics(handle.db, { ...query, totalsOnly: true });
				expect(totalsOnly.total).toEqual(expected.total);
				expect(totalsOnly.units).toEqual([]);
				expect(actual.perQuarter).toEqual(expected.perQuarter);
				const units = Object.fromEntries(
					actual.units.map((u) => [u.id, { values: u.values, perQuarter: u.perQuarter }])
				);
				expect(units).toEqual(expected.units);
				const nonZero = (o: Record<string, number>) =>
					Object.fromEntries(Object.entries(o).filter(([, v]) => v !== 0));
				expect(nonZero(actual.breakdowns.activitiesByKind)).toEqual(expected.activitiesByKind);
				expect(nonZero(actual.breakdowns.publicationsByKind)).toEqual(expected.publicationsByKind);
				const groups = actual.breakdowns.participantsByGroup;
				expect(PARTICIPANT_GROUPS.reduce((s, k) => s + groups[k], 0)).toBe(
					expected.total.deelnemers
				);
				const open = actual.openQuarters.flatMap((o) =>
					o.ateliers.map((a) => ({ quarter: o.quarter, atelierId: a.id, status: a.status }))
				);
				const order = (x: { quarter: string; atelierId: number }[]) =>
					[...x].sort((a, b) => a.quarter.localeCompare(b.quarter) || a.atelierId - b.atelierId);
				expect(order(open)).toEqual(order(expected.open));

				// the drill-down lists the records behind each number: its row count (or column sum)
				// is the engine's total, for every indicator except the stock Netwerkleden
				for (const code of INDICATOR_CODES) {
					if (code === 'netwerkleden') continue;
					const d = await drilldown(handle.db, code, query, {
						viewer: sessionUser('management'),
						pageSize: 1
					});
					expect({ code, value: d.sumColumn === null ? d.found : d.sum }).toEqual({
						code,
						value: expected.total[code]
					});
				}
			}),
			{ numRuns: 20 }
		);
	});
});
