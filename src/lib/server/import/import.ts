import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/guards';
import type { Database } from '../db/types';
import { ActionError, ValidationError } from '../errors';
import type { ParsedRecord } from '../records/definitions';
import { parseRecord } from '../records/service';
import { assertWriter, openForEdit, type QuarterRef } from '../reports/report';
import { withImportSlot } from './slots';
import { storeRows } from './store';
import { ImportProblems, problemsOf, type ImportResult, type Problem } from './problems';

export { ImportProblems, MAX_LISTED_PROBLEMS, type ImportResult, type Problem } from './problems';
import { openTemplate, readRows } from './read';

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
	return withImportSlot(() => importSlotted(db, actor, ref, bytes));
}

async function importSlotted(
	db: Kysely<Database>,
	actor: SessionUser,
	ref: QuarterRef & { slug: string },
	bytes: Uint8Array
): Promise<ImportResult> {
	const wb = await openTemplate(bytes, ref);
	const rows = readRows(wb);
	if (rows.length === 0)
		throw new ImportProblems([
			{ sheet: '', row: 0, column: '', message: 'Het bestand bevat geen ingevulde regels.' }
		]);
	const problems: Problem[] = [];
	const parsed = rows.map((row) => {
		try {
			const record = parseRecord(row.type, ref.quarter, row.values);
			if (Object.keys(row.unreadable).length) {
				problems.push(...problemsOf(row, { errors: row.unreadable }));
				return null;
			}
			return record;
		} catch (e) {
			if (!(e instanceof ValidationError)) throw e;
			// an unreadable cell's own reason, not "vul een getal in" about the '' it was read as
			problems.push(...problemsOf(row, { errors: { ...e.errors, ...row.unreadable } }));
			return null;
		}
	});
	if (problems.length) throw new ImportProblems(problems);

	// Rows are checked one by one and then stored set-based, one insert per kind: the summary
	// triggers then refresh the report a few times instead of once per row.
	return db.transaction().execute(async (trx) => {
		const report = await openForEdit(trx, actor, ref);
		return storeRows(trx, actor.id, report, rows, parsed as ParsedRecord[]);
	});
}

export { ActionError };
export { BUSY, ImportBusy, MAX_CONCURRENT_IMPORTS, withImportSlot } from './slots';
