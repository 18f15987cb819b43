import type { Kysely, Transaction } from 'kysely';
import type { SessionUser } from '../auth/guards';
import type { Database } from '../db/types';
import { DEFINITIONS } from '../records/definitions';
import { ActionError, ValidationError } from '../errors';
import { insertRecord, parseRecord } from '../records/service';
import { assertWriter, openForEdit, type QuarterRef } from '../reports/report';
import type { RecordType } from '../../records/fields';
import { openTemplate, readRows, type SheetRow } from './read';

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

/** At most this many problems are listed; the message counts the rest (a page stays small). */
export const MAX_LISTED_PROBLEMS = 200;

/** Thrown when rows have problems: nothing was stored. `problems` holds the first 200. */
export class ImportProblems extends Error {
	readonly problems: Problem[];
	readonly total: number;
	constructor(problems: Problem[]) {
		const rest = problems.length - MAX_LISTED_PROBLEMS;
		super(
			rest > 0
				? `${problems.length.toLocaleString('nl-NL')} problemen gevonden; er is niets opgeslagen. Hieronder de eerste ${MAX_LISTED_PROBLEMS}; nog ${rest.toLocaleString('nl-NL')} andere worden niet getoond.`
				: `${problems.length} problemen gevonden; er is niets opgeslagen.`
		);
		this.problems = problems.slice(0, MAX_LISTED_PROBLEMS);
		this.total = problems.length;
	}
}

/** Imports read and store one at a time per process, at most this many at once. */
export const MAX_CONCURRENT_IMPORTS = 2;
/** More waiting than this are refused with BUSY instead of queueing without end. */
const MAX_WAITING_IMPORTS = 4;
export const BUSY =
	'Er worden nu al meer bestanden tegelijk ingelezen. Probeer het over een minuut opnieuw.';

/** Thrown when too many imports are running and waiting in this process. */
export class ImportBusy extends Error {
	constructor() {
		super(BUSY);
	}
}

let running = 0;
const waiting: (() => void)[] = [];

/** Runs `work` when fewer than MAX_CONCURRENT_IMPORTS run; refuses when too many wait. */
export async function withImportSlot<T>(work: () => Promise<T>): Promise<T> {
	if (running >= MAX_CONCURRENT_IMPORTS) {
		if (waiting.length >= MAX_WAITING_IMPORTS) throw new ImportBusy();
		await new Promise<void>((resolve) => waiting.push(resolve));
	} else running++;
	try {
		return await work();
	} finally {
		const next = waiting.shift();
		if (next) next();
		else running--;
	}
}

function problemsOf(
	row: SheetRow,
	e: ValidationError | { errors: Record<string, string> }
): Problem[] {
	return Object.entries(e.errors)
		.filter(([field]) => field !== 'suggestion')
		.map(([field, message]) => ({
			sheet: row.sheet,
			row: row.row,
			column: row.headers[field] ?? '',
			message
		}));
}

/** A comparable key of a prepared record: its column values (and organisations). */
function keyOf(row: Record<string, unknown>, columns: string[], organisations?: number[]): string {
	return JSON.stringify([columns.map((c) => row[c] ?? null), organisations ?? null]);
}

async function existingKeys(
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

	return db.transaction().execute(async (trx) => {
		const report = await openForEdit(trx, actor, ref);
		const known = new Map<RecordType, Set<string>>();
		const result: ImportResult = { created: 0, skipped: 0 };
		for (const [i, row] of rows.entries()) {
			try {
				const def = DEFINITIONS[row.type];
				const prepared = await def.prepare(
					trx,
					{ atelierId: ref.atelierId, actorId: actor.id },
					parsed[i]!
				);
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
				await insertRecord(trx, actor.id, report, row.type, parsed[i]!);
				known.get(row.type)!.add(key);
				result.created++;
			} catch (e) {
				if (!(e instanceof ValidationError)) throw e;
				problems.push(...problemsOf(row, e));
			}
		}
		if (problems.length) throw new ImportProblems(problems);
		return result;
	});
}

export { ActionError };
