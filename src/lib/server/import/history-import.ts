import type { Kysely, Transaction } from 'kysely';
import { quarterLabel, quarterOfDate } from '../../quarters';
import { readQuarter } from '../ateliers/forms';
import { recordAudit } from '../audit/index';
import type { SessionUser } from '../auth/guards';
import { assertCan } from '../auth/policy';
import { lockSetUp } from '../db/locks';
import type { Atelier, Database, QuarterReport } from '../db/types';
import { parseInput, ValidationError } from '../errors';
import { createMemo, type ParsedRecord } from '../records/definitions';
import { DEFINITIONS } from '../records/kinds';
import { reportDetailsSchema } from '../records/schemas';
import { parseRecord } from '../records/service';
import { lockReport, recordTransition } from '../reports/report';
import { today } from '../today';
import type { RecordType } from '../../records/fields';
import { openHistoryWorkbook, readHistoryRows, type HistoryRow } from './history-sheets';
import { ImportProblems, type Problem } from './problems';
import type { SheetRow } from './read';
import { withImportSlot } from './slots';
import { existingKeys, keyOf, storeRows } from './store';

// The werkplaats-wide import of earlier years. Every row is checked first with the schemas of the
// quarter forms and import; then every quarter is written in one transaction, or nothing. An
// imported quarter is approved at once, with a history entry naming the importing manager. A
// quarter that already holds data is never touched: when the file's rows for it are all there
// already (the same file uploaded again) they are skipped, otherwise the whole file is refused.

export const HISTORY_COMMENT = 'ingelezen uit historische gegevens';

export interface HistoryResult {
	quarters: number;
	created: number;
	skipped: number;
}

interface Checked {
	row: HistoryRow;
	atelier: Atelier;
	quarter: string;
	/** A record row, validated by its kind's schema. */
	parsed?: ParsedRecord;
	/** A row of the Kwartalen sheet. */
	details?: { network_members: number | null; no_activities: boolean };
}

const problem = (row: HistoryRow, column: string, message: string): Problem => ({
	sheet: row.sheet,
	row: row.row,
	column,
	message
});

function problemsOf(row: HistoryRow, e: ValidationError): Problem[] {
	return Object.entries(e.errors)
		.filter(([field]) => field !== 'suggestion')
		.map(([field, message]) => problem(row, row.headers[field] ?? '', message));
}

/** Atelier, quarter and fields of every row; the problems of all rows at once. */
async function checkRows(db: Kysely<Database>, rows: HistoryRow[]): Promise<Checked[]> {
	const ateliers = await db.selectFrom('ateliers').selectAll().execute();
	const find = (text: string) => {
		const t = text.trim().toLowerCase();
		return ateliers.find((a) => a.slug === t) ?? ateliers.find((a) => a.name.toLowerCase() === t);
	};
	const current = quarterOfDate(today());
	const problems: Problem[] = [];
	const checked: Checked[] = [];
	for (const row of rows) {
		const atelierColumn = row.headers._atelier;
		const quarterColumn = row.headers._quarter;
		const atelier = find(row.atelier);
		const quarter = readQuarter(row.quarter);
		if (!atelier)
			problems.push(
				problem(
					row,
					atelierColumn,
					row.atelier
						? `Onbekend atelier “${row.atelier}”. Gebruik de naam of het adres uit de lijst.`
						: 'Vul het atelier in.'
				)
			);
		if (!quarter)
			problems.push(problem(row, quarterColumn, 'Vul een kwartaal in, zoals 2022Q4 of K4 2022.'));
		else if (quarter >= current)
			problems.push(
				problem(
					row,
					quarterColumn,
					`${quarterLabel(quarter)} is nog niet voorbij; lees alleen eerdere kwartalen in.`
				)
			);
		else if (
			atelier &&
			(quarter < atelier.active_from || (atelier.active_to !== null && quarter > atelier.active_to))
		)
			problems.push(
				problem(
					row,
					quarterColumn,
					`${quarterLabel(quarter)} valt buiten de actieve periode van ${atelier.name} (${quarterLabel(atelier.active_from)} – ${atelier.active_to ? quarterLabel(atelier.active_to) : 'heden'}).`
				)
			);
		try {
			const input =
				row.type === 'details'
					? { details: parseInput(reportDetailsSchema, row.values) }
					: { parsed: parseRecord(row.type, quarter ?? '2000Q1', row.values) };
			if (Object.keys(row.unreadable).length)
				problems.push(...problemsOf(row, new ValidationError(row.unreadable)));
			else if (atelier && quarter) checked.push({ row, atelier, quarter, ...input });
		} catch (e) {
			if (!(e instanceof ValidationError)) throw e;
			// an unreadable cell's own reason, not "vul een getal in" about the '' it was read as
			problems.push(...problemsOf(row, new ValidationError({ ...e.errors, ...row.unreadable })));
		}
	}
	if (problems.length) throw new ImportProblems(problems);
	return checked;
}

async function isEmpty(trx: Transaction<Database>, report: QuarterReport): Promise<boolean> {
	if (report.network_members !== null || report.no_activities) return false;
	for (const def of Object.values(DEFINITIONS)) {
		const found = await trx
			.selectFrom(def.table as 'publications')
			.select('id')
			.where('report_id', '=', report.id)
			.executeTakeFirst();
		if (found) return false;
	}
	return true;
}

/** The row's comparable key in a report (what the quarter import uses to skip known rows). */
async function rowKey(trx: Transaction<Database>, actorId: number, c: Checked) {
	const prepared = await c.parsed!.prepare(trx, {
		atelierId: c.atelier.id,
		actorId,
		memo: createMemo()
	});
	const cols = Object.keys(prepared.row).sort();
	const orgs = prepared.organisationIds
		? [...prepared.organisationIds].sort((a, b) => a - b)
		: undefined;
	return { cols, key: keyOf(prepared.row, cols, orgs) };
}

/** Whether every row of the file for this quarter is in it already (the same file again). */
async function alreadyThere(
	trx: Transaction<Database>,
	actorId: number,
	report: QuarterReport,
	rows: Checked[]
): Promise<boolean> {
	for (const c of rows) {
		if (c.details) {
			if (
				c.details.network_members !== report.network_members ||
				c.details.no_activities !== report.no_activities
			)
				return false;
			continue;
		}
		const { cols, key } = await rowKey(trx, actorId, c);
		const type = c.row.type as RecordType;
		if (!(await existingKeys(trx, type, report.id, cols)).has(key)) return false;
	}
	return true;
}

/** Reads a filled-in history workbook into approved quarters, all or nothing. */
export async function importHistory(
	db: Kysely<Database>,
	actor: SessionUser,
	bytes: Uint8Array
): Promise<HistoryResult> {
	assertCan(actor, 'history.import');
	return withImportSlot(() => importSlotted(db, actor, bytes));
}

async function importSlotted(
	db: Kysely<Database>,
	actor: SessionUser,
	bytes: Uint8Array
): Promise<HistoryResult> {
	const rows = readHistoryRows(await openHistoryWorkbook(bytes));
	if (rows.length === 0)
		throw new ImportProblems([
			{ sheet: '', row: 0, column: '', message: 'Het bestand bevat geen ingevulde regels.' }
		]);
	const checked = await checkRows(db, rows);
	const groups = new Map<string, Checked[]>();
	for (const c of checked) {
		const key = `${c.atelier.id}/${c.quarter}`;
		groups.set(key, [...(groups.get(key) ?? []), c]);
	}

	return db.transaction().execute(async (trx) => {
		await lockSetUp(trx, 'history');
		const problems: Problem[] = [];
		const result: HistoryResult = { quarters: 0, created: 0, skipped: 0 };
		const imported: string[] = [];
		for (const group of groups.values()) {
			const { atelier, quarter } = group[0];
			const existing = await trx
				.selectFrom('quarter_reports')
				.selectAll()
				.where('atelier_id', '=', atelier.id)
				.where('quarter', '=', quarter)
				.forUpdate()
				.executeTakeFirst();
			if (existing && !(await isEmpty(trx, existing))) {
				if (await alreadyThere(trx, actor.id, existing, group)) {
					result.skipped += group.length;
					continue;
				}
				problems.push(
					problem(
						group[0].row,
						'',
						`${atelier.name}, ${quarterLabel(quarter)} bevat al gegevens (status ${existing.status}) en wordt niet overschreven. Haal de regels van dit kwartaal uit het bestand.`
					)
				);
				continue;
			}
			const report = await lockReport(trx, actor.id, { atelierId: atelier.id, quarter });
			for (const c of group)
				if (c.details) {
					await trx
						.updateTable('quarter_reports')
						.set(c.details)
						.where('id', '=', report.id)
						.execute();
					result.created++;
				}
			const records = group.filter((c) => c.parsed);
			try {
				// the quarter import's own storing: the same checks, skips and audit entries
				const stored = await storeRows(
					trx,
					actor.id,
					report,
					records.map((c) => c.row as SheetRow),
					records.map((c) => c.parsed!)
				);
				result.created += stored.created;
				result.skipped += stored.skipped;
			} catch (e) {
				if (!(e instanceof ImportProblems)) throw e;
				problems.push(...e.problems);
				continue;
			}
			await trx
				.updateTable('quarter_reports')
				.set((eb) => ({
					status: 'goedgekeurd',
					return_comment: null,
					version: eb('version', '+', 1),
					updated_at: new Date()
				}))
				.where('id', '=', report.id)
				.execute();
			await recordTransition(
				trx,
				actor.id,
				report,
				'goedgekeurd',
				HISTORY_COMMENT,
				'history_import'
			);
			result.quarters++;
			imported.push(`${atelier.slug} ${quarter}`);
		}
		if (problems.length) throw new ImportProblems(problems);
		// the same file again: nothing new, nothing written
		if (result.quarters > 0)
			await recordAudit(trx, {
				actorId: actor.id,
				entity: 'history_import',
				entityId: imported[0] ?? 'niets',
				action: 'import',
				after: { ...result, imported }
			});
		return result;
	});
}
