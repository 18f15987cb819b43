import type { Kysely } from 'kysely';
import { recordAudit, type Executor } from '../audit/index';
import type { SessionUser } from '../auth/guards';
import { assertCan } from '../auth/policy';
import { lockReports, lockSetUp } from '../db/locks';
import type { Database, Location } from '../db/types';
import { ConflictError, fieldError } from '../errors';
import type { LocationInput } from './forms';
import { auditMerge, lockPair } from './merge';

// Wijken and stadsdelen per municipality on /beheer/registers: add, rename, and merge two into
// one. A merge moves the activities and reach of the removed one to the survivor (reach of one
// report at both places becomes one row with the numbers added up) in one transaction.

export interface LocationRow {
	id: number;
	municipality: string;
	name: string;
	kind: Location['kind'];
	version: number;
	/** Activities and reach rows at this place. */
	references: number;
}

export async function listLocations(db: Kysely<Database>): Promise<LocationRow[]> {
	const rows = await db
		.selectFrom('locations as l')
		.select((eb) => [
			'l.id',
			'l.municipality',
			'l.name',
			'l.kind',
			'l.version',
			eb
				.selectFrom('activities as a')
				.select(eb.fn.countAll<string>().as('n'))
				.whereRef('a.location_id', '=', 'l.id')
				.as('activities'),
			eb
				.selectFrom('reach as r')
				.select(eb.fn.countAll<string>().as('n'))
				.whereRef('r.location_id', '=', 'l.id')
				.as('reach')
		])
		.orderBy('l.municipality')
		.orderBy('l.name')
		.execute();
	return rows.map(({ activities, reach, ...r }) => ({
		...r,
		references: Number(activities ?? 0) + Number(reach ?? 0)
	}));
}

const audited = (l: Location) => ({ municipality: l.municipality, name: l.name, kind: l.kind });

async function assertFree(trx: Executor, input: LocationInput, exceptId: number | null) {
	let query = trx
		.selectFrom('locations')
		.select('id')
		.where((eb) => eb(eb.fn('lower', ['municipality']), '=', input.municipality.toLowerCase()))
		.where((eb) => eb(eb.fn('lower', ['name']), '=', input.name.toLowerCase()));
	if (exceptId !== null) query = query.where('id', '<>', exceptId);
	if (await query.executeTakeFirst())
		throw fieldError(
			`${input.municipality} heeft al een wijk of stadsdeel “${input.name}”. Voeg ze samen als het dezelfde is.`,
			'name',
			409
		);
}

export async function createLocation(
	db: Kysely<Database>,
	actor: SessionUser,
	input: LocationInput
): Promise<number> {
	assertCan(actor, 'registries.manage');
	return db.transaction().execute(async (trx) => {
		await lockSetUp(trx, 'locations');
		await assertFree(trx, input, null);
		const row = await trx
			.insertInto('locations')
			.values(input)
			.returningAll()
			.executeTakeFirstOrThrow();
		await recordAudit(trx, {
			actorId: actor.id,
			entity: 'location',
			entityId: row.id,
			action: 'create',
			after: audited(row)
		});
		return row.id;
	});
}

const lockLocation = (trx: Executor, id: number) =>
	trx.selectFrom('locations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

/** Renames a location or changes its kind or municipality, on the version the form showed. */
export async function updateLocation(
	db: Kysely<Database>,
	actor: SessionUser,
	id: number,
	version: number,
	input: LocationInput
): Promise<void> {
	assertCan(actor, 'registries.manage');
	await db.transaction().execute(async (trx) => {
		await lockSetUp(trx, 'locations');
		const before = await lockLocation(trx, id);
		if (!before || before.version !== version)
			throw new ConflictError(before ? { values: audited(before), version: before.version } : null);
		await assertFree(trx, input, id);
		const after = await trx
			.updateTable('locations')
			.set({ ...input, version: before.version + 1, updated_at: new Date() })
			.where('id', '=', id)
			.returningAll()
			.executeTakeFirstOrThrow();
		await recordAudit(trx, {
			actorId: actor.id,
			entity: 'location',
			entityId: id,
			action: 'update',
			before: audited(before),
			after: audited(after)
		});
	});
}

/** Merges `removedId` into `survivorId`: activities and reach move, the removed one is deleted. */
export async function mergeLocations(
	db: Kysely<Database>,
	actor: SessionUser,
	survivorId: number,
	removedId: number
): Promise<{ moved: number }> {
	assertCan(actor, 'registries.manage');
	return db.transaction().execute(async (trx) => {
		await lockSetUp(trx, 'locations');
		// the reports that name either one, before the locations (the record path's order)
		const reports = await trx
			.selectFrom('activities')
			.select('report_id')
			.where('location_id', 'in', [survivorId, removedId])
			.union((eb) =>
				eb
					.selectFrom('reach')
					.select('report_id')
					.where('location_id', 'in', [survivorId, removedId])
			)
			.execute();
		await lockReports(
			trx,
			reports.map((r) => r.report_id)
		);
		const { survivor, removed } = await lockPair(
			survivorId,
			removedId,
			(id) => lockLocation(trx, id),
			'wijken of stadsdelen'
		);
		const activities = await trx
			.updateTable('activities')
			.set((eb) => ({
				location_id: survivorId,
				version: eb('version', '+', 1),
				updated_at: new Date()
			}))
			.where('location_id', '=', removedId)
			.returning('id')
			.execute();
		// reach of one report at both places: one row, the numbers added up
		const doubles = await trx
			.selectFrom('reach as r')
			.innerJoin('reach as s', (j) =>
				j.onRef('s.report_id', '=', 'r.report_id').on('s.location_id', '=', survivorId)
			)
			.select([
				'r.id as removedRow',
				's.id as survivorRow',
				'r.resident_conversations',
				'r.professionals_reached'
			])
			.where('r.location_id', '=', removedId)
			.execute();
		for (const d of doubles)
			await trx
				.updateTable('reach')
				.set((eb) => ({
					resident_conversations: eb('resident_conversations', '+', d.resident_conversations),
					professionals_reached: eb('professionals_reached', '+', d.professionals_reached),
					version: eb('version', '+', 1),
					updated_at: new Date()
				}))
				.where('id', '=', d.survivorRow)
				.execute();
		if (doubles.length)
			await trx
				.deleteFrom('reach')
				.where(
					'id',
					'in',
					doubles.map((d) => d.removedRow)
				)
				.execute();
		const reach = await trx
			.updateTable('reach')
			.set((eb) => ({
				location_id: survivorId,
				version: eb('version', '+', 1),
				updated_at: new Date()
			}))
			.where('location_id', '=', removedId)
			.returning('id')
			.execute();
		await trx.deleteFrom('locations').where('id', '=', removedId).execute();
		const moved = {
			activityIds: activities.map((a) => a.id),
			reachIds: reach.map((r) => r.id),
			joinedReachIds: doubles.map((d) => d.survivorRow)
		};
		await auditMerge(trx, actor, 'location', { survivor, removed }, audited, moved);
		return { moved: activities.length + reach.length + doubles.length };
	});
}
