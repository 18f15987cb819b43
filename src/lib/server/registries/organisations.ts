import type { Kysely } from 'kysely';
import { recordAudit, type Executor } from '../audit/index';
import type { SessionUser } from '../auth/guards';
import { assertCan } from '../auth/policy';
import { lockReports, lockSetUp } from '../db/locks';
import type { Database, Organisation } from '../db/types';
import { ConflictError, fieldError } from '../errors';
import { auditMerge, lockPair } from './merge';
import { normalizeOrganisationName } from '../records/registries';
import type { OrganisationInput } from './forms';

// The shared organisation registry on /beheer/registers: add, change, and merge duplicates. A
// merge moves every reference (partner involvements, organisations on activities) to the
// surviving organisation and removes the other, in one transaction; the summary triggers then
// recompute the distinct counts of every report it touched.

export interface OrganisationRow {
	id: number;
	name: string;
	kind: Organisation['kind'];
	municipality: string | null;
	version: number;
	/** Partner involvements and activities that name it. */
	references: number;
}

export async function listOrganisations(db: Kysely<Database>): Promise<OrganisationRow[]> {
	const rows = await db
		.selectFrom('organisations as o')
		.select((eb) => [
			'o.id',
			'o.name',
			'o.kind',
			'o.municipality',
			'o.version',
			eb
				.selectFrom('partner_involvements as p')
				.select(eb.fn.countAll<string>().as('n'))
				.whereRef('p.organisation_id', '=', 'o.id')
				.as('involvements'),
			eb
				.selectFrom('activity_organisations as x')
				.select(eb.fn.countAll<string>().as('n'))
				.whereRef('x.organisation_id', '=', 'o.id')
				.as('activities')
		])
		.orderBy('o.name')
		.execute();
	return rows.map(({ involvements, activities, ...r }) => ({
		...r,
		references: Number(involvements ?? 0) + Number(activities ?? 0)
	}));
}

const audited = (o: Organisation) => ({ name: o.name, kind: o.kind, municipality: o.municipality });
const formValuesOf = (o: Organisation) => ({
	name: o.name,
	kind: o.kind,
	municipality: o.municipality ?? ''
});

async function assertNameFree(trx: Executor, key: string, exceptId: number | null) {
	let query = trx.selectFrom('organisations').select('name').where('normalized_name', '=', key);
	if (exceptId !== null) query = query.where('id', '<>', exceptId);
	const other = await query.executeTakeFirst();
	if (other)
		throw fieldError(
			`Deze organisatie bestaat al als “${other.name}”. Voeg ze samen als het dezelfde is.`,
			'name',
			409
		);
}

/**
 * A kartrekker's form may add the same name at the same moment (records/registries.ts adds a new
 * organisation without this lock): the unique key then refuses the second, with a message.
 */
function nameTakenMeanwhile(e: unknown): never {
	if ((e as { code?: string }).code === '23505')
		throw fieldError(
			'Een organisatie met (bijna) deze naam is zojuist door iemand anders toegevoegd. Er is niets opgeslagen; kijk in de lijst.',
			'name',
			409
		);
	throw e;
}

function keyOf(name: string): string {
	const key = normalizeOrganisationName(name);
	if (!key) throw fieldError('Vul een naam met letters of cijfers in.', 'name');
	return key;
}

export async function createOrganisation(
	db: Kysely<Database>,
	actor: SessionUser,
	input: OrganisationInput
): Promise<number> {
	assertCan(actor, 'registries.manage');
	const key = keyOf(input.name);
	return db.transaction().execute(async (trx) => {
		await lockSetUp(trx, 'organisations');
		await assertNameFree(trx, key, null);
		const row = await trx
			.insertInto('organisations')
			.values({ ...input, normalized_name: key })
			.returningAll()
			.executeTakeFirstOrThrow()
			.catch(nameTakenMeanwhile);
		await recordAudit(trx, {
			actorId: actor.id,
			entity: 'organisation',
			entityId: row.id,
			action: 'create',
			after: audited(row)
		});
		return row.id;
	});
}

async function lockOrganisation(trx: Executor, id: number) {
	return trx
		.selectFrom('organisations')
		.selectAll()
		.where('id', '=', id)
		.forUpdate()
		.executeTakeFirst();
}

/** Renames an organisation or changes its kind or municipality, on the version the form showed. */
export async function updateOrganisation(
	db: Kysely<Database>,
	actor: SessionUser,
	id: number,
	version: number,
	input: OrganisationInput
): Promise<void> {
	assertCan(actor, 'registries.manage');
	const key = keyOf(input.name);
	await db.transaction().execute(async (trx) => {
		await lockSetUp(trx, 'organisations');
		const before = await lockOrganisation(trx, id);
		if (!before || before.version !== version)
			throw new ConflictError(
				before ? { values: formValuesOf(before), version: before.version } : null
			);
		await assertNameFree(trx, key, id);
		const after = await trx
			.updateTable('organisations')
			.set({ ...input, normalized_name: key, version: before.version + 1, updated_at: new Date() })
			.where('id', '=', id)
			.returningAll()
			.executeTakeFirstOrThrow()
			.catch(nameTakenMeanwhile);
		await recordAudit(trx, {
			actorId: actor.id,
			entity: 'organisation',
			entityId: id,
			action: 'update',
			before: audited(before),
			after: audited(after)
		});
	});
}

/**
 * Merges `removedId` into `survivorId`: every partner involvement and activity that named the
 * removed organisation names the survivor (where a report or activity named both, the two become
 * one, keeping both roles), the removed organisation is deleted. One audit entry per
 * organisation lists what moved.
 */
export async function mergeOrganisations(
	db: Kysely<Database>,
	actor: SessionUser,
	survivorId: number,
	removedId: number
): Promise<{ moved: number }> {
	assertCan(actor, 'registries.manage');
	return db.transaction().execute(async (trx) => {
		await lockSetUp(trx, 'organisations');
		// the reports that name either one, before the organisations (the record path's order)
		const reports = await trx
			.selectFrom('partner_involvements')
			.select('report_id')
			.where('organisation_id', 'in', [survivorId, removedId])
			.union((eb) =>
				eb
					.selectFrom('activity_organisations as x')
					.innerJoin('activities as a', 'a.id', 'x.activity_id')
					.select('a.report_id')
					.where('x.organisation_id', 'in', [survivorId, removedId])
			)
			.execute();
		await lockReports(
			trx,
			reports.map((r) => r.report_id)
		);
		const { survivor, removed } = await lockPair(
			survivorId,
			removedId,
			(id) => lockOrganisation(trx, id),
			'organisaties'
		);
		// a report that names both: one involvement, with both roles
		const doubles = await trx
			.selectFrom('partner_involvements as r')
			.innerJoin('partner_involvements as s', (j) =>
				j.onRef('s.report_id', '=', 'r.report_id').on('s.organisation_id', '=', survivorId)
			)
			.select([
				'r.id as removedRow',
				's.id as survivorRow',
				'r.role as removedRole',
				's.role as survivorRole'
			])
			.where('r.organisation_id', '=', removedId)
			.execute();
		for (const d of doubles) {
			const roles = [d.survivorRole, d.removedRole].filter(
				(r, i, all) => r && all.indexOf(r) === i
			);
			await trx
				.updateTable('partner_involvements')
				.set((eb) => ({
					role: roles.join('; '),
					version: eb('version', '+', 1),
					updated_at: new Date()
				}))
				.where('id', '=', d.survivorRow)
				.execute();
		}
		if (doubles.length)
			await trx
				.deleteFrom('partner_involvements')
				.where(
					'id',
					'in',
					doubles.map((d) => d.removedRow)
				)
				.execute();
		const involvements = await trx
			.updateTable('partner_involvements')
			.set((eb) => ({
				organisation_id: survivorId,
				version: eb('version', '+', 1),
				updated_at: new Date()
			}))
			.where('organisation_id', '=', removedId)
			.returning('id')
			.execute();
		// an activity that names both keeps one
		const joined = await trx
			.deleteFrom('activity_organisations')
			.where('organisation_id', '=', removedId)
			.where((eb) =>
				eb(
					'activity_id',
					'in',
					eb
						.selectFrom('activity_organisations')
						.select('activity_id')
						.where('organisation_id', '=', survivorId)
				)
			)
			.returning('activity_id')
			.execute();
		const activities = await trx
			.updateTable('activity_organisations')
			.set({ organisation_id: survivorId })
			.where('organisation_id', '=', removedId)
			.returning('activity_id')
			.execute();
		const activityIds = [...new Set([...joined, ...activities].map((a) => a.activity_id))];
		if (activityIds.length)
			// the activity's organisations changed: a form opened before the merge gets the conflict
			await trx
				.updateTable('activities')
				.set((eb) => ({ version: eb('version', '+', 1), updated_at: new Date() }))
				.where('id', 'in', activityIds)
				.execute();
		await trx.deleteFrom('organisations').where('id', '=', removedId).execute();
		const moved = {
			partnerInvolvementIds: involvements.map((r) => r.id),
			joinedInvolvementIds: doubles.map((d) => d.survivorRow),
			activityIds
		};
		await auditMerge(trx, actor, 'organisation', { survivor, removed }, audited, moved);
		return { moved: involvements.length + doubles.length + activityIds.length };
	});
}
