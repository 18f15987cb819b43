import type { Transaction } from 'kysely';
import { recordAudits, type AuditEntry } from '../audit/index';
import type { Database } from '../db/types';
import { ValidationError } from '../errors';
import { createMemo, type ParsedRecord } from '../records/definitions';
import { DEFINITIONS } from '../records/kinds';
import type { RecordType } from '../../records/fields';
import { ImportProblems, problemsOf, type ImportResult, type Problem } from './problems';
import type { SheetRow } from './read';
import { MAX_ROWS_PER_SHEET } from './zip-limits';

/** A comparable key of a prepared record: its column values (and organisations). */
export function keyOf(
	row: Record<string, unknown>,
	columns: string[],
	organisations?: number[]
): string {
	return JSON.stringify([columns.map((c) => row[c] ?? null), organisations ?? null]);
}

export async function existingKeys(
	trx: Transaction<Database>,
	type: RecordType,
	reportId: number,
	columns: string[]
) {
	const rows = (await trx
		.selectFrom(DEFINITIONS[type].table as 'publications')
		.selectAll()
		.where('report_id', '=', reportId)
		.execute()) as unknown as Record<string, unknown>[];
	let orgs = new Map<number, number[]>();
	if (type === 'activity' && rows.length) {
		const links = await trx
			.selectFrom('activity_organisations')
			.select(['activity_id', 'organisation_id'])
			.where(
				'activity_id',
				'in',
				rows.map((r) => r.id as number)
			)
			.execute();
		orgs = new Map(
			rows.map((r) => [
				r.id as number,
				links
					.filter((l) => l.activity_id === r.id)
					.map((l) => l.organisation_id)
					.sort((a, b) => a - b)
			])
		);
	}
	return new Set(
		rows.map((r) =>
			keyOf(r, columns, type === 'activity' ? (orgs.get(r.id as number) ?? []) : undefined)
		)
	);
}

const UNIQUE_COLUMN: Partial<Record<RecordType, 'organisation_id' | 'location_id'>> = {
	partner: 'organisation_id',
	reach: 'location_id'
};
const UNIQUE_MESSAGE: Partial<Record<RecordType, Record<string, string>>> = {
	partner: { organisation: 'Deze organisatie staat al bij de partners van dit kwartaal.' },
	reach: { location: 'Voor deze wijk of dit stadsdeel is het bereik al ingevuld.' }
};
/**
 * Records per insert statement: a whole sheet (MAX_ROWS_PER_SHEET) at once, so the statement
 * triggers run once per kind; 2,000 activities x 17 columns stay under PostgreSQL's 65,535
 * parameters.
 */
const CHUNK = MAX_ROWS_PER_SHEET;

interface Pending {
	row: Record<string, unknown>;
	organisationIds?: number[];
}

/**
 * Stores validated rows in a report opened for edit, set-based: registry look-ups shared between
 * rows, one insert statement per kind, one for their organisations and a few for
 * the audit entries. The record tables' statement triggers (summaries, metrics version) then run
 * a few times instead of once per row, which made a 2,000-row file take minutes. Rows identical to
 * a record already in the quarter (or earlier in the file) are skipped; a partner or place that is
 * already in the quarter is a problem, and any problem stores nothing.
 */
export async function storeRows(
	trx: Transaction<Database>,
	actorId: number,
	report: { id: number; atelier_id: number },
	rows: SheetRow[],
	parsed: ParsedRecord[]
): Promise<ImportResult> {
	const ctx = { atelierId: report.atelier_id, actorId, memo: createMemo() };
	const problems: Problem[] = [];
	const known = new Map<RecordType, Set<string>>();
	const taken = new Map<RecordType, Set<unknown>>();
	const pending = new Map<RecordType, Pending[]>();
	const result: ImportResult = { created: 0, skipped: 0 };
	// Partners first: an activity may name a partner that is new in the same file's Partners tab
	// (the template's instructions say so); preparing the partner row adds it to the register.
	const order = [...rows.keys()].sort(
		(a, b) => Number(rows[b].type === 'partner') - Number(rows[a].type === 'partner') || a - b
	);
	for (const i of order) {
		const row = rows[i];
		try {
			const prepared = await parsed[i].prepare(trx, ctx);
			const cols = Object.keys(prepared.row).sort();
			if (!known.has(row.type))
				known.set(row.type, await existingKeys(trx, row.type, report.id, cols));
			const organisationIds = prepared.organisationIds
				? [...prepared.organisationIds].sort((a, b) => a - b)
				: undefined;
			const key = keyOf(prepared.row, cols, organisationIds);
			if (known.get(row.type)!.has(key)) {
				result.skipped++;
				continue;
			}
			const unique = UNIQUE_COLUMN[row.type];
			if (unique) {
				if (!taken.has(row.type)) taken.set(row.type, await takenValues(trx, row.type, report.id));
				if (taken.get(row.type)!.has(prepared.row[unique]))
					throw new ValidationError(UNIQUE_MESSAGE[row.type]!);
				taken.get(row.type)!.add(prepared.row[unique]);
			}
			known.get(row.type)!.add(key);
			if (!pending.has(row.type)) pending.set(row.type, []);
			pending.get(row.type)!.push({ row: prepared.row, organisationIds });
		} catch (e) {
			if (!(e instanceof ValidationError)) throw e;
			problems.push(...problemsOf(row, e));
		}
	}
	if (problems.length) throw new ImportProblems(problems);

	const audits: AuditEntry[] = [];
	for (const [type, records] of pending) {
		const def = DEFINITIONS[type];
		const ids: number[] = [];
		for (let i = 0; i < records.length; i += CHUNK) {
			const inserted = await trx
				.insertInto(def.table)
				.values(
					records.slice(i, i + CHUNK).map((r) => ({ ...r.row, report_id: report.id })) as never
				)
				.returning('id')
				.execute();
			// PostgreSQL returns the rows of INSERT ... VALUES in the order of the values
			ids.push(...inserted.map((r) => r.id));
		}
		const links = records.flatMap((r, i) =>
			(r.organisationIds ?? []).map((organisation_id) => ({ activity_id: ids[i], organisation_id }))
		);
		for (let i = 0; i < links.length; i += CHUNK * 8)
			await trx
				.insertInto('activity_organisations')
				.values(links.slice(i, i + CHUNK * 8))
				.execute();
		// the audit's "after" is the record as the forms show it, read back as one list
		const stored = new Map((await def.load(trx, report.id)).map((item) => [item.id, item.values]));
		for (const id of ids)
			audits.push({
				actorId,
				entity: def.table,
				entityId: id,
				atelierId: report.atelier_id,
				reportId: report.id,
				action: 'create',
				after: stored.get(id)
			});
		result.created += ids.length;
	}
	await recordAudits(trx, audits);
	return result;
}

async function takenValues(trx: Transaction<Database>, type: RecordType, reportId: number) {
	const column = UNIQUE_COLUMN[type]!;
	const rows = await trx
		.selectFrom(DEFINITIONS[type].table as 'reach')
		.select(column as 'location_id')
		.where('report_id', '=', reportId)
		.execute();
	return new Set<unknown>(rows.map((r) => (r as Record<string, unknown>)[column]));
}
