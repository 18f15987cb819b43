import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../src/lib/server/db/connect';
import type { Database } from '../src/lib/server/db/types';
import { ActionError, ConflictError } from '../src/lib/server/errors';
import { drilldown } from '../src/lib/server/metrics/drilldown';
import { computeMetrics, type MetricsQuery } from '../src/lib/server/metrics/engine';
import { resolveOrganisation } from '../src/lib/server/records/registries';
import { editDistance, likelyDuplicates, looseKey } from '../src/lib/server/registries/duplicates';
import {
	createLocation,
	listLocations,
	mergeLocations,
	updateLocation
} from '../src/lib/server/registries/locations';
import {
	createOrganisation,
	listOrganisations,
	mergeOrganisations,
	updateOrganisation
} from '../src/lib/server/registries/organisations';
import { fillAndSubmit } from './helpers/cycle';
import {
	actingAs,
	expectRefused,
	fieldErrors,
	recordsFixture,
	rejectionOf,
	validActivity,
	type RecordsFixture
} from './helpers/records';
import { createTestDb, usingPostgres } from './helpers/test-db';
import { waitFor } from './helpers/wait-for';

const QUARTER = '2024Q1';
const period: MetricsQuery = {
	from: QUARTER,
	to: QUARTER,
	atelierIds: null,
	scope: 'approved+submitted'
};
const partner = (organisation: string, role = '') => ({
	organisation,
	organisation_kind: '',
	municipality: '',
	role
});

/** Every summary equals a recomputation from the records (the merge went through the triggers). */
async function expectSummariesFresh(db: Kysely<Database>) {
	const read = async (x: Kysely<Database>) =>
		JSON.stringify(
			(await sql`select to_jsonb(t)::text as row from metrics_report_sets t order by 1`.execute(x))
				.rows
		);
	const stored = await read(db);
	let recomputed = '';
	await db
		.transaction()
		.execute(async (trx) => {
			await sql`select metrics_refresh_reports(array(select id from quarter_reports))`.execute(trx);
			recomputed = await read(trx);
			throw new Error('terugdraaien');
		})
		.catch(() => undefined);
	expect(stored).toBe(recomputed);
}

describe('finding likely duplicates', () => {
	it('sees the same name under legal forms and articles, and names a few letters apart', () => {
		expect(looseKey('Stichting Buurtwerk Stein')).toBe(looseKey('buurtwerk-stein'));
		expect(editDistance('buurtwerkstein', 'buurtwerkstien', 2)).toBe(2);
		expect(editDistance('zuyd', 'zorg', 1)).toBe(2);
		const pairs = likelyDuplicates([
			{ id: 1, name: 'Buurtwerk Stein' },
			{ id: 2, name: 'Stichting Buurtwerk Stein' },
			{ id: 3, name: 'Buurtwerk Stien' },
			{ id: 4, name: 'Zuyd Hogeschool' },
			{ id: 5, name: 'GGD' },
			{ id: 6, name: 'GGZ' }
		]);
		expect(pairs.map((p) => [p.a.id, p.b.id, p.reason])).toEqual([
			[1, 2, 'zelfde naam'],
			[1, 3, 'bijna dezelfde naam'],
			[2, 3, 'bijna dezelfde naam']
		]);
	});
});

describe('the registries on a database', () => {
	let handle: DbHandle;
	let f: RecordsFixture;
	const db = () => handle.db;
	const engine = () => computeMetrics(db(), period);
	const orgId = async (name: string) =>
		(
			await db()
				.selectFrom('organisations')
				.select('id')
				.where('name', '=', name)
				.executeTakeFirstOrThrow()
		).id;
	const locId = async (name: string) =>
		(
			await db()
				.selectFrom('locations')
				.select('id')
				.where('name', '=', name)
				.executeTakeFirstOrThrow()
		).id;

	beforeAll(async () => {
		handle = await createTestDb();
		f = await recordsFixture(handle.db, 'reg');
	});
	afterAll(async () => handle?.close());

	it('refuses everyone but management', async () => {
		const input = { name: 'Stiekem', kind: 'zorg' as const, municipality: null };
		for (const who of [f.kartrekker, f.council])
			await expectRefused(createOrganisation(db(), who, input), 403);
		await expectRefused(mergeOrganisations(db(), f.kartrekker, 1, 2), 403);
		await expectRefused(
			createLocation(db(), f.council, { municipality: 'Stein', name: 'X', kind: 'wijk' }),
			403
		);
	});

	it('adds organisations, refusing a name the registry already has in another spelling', async () => {
		for (const name of ['Buurtwerk Stein', 'Stichting Buurtwerk Stein', 'Buurtwerk Stien'])
			await createOrganisation(db(), f.boss, { name, kind: 'welzijn', municipality: 'Stein' });
		const errors = await fieldErrors(
			createOrganisation(db(), f.boss, {
				name: 'BUURTWERK-stein',
				kind: 'zorg',
				municipality: null
			})
		);
		expect(errors.name).toMatch(/bestaat al als “Buurtwerk Stein”/);
		const audit = await db()
			.selectFrom('audit_log')
			.select(['action', 'after'])
			.where('entity', '=', 'organisation')
			.where('entity_id', '=', String(await orgId('Buurtwerk Stein')))
			.execute();
		expect(audit).toEqual([
			{
				action: 'create',
				after: { name: 'Buurtwerk Stein', kind: 'welzijn', municipality: 'Stein' }
			}
		]);
	});

	it('changes an organisation on the version the form showed; the second edit gets the conflict', async () => {
		const id = await orgId('Buurtwerk Stien');
		const results = await Promise.allSettled([
			updateOrganisation(db(), f.boss, id, 1, {
				name: 'Buurtwerk Stien',
				kind: 'zorg',
				municipality: 'Stein'
			}),
			updateOrganisation(db(), f.boss, id, 1, {
				name: 'Buurtwerk Stien',
				kind: 'gemeente',
				municipality: null
			})
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(refused.reason).toBeInstanceOf(ConflictError);
		expect((refused.reason as ConflictError).current?.version).toBe(2);
		const errors = await fieldErrors(
			updateOrganisation(db(), f.boss, id, 2, {
				name: 'Buurtwerk Stein',
				kind: 'zorg',
				municipality: null
			})
		);
		expect(errors.name).toMatch(/Voeg ze samen/);
	});

	it('lists the doubles among the organisations', async () => {
		const names = likelyDuplicates(await listOrganisations(db())).map((p) => [p.a.name, p.b.name]);
		expect(names).toContainEqual(['Buurtwerk Stein', 'Stichting Buurtwerk Stein']);
		expect(names).toContainEqual(['Buurtwerk Stein', 'Buurtwerk Stien']);
	});

	it('merges an organisation: every reference moves, the distinct counts drop, the survivor shows', async () => {
		const k = actingAs(db(), f.kartrekker, { atelierId: f.atelierId, quarter: QUARTER });
		await k.add('partner', partner('Buurtwerk Stein', 'gastheer'));
		await k.add('partner', partner('Stichting Buurtwerk Stein', 'financier'));
		await k.add('activity', {
			...validActivity,
			organisations: ['Stichting Buurtwerk Stein', 'MIK & PIW Groep']
		});
		await fillAndSubmit(db(), f.kartrekker, { atelierId: f.atelierId, quarter: QUARTER });
		const o = actingAs(db(), f.outsider, { atelierId: f.otherAtelierId, quarter: QUARTER });
		await o.add('partner', partner('Stichting Buurtwerk Stein', 'deelnemer'));
		await fillAndSubmit(db(), f.outsider, { atelierId: f.otherAtelierId, quarter: QUARTER });

		const unitOf = (r: Awaited<ReturnType<typeof engine>>, id: number) =>
			r.units.find((u) => u.id === id)!.values.partnerorganisaties;
		const before = await engine();
		expect(before.total.partnerorganisaties).toBe(3);
		expect(unitOf(before, f.atelierId)).toBe(3);
		expect(unitOf(before, f.otherAtelierId)).toBe(1);

		const survivor = await orgId('Buurtwerk Stein');
		const removed = await orgId('Stichting Buurtwerk Stein');
		const { moved } = await mergeOrganisations(db(), f.boss, survivor, removed);
		expect(moved).toBe(3);

		const after = await engine();
		expect(after.total.partnerorganisaties).toBe(2);
		expect(unitOf(after, f.atelierId)).toBe(2);
		expect(unitOf(after, f.otherAtelierId)).toBe(1);
		// the other numbers did not move
		expect({ ...after.total, partnerorganisaties: 0 }).toEqual({
			...before.total,
			partnerorganisaties: 0
		});
		// no reference to the removed one is left; the report that named both keeps both roles
		for (const table of ['partner_involvements', 'activity_organisations'] as const)
			expect(
				await db()
					.selectFrom(table)
					.select('organisation_id')
					.where('organisation_id', '=', removed)
					.execute()
			).toEqual([]);
		const roles = await db()
			.selectFrom('partner_involvements as p')
			.innerJoin('quarter_reports as r', 'r.id', 'p.report_id')
			.select(['r.atelier_id', 'p.role', 'p.organisation_id'])
			.orderBy('r.atelier_id')
			.execute();
		expect(roles).toEqual([
			{ atelier_id: f.atelierId, role: 'gastheer; financier', organisation_id: survivor },
			{ atelier_id: f.otherAtelierId, role: 'deelnemer', organisation_id: survivor }
		]);
		expect(
			await db().selectFrom('organisations').select('id').where('id', '=', removed).execute()
		).toEqual([]);
		await expectSummariesFresh(db());
		const list = await drilldown(db(), 'partnerorganisaties', period, { viewer: f.boss });
		const shown = list.rows.map((r) => String(r.cells[0]));
		expect(shown).toContain('Buurtwerk Stein');
		expect(shown).not.toContain('Stichting Buurtwerk Stein');
		const audit = await db()
			.selectFrom('audit_log')
			.select(['action', 'before', 'after'])
			.where('entity', '=', 'organisation')
			.where('action', 'in', ['merge', 'merged_into'])
			.orderBy('id')
			.execute();
		expect(audit.map((a) => a.action)).toEqual(['merge', 'merged_into']);
		expect(audit[0].before).toMatchObject({
			removed: { id: removed, name: 'Stichting Buurtwerk Stein' }
		});
		expect(audit[0].after).toMatchObject({ activityIds: [expect.any(Number)] });
	});

	it('refuses a merge into itself or with one that is gone, changing nothing', async () => {
		const survivor = await orgId('Buurtwerk Stein');
		const gone =
			(
				await db()
					.selectFrom('organisations')
					.select((eb) => eb.fn.max('id').as('m'))
					.executeTakeFirstOrThrow()
			).m! + 100;
		await expectRefused(
			mergeOrganisations(db(), f.boss, survivor, survivor),
			400,
			/twee verschillende/
		);
		await expectRefused(mergeOrganisations(db(), f.boss, gone, survivor), 409, /bestaat niet meer/);
		await expectRefused(mergeOrganisations(db(), f.boss, survivor, gone), 409, /bestaat niet meer/);
		expect(
			await db().selectFrom('organisations').select('id').where('id', '=', survivor).execute()
		).toHaveLength(1);
	});

	it('lets two opposite merges of one pair run at once: one wins, the other is refused', async () => {
		const a = await createOrganisation(db(), f.boss, {
			name: 'Gelijktijdig Een',
			kind: 'zorg',
			municipality: null
		});
		const b = await createOrganisation(db(), f.boss, {
			name: 'Gelijktijdig Twee',
			kind: 'zorg',
			municipality: null
		});
		const results = await Promise.allSettled([
			mergeOrganisations(db(), f.boss, a, b),
			mergeOrganisations(db(), f.boss, b, a)
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(refused.reason).toBeInstanceOf(ActionError);
		expect((refused.reason as ActionError).status).toBe(409);
		expect(
			await db().selectFrom('organisations').select('id').where('id', 'in', [a, b]).execute()
		).toHaveLength(1);
	});

	it.runIf(usingPostgres)(
		'a merge waits for a record that names the removed one, then moves it too',
		async () => {
			const survivor = await createOrganisation(db(), f.boss, {
				name: 'Wachter Blijft',
				kind: 'zorg',
				municipality: null
			});
			const removed = await createOrganisation(db(), f.boss, {
				name: 'Wachter Gaat',
				kind: 'zorg',
				municipality: null
			});
			const report = await db()
				.insertInto('quarter_reports')
				.values({ atelier_id: f.atelierId, quarter: '2024Q3' })
				.returning('id')
				.executeTakeFirstOrThrow();
			let release!: () => void;
			let resolved!: () => void;
			const named = new Promise<void>((r) => (resolved = r));
			// the record path: resolve the organisation by name (key share), then insert the reference
			const record = db()
				.transaction()
				.execute(async (trx) => {
					const id = await resolveOrganisation(trx, f.kartrekker.id, partner('Wachter Gaat'));
					await trx
						.insertInto('partner_involvements')
						.values({ report_id: report.id, organisation_id: id })
						.execute();
					resolved();
					await new Promise<void>((r) => (release = r));
				});
			await named;
			const merge = mergeOrganisations(db(), f.boss, survivor, removed);
			await waitFor(async () => {
				const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
				where datname = current_database() and wait_event_type = 'Lock'`.execute(db());
				return rows[0].n > 0;
			});
			release();
			await record;
			expect((await merge).moved).toBe(1);
			const refs = await db()
				.selectFrom('partner_involvements')
				.select('organisation_id')
				.where('report_id', '=', report.id)
				.execute();
			expect(refs).toEqual([{ organisation_id: survivor }]);
		}
	);

	it.runIf(usingPostgres)(
		'a manager adding the name a kartrekker adds at the same moment waits, then gets a message',
		async () => {
			let release!: () => void;
			let added!: () => void;
			const inserted = new Promise<void>((r) => (added = r));
			const record = db()
				.transaction()
				.execute(async (trx) => {
					await resolveOrganisation(trx, f.kartrekker.id, {
						organisation: 'Gelijktijdig Nieuw',
						organisation_kind: 'zorg',
						municipality: ''
					});
					added();
					await new Promise<void>((r) => (release = r));
				});
			await inserted;
			const create = createOrganisation(db(), f.boss, {
				name: 'Gelijktijdig Nieuw',
				kind: 'zorg',
				municipality: null
			}).catch((e: unknown) => e);
			await waitFor(async () => {
				const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
					where datname = current_database() and wait_event_type = 'Lock'`.execute(db());
				return rows[0].n > 0;
			});
			release();
			await record;
			const refused = await create;
			expect(refused).toBeInstanceOf(ActionError);
			expect((refused as ActionError).errors.name).toMatch(/zojuist door iemand anders toegevoegd/);
		}
	);

	it('a record and a merge racing: either the record moves or it is refused; never left dangling', async () => {
		for (let round = 0; round < 4; round++) {
			const survivor = await createOrganisation(db(), f.boss, {
				name: `Race ${round} Blijft`,
				kind: 'zorg',
				municipality: null
			});
			const removed = await createOrganisation(db(), f.boss, {
				name: `Race ${round} Gaat`,
				kind: 'zorg',
				municipality: null
			});
			const k = actingAs(db(), f.kartrekker, {
				atelierId: f.atelierId,
				quarter: `2025Q${round + 1}`
			});
			const [record, merge] = await Promise.allSettled([
				k.add('partner', partner(`Race ${round} Gaat`)),
				mergeOrganisations(db(), f.boss, survivor, removed)
			]);
			expect(merge.status).toBe('fulfilled');
			if (record.status === 'rejected') {
				// the merge came first: the name is no longer in the registry, a Dutch refusal
				expect(record.reason).toBeInstanceOf(ActionError);
			}
			const refs = await db()
				.selectFrom('partner_involvements as p')
				.leftJoin('organisations as o', 'o.id', 'p.organisation_id')
				.select(['p.organisation_id', 'o.id as existing'])
				.where('p.organisation_id', 'in', [survivor, removed])
				.execute();
			expect(refs.every((r) => r.organisation_id === survivor && r.existing === survivor)).toBe(
				true
			);
			expect(refs).toHaveLength(record.status === 'fulfilled' ? 1 : 0);
		}
	});

	it('adds, renames and merges wijken; reach at both places becomes one row with the sums', async () => {
		const errors = await fieldErrors(
			createLocation(db(), f.boss, {
				municipality: 'sittard-geleen',
				name: 'geleen-zuid',
				kind: 'wijk'
			})
		);
		expect(errors.name).toMatch(/heeft al een wijk of stadsdeel/);
		const twin = await createLocation(db(), f.boss, {
			municipality: 'Sittard-Geleen',
			name: 'Geleen Zuid',
			kind: 'wijk'
		});
		await updateLocation(db(), f.boss, twin, 1, {
			municipality: 'Sittard-Geleen',
			name: 'Geleen Zuid',
			kind: 'stadsdeel'
		});
		await expect(
			updateLocation(db(), f.boss, twin, 1, {
				municipality: 'Sittard-Geleen',
				name: 'Zuid',
				kind: 'wijk'
			})
		).rejects.toBeInstanceOf(ConflictError);
		const pairs = likelyDuplicates(
			await listLocations(db()),
			(a, b) => a.municipality === b.municipality
		);
		expect(pairs.map((p) => [p.a.name, p.b.name].sort())).toContainEqual([
			'Geleen Zuid',
			'Geleen-Zuid'
		]);

		const ref = { atelierId: f.atelierId, quarter: '2023Q4' };
		const k = actingAs(db(), f.kartrekker, ref);
		await k.add('activity', {
			...validActivity,
			date: '2023-11-01',
			location: 'Geleen Zuid (Sittard-Geleen)'
		});
		await k.add('reach', {
			location: 'Geleen Zuid (Sittard-Geleen)',
			resident_conversations: '5',
			professionals_reached: '1'
		});
		await k.add('reach', {
			location: 'Geleen-Zuid (Sittard-Geleen)',
			resident_conversations: '3',
			professionals_reached: '2'
		});
		await fillAndSubmit(db(), f.kartrekker, ref);
		const q = { ...period, from: '2023Q4', to: '2023Q4' };
		const before = await computeMetrics(db(), q);
		expect(before.total.wijken_stadsdelen).toBe(2);
		expect(before.total.gesprekken_bewoners).toBe(8);

		const survivor = await locId('Geleen-Zuid');
		await mergeLocations(db(), f.boss, survivor, twin);
		const after = await computeMetrics(db(), q);
		expect(after.total.wijken_stadsdelen).toBe(1);
		expect(after.total.gesprekken_bewoners).toBe(8);
		const reach = await db()
			.selectFrom('reach as r')
			.innerJoin('quarter_reports as q', 'q.id', 'r.report_id')
			.select(['r.location_id', 'r.resident_conversations', 'r.professionals_reached'])
			.where('q.quarter', '=', '2023Q4')
			.execute();
		expect(reach).toEqual([
			{ location_id: survivor, resident_conversations: 8, professionals_reached: 3 }
		]);
		expect(
			await db().selectFrom('activities').select('id').where('location_id', '=', twin).execute()
		).toEqual([]);
		await expectSummariesFresh(db());
		await expectRefused(mergeLocations(db(), f.boss, survivor, twin), 409, /bestaat niet meer/);
		expect(await rejectionOf(mergeLocations(db(), f.boss, survivor, survivor))).toBeInstanceOf(
			ActionError
		);
	});
});
