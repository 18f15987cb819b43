import type { Kysely, Transaction } from 'kysely';
import { recordAudit } from '../audit/index';
import type { SessionUser } from '../auth/guards';
import type { Database } from '../db/types';
import { assertWriter, openForEdit, type QuarterRef } from '../reports/report';
import type { ParsedRecord, PreparedRecord, RecordItem } from './definitions';
import { DEFINITIONS } from './kinds';
import { ActionError, ConflictError, parseInput, ValidationError } from '../errors';
import { reportDetailsSchema, type RecordType } from './schemas';

/** Which record a form was based on: nothing for a new one, else its id and version. */
export interface Target {
	id: number | null;
	version: number | null;
}

/** Validates form (or import) values; throws ValidationError with Dutch messages per field. */
export function parseRecord(
	type: RecordType,
	quarter: string,
	values: Record<string, unknown>
): ParsedRecord {
	return DEFINITIONS[type].parse(quarter, values);
}

async function current(trx: Transaction<Database>, type: RecordType, reportId: number, id: number) {
	const [item] = await DEFINITIONS[type].load(trx, reportId, id);
	return item ?? null;
}

/** Inserts one prepared record into a report opened for edit (also used by the import). */
export async function insertRecord(
	trx: Transaction<Database>,
	actorId: number,
	report: { id: number; atelier_id: number },
	type: RecordType,
	{ row, organisationIds }: PreparedRecord
): Promise<number> {
	const def = DEFINITIONS[type];
	if (type === 'partner' || type === 'reach') await assertUnique(trx, type, report.id, row);
	const { id } = await trx
		.insertInto(def.table)
		// the row was checked against this table's columns where its kind is defined (records/kinds)
		.values({ ...row, report_id: report.id } as never)
		.returning('id')
		.executeTakeFirstOrThrow();
	if (organisationIds) await setOrganisations(trx, id, organisationIds);
	const after = await current(trx, type, report.id, id);
	await recordAudit(trx, {
		actorId,
		entity: def.table,
		entityId: id,
		atelierId: report.atelier_id,
		reportId: report.id,
		action: 'create',
		after: after?.values
	});
	return id;
}

const UNIQUE = {
	partner: {
		column: 'organisation_id',
		field: 'organisation',
		message: 'Deze organisatie staat al bij de partners van dit kwartaal.'
	},
	reach: {
		column: 'location_id',
		field: 'location',
		message: 'Voor deze wijk of dit stadsdeel is het bereik al ingevuld.'
	}
} as const;

/**
 * For a kind that allows one record per organisation (partner) or location (reach) in a quarter:
 * the column that must be unique, and the error for a row that repeats it.
 */
export function uniqueConflict(type: RecordType) {
	if (type !== 'partner' && type !== 'reach') return null;
	const { column, field, message } = UNIQUE[type];
	return { column, error: () => new ValidationError({ [field]: message }) };
}

async function assertUnique(
	trx: Transaction<Database>,
	type: 'partner' | 'reach',
	reportId: number,
	row: Record<string, unknown>,
	exceptId?: number
) {
	const column = type === 'partner' ? 'organisation_id' : 'location_id';
	let q = trx
		.selectFrom(DEFINITIONS[type].table as 'reach')
		.select('id')
		.where('report_id', '=', reportId)
		.where(column as 'location_id', '=', row[column] as number);
	if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
	if (await q.executeTakeFirst()) throw uniqueConflict(type)!.error();
}

async function setOrganisations(trx: Transaction<Database>, activityId: number, ids: number[]) {
	await trx.deleteFrom('activity_organisations').where('activity_id', '=', activityId).execute();
	if (ids.length)
		await trx
			.insertInto('activity_organisations')
			.values(ids.map((organisation_id) => ({ activity_id: activityId, organisation_id })))
			.execute();
}

/**
 * Creates or updates one record of a quarter. An update only succeeds on the version the form was
 * based on (UPDATE ... WHERE id AND version); otherwise ConflictError with the current values.
 */
export async function saveRecord(
	db: Kysely<Database>,
	actor: SessionUser,
	ref: QuarterRef,
	type: RecordType,
	target: Target,
	values: Record<string, unknown>
): Promise<number> {
	assertWriter(actor, ref.atelierId);
	const parsed = parseRecord(type, ref.quarter, values);
	const def = DEFINITIONS[type];
	return db.transaction().execute(async (trx) => {
		const report = await openForEdit(trx, actor, ref);
		const prepared = await parsed.prepare(trx, { atelierId: ref.atelierId, actorId: actor.id });
		if (target.id === null) return insertRecord(trx, actor.id, report, type, prepared);
		const before = await current(trx, type, report.id, target.id);
		if (!before) throw new ConflictError(null);
		const { row, organisationIds } = prepared;
		if (type === 'partner' || type === 'reach')
			await assertUnique(trx, type, report.id, row, target.id);
		const updated = await trx
			.updateTable(def.table as 'publications')
			.set((eb) => ({ ...row, version: eb('version', '+', 1), updated_at: new Date() }))
			.where('id', '=', target.id)
			.where('report_id', '=', report.id)
			.where('version', '=', target.version ?? -1)
			.returning('id')
			.executeTakeFirst();
		if (!updated) throw new ConflictError(before);
		if (organisationIds) await setOrganisations(trx, target.id, organisationIds);
		const after = await current(trx, type, report.id, target.id);
		await recordAudit(trx, {
			actorId: actor.id,
			entity: def.table,
			entityId: target.id,
			atelierId: ref.atelierId,
			reportId: report.id,
			action: 'update',
			before: before.values,
			after: after?.values
		});
		return target.id;
	});
}

/** Deletes one record, only in the version the user saw. */
export async function deleteRecord(
	db: Kysely<Database>,
	actor: SessionUser,
	ref: QuarterRef,
	type: RecordType,
	target: { id: number; version: number }
): Promise<void> {
	const def = DEFINITIONS[type];
	await db.transaction().execute(async (trx) => {
		const report = await openForEdit(trx, actor, ref);
		const before: RecordItem | null = await current(trx, type, report.id, target.id);
		if (!before) throw new ConflictError(null);
		const deleted = await trx
			.deleteFrom(def.table as 'publications')
			.where('id', '=', target.id)
			.where('report_id', '=', report.id)
			.where('version', '=', target.version)
			.returning('id')
			.executeTakeFirst();
		if (!deleted) throw new ConflictError(before);
		await recordAudit(trx, {
			actorId: actor.id,
			entity: def.table,
			entityId: target.id,
			atelierId: ref.atelierId,
			reportId: report.id,
			action: 'delete',
			before: before.values
		});
	});
}

/** Network members and the "geen activiteiten dit kwartaal" mark, on the report's version. */
export async function saveReportDetails(
	db: Kysely<Database>,
	actor: SessionUser,
	ref: QuarterRef,
	version: number,
	values: Record<string, unknown>
): Promise<void> {
	assertWriter(actor, ref.atelierId);
	const details = parseInput(reportDetailsSchema, values);
	await db.transaction().execute(async (trx) => {
		const before = await openForEdit(trx, actor, ref);
		const updated = await trx
			.updateTable('quarter_reports')
			.set((eb) => ({ ...details, version: eb('version', '+', 1), updated_at: new Date() }))
			.where('id', '=', before.id)
			.where('version', '=', version)
			.returningAll()
			.executeTakeFirst();
		if (!updated)
			throw new ActionError(
				`De rapportgegevens zijn intussen gewijzigd (nu: ${before.network_members ?? 'geen'} netwerkleden, ${before.no_activities ? 'geen activiteiten' : 'met activiteiten'}). Er is niets overschreven.`,
				409
			);
		await recordAudit(trx, {
			actorId: actor.id,
			entity: 'quarter_report',
			entityId: before.id,
			atelierId: ref.atelierId,
			action: 'update',
			before: { network_members: before.network_members, no_activities: before.no_activities },
			after: details
		});
	});
}
