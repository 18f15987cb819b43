// A 500-row quarter import through importTemplate (the real template, validation, set-based
// inserts), against the same rows stored row by row with insertRecord as the import did before
// issue 15; and the time of a save to another atelier while such an import runs, with today's
// per-report versions and with the single version row of before. Used by scripts/bench.ts.
import ExcelJS from 'exceljs';
import { sql, type Kysely } from 'kysely';
import type { PassThrough } from 'node:stream';
import type { SessionUser } from '../src/lib/server/auth/guards';
import type { Database } from '../src/lib/server/db/types';
import { importTemplate } from '../src/lib/server/import/import';
import { writeTemplate } from '../src/lib/server/import/template';
import { insertRecord, parseRecord, saveRecord } from '../src/lib/server/records/service';
import { openForEdit } from '../src/lib/server/reports/report';
import { oldInvalidation } from './bench-saves';

const ROWS = 500;
const QUARTERS = ['2027Q2', '2027Q3', '2027Q4'];

async function collect(stream: PassThrough): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
	return Buffer.concat(chunks);
}

function row(i: number, month: number): unknown[] {
	return [
		new Date(Date.UTC(2027, month, 1 + (i % 28))),
		`Import ${i}`,
		'workshop',
		'nee',
		10 + (i % 30),
		2,
		3
	];
}

async function filledTemplate(
	db: Kysely<Database>,
	atelier: { id: number; slug: string; name: string },
	quarter: string,
	month: number
): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load((await collect(await writeTemplate(db, atelier, quarter))) as never);
	const ws = wb.getWorksheet('Bijeenkomsten')!;
	for (let i = 0; i < ROWS; i++) ws.getRow(i + 2).values = row(i, month) as ExcelJS.CellValue[];
	return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function importRunning(db: Kysely<Database>): Promise<boolean> {
	const { rows } = await sql`select 1 from pg_locks l join pg_class c on c.oid = l.relation
		where c.relname = 'quarter_reports' and l.mode = 'RowExclusiveLock'
			and l.pid <> pg_backend_pid()`.execute(db);
	return rows.length > 0;
}

export interface ImportFigures {
	/** The 500-row import through importTemplate, ms. */
	setBased: number;
	/** The same rows one insert each (how the import stored them before), ms. */
	oneByOne: number;
	/** A save to another atelier while an import runs, ms: now, and with the old invalidation. */
	during: number;
	duringBefore: number;
}

export async function benchImport(
	db: Kysely<Database>,
	actor: SessionUser,
	compareOld = true
): Promise<ImportFigures> {
	const [atelier, other] = await db
		.selectFrom('ateliers')
		.select(['id', 'slug', 'name'])
		.where('active_to', 'is', null)
		.orderBy('id')
		.limit(2)
		.execute();
	const clean = async () => {
		const reports = db.selectFrom('quarter_reports').select('id').where('quarter', 'in', QUARTERS);
		await db.deleteFrom('activities').where('report_id', 'in', reports).execute();
		await db.deleteFrom('quarter_reports').where('quarter', 'in', QUARTERS).execute();
	};
	await clean();
	try {
		// a typical report: as many records of each kind as the bench's reports hold on average
		// (the import adds to them; the summary work grows with what the report holds)
		await sql`insert into quarter_reports (atelier_id, quarter, status)
			values (${atelier.id}, ${QUARTERS[0]}, 'concept')`.execute(db);
		await sql`insert into activities (report_id, date, title, kind, participants_total, location_id)
			select r.id, '2027-04-02', 'Bestaand ' || i, 'workshop', 10, 1 + i % 60
			from quarter_reports r,
				generate_series(1, (select (count(*) / greatest(1, count(distinct report_id)))::int
					from activities)) i
			where r.atelier_id = ${atelier.id} and r.quarter = ${QUARTERS[0]}`.execute(db);
		const file = await filledTemplate(db, atelier, QUARTERS[0], 3);
		let start = performance.now();
		await importTemplate(
			db,
			actor,
			{ atelierId: atelier.id, quarter: QUARTERS[0], ...atelier },
			file
		);
		const setBased = performance.now() - start;

		// the same 500 rows, one insert each (what the import did before)
		const rowByRow = (quarter: string, month: number) =>
			db.transaction().execute(async (trx) => {
				const report = await openForEdit(trx, actor, { atelierId: atelier.id, quarter });
				for (let i = 0; i < ROWS; i++) {
					const [date, title, kind, , total, professionals, bewoners] = row(i, month);
					const parsed = parseRecord('activity', quarter, {
						date: (date as Date).toISOString().slice(0, 10),
						title,
						kind,
						participants_total: String(total),
						professionals: String(professionals),
						bewoners: String(bewoners)
					});
					const prepared = await parsed.prepare(trx, { atelierId: atelier.id, actorId: actor.id });
					await insertRecord(trx, actor.id, report, 'activity', prepared);
				}
			});
		start = performance.now();
		await rowByRow(QUARTERS[1], 6);
		const oneByOne = performance.now() - start;
		console.log(
			`import van ${ROWS} bijeenkomsten (importTemplate): ${setBased.toFixed(0)} ms; dezelfde rijen één voor één (insertRecord, zoals voorheen): ${oneByOne.toFixed(0)} ms`
		);

		// a save to another atelier while an import runs: now (set-based import, per-report
		// versions) and as before (row by row, with the single version row recreated)
		const during: Record<string, number> = {};
		for (const mode of compareOld ? (['nu', 'voorheen'] as const) : (['nu'] as const)) {
			await oldInvalidation(db, mode === 'voorheen');
			await clean();
			const big = mode === 'nu' ? await filledTemplate(db, atelier, QUARTERS[2], 9) : null;
			const running = big
				? importTemplate(
						db,
						actor,
						{ atelierId: atelier.id, quarter: QUARTERS[2], ...atelier },
						big
					)
				: rowByRow(QUARTERS[2], 9);
			// wait until the import is in its transaction (it holds its report's insert lock)
			for (let waited = 0; waited < 10_000 && !(await importRunning(db)); waited += 5)
				await new Promise((resolve) => setTimeout(resolve, 5));
			start = performance.now();
			await saveRecord(
				db,
				actor,
				{ atelierId: other.id, quarter: QUARTERS[2] },
				'activity',
				{ id: null, version: null },
				{ date: '2027-11-02', title: 'Tijdens import', kind: 'workshop', participants_total: '5' }
			);
			during[mode] = performance.now() - start;
			await running;
		}
		console.log(
			`opslaan in een ander atelier tijdens een import van ${ROWS} rijen: ${during.nu.toFixed(0)} ms (nu)` +
				(compareOld
					? `; ${during.voorheen.toFixed(0)} ms (voorheen: rij voor rij, één versierij)`
					: '')
		);
		return { setBased, oneByOne, during: during.nu, duringBefore: during.voorheen ?? NaN };
	} finally {
		await oldInvalidation(db, false);
		await clean();
	}
}
