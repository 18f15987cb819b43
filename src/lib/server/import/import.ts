import type { Kysely, Transaction } from 'kysely';
import type { SessionUser } from '../auth/guards';
import type { Database } from '../db/types';
import { DEFINITIONS } from '../records/kinds';
import { ActionError, ValidationError } from '../errors';
import { insertRecord, parseRecord } from '../records/service';
import { assertWriter, openForEdit, type QuarterRef } from '../reports/report';
import type { RecordType } from '../../records/fields';
import { openTemplate, readRows, type SheetRow } from './read';
import { SHEETS } from './sheets';

export interface Problem {
	sheet: string;
	row: number;
	column: string;
	message: string;
}

export interface ImportResult {
	created: number;
	skipped: number;
}

/** Thrown when rows have problems: nothing was stored. */
export class ImportProblems extends Error {
	constructor(readonly problems: Problem[]) {
		super(`${problems.length} problemen gevonden; er is niets opgeslagen.`);
	}
}

function problemsOf(row: SheetRow, e: ValidationError): Problem[] {
	return Object.entries(e.errors)
		.filter(([field]) => field !== 'suggestion')
		.map(([field, message]) => ({
			sheet: row.sheet,
			row: row.row,
			column: row.headers[field] ?? '',
			message
		}));
}

const SHEET_ORDER = new Map(SHEETS.map((s, i) => [s.name, i]));

/** Problems in the order of the workbook: tab by tab, row by row. */
function sortProblems(problems: Problem[]): Problem[] {
	return [...problems].sort(
		(a, b) => (SHEET_ORDER.get(a.sheet) ?? -1) - (SHEET_ORDER.get(b.sheet) ?? -1) || a.row - b.row
	);
}

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

/**
 * Imports a filled-in template: every row is validated first (the schemas of the forms), then all
 * rows are stored in one transaction, or none. Rows identical to a record already in the quarter
 * are skipped, so uploading the same file twice does not duplicate anything.
 */
export async function importTemplate(
	db: Kysely<Database>,
	actor: SessionUser,
	ref: QuarterRef & { slug: string },
	bytes: Uint8Array
): Promise<ImportResult> {
	assertWriter(actor, ref.atelierId);
	const wb = await openTemplate(bytes, ref);
	const rows = readRows(wb);
	if (rows.length === 0)
		throw new ImportProblems([
			{ sheet: '', row: 0, column: '', message: 'Het bestand bevat geen ingevulde regels.' }
		]);
	const problems: Problem[] = [];
	const parsed = rows.map((row) => {
		try {
			return parseRecord(row.type, ref.quarter, row.values);
		} catch (e) {
			if (!(e instanceof ValidationError)) throw e;
			problems.push(...problemsOf(row, e));
			return null;
		}
	});
	if (problems.length) throw new ImportProblems(problems);

	return db.transaction().execute(async (trx) => {
		const report = await openForEdit(trx, actor, ref);
		const known = new Map<RecordType, Set<string>>();
		const result: ImportResult = { created: 0, skipped: 0 };
		// Partners first: an activity may name a partner that is new in the same file's Partners tab
		// (the template's instructions say so), which is in the register only once that row is stored.
		const order = [...rows.keys()].sort(
			(a, b) => Number(rows[b].type === 'partner') - Number(rows[a].type === 'partner') || a - b
		);
		for (const i of order) {
			const row = rows[i];
			try {
				const prepared = await parsed[i]!.prepare(trx, {
					atelierId: ref.atelierId,
					actorId: actor.id
				});
				const cols = Object.keys(prepared.row).sort();
				if (!known.has(row.type))
					known.set(row.type, await existingKeys(trx, row.type, report.id, cols));
				const key = keyOf(
					prepared.row,
					cols,
					prepared.organisationIds ? [...prepared.organisationIds].sort((a, b) => a - b) : undefined
				);
				if (known.get(row.type)!.has(key)) {
					result.skipped++;
					continue;
				}
				await insertRecord(trx, actor.id, report, row.type, prepared);
				known.get(row.type)!.add(key);
				result.created++;
			} catch (e) {
				if (!(e instanceof ValidationError)) throw e;
				problems.push(...problemsOf(row, e));
			}
		}
		if (problems.length) throw new ImportProblems(sortProblems(problems));
		return result;
	});
}

export { ActionError };
