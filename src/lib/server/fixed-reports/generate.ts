import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import type { SessionUser } from '../auth/guards';
import type { Database } from '../db/types';
import type { DashboardSelection } from '../metrics/dashboard';
import { renderReport } from '../exports/pdf';
import { loadReportData, type ReportAudience, type ReportData } from '../exports/report-data';
import { writeWorkbook } from '../exports/xlsx';
import { getNarrative, type Narrative } from './narrative';

/** What a fixed report keeps: both files as generated, from one consistent view of the data. */
export interface GeneratedReport {
	data: ReportData;
	pdf: Buffer;
	xlsx: Buffer;
	pdfSha256: string;
	xlsxSha256: string;
	/** The narrative (foreword, outlook, highlights, explanations) the PDF was made with. */
	narrative: Narrative;
	/** The moment of the data snapshot the files were made from. */
	asOf: Date;
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Generates the PDF and the workbook of a selection with the exporters as they are, from one
 * REPEATABLE READ snapshot: the numbers in the PDF, the rows in the workbook and the engine result
 * that is stored next to them all see the same data, even while kartrekkers keep writing. Funder
 * editions count approved quarters only, so the workbook does too (whatever the user's own
 * dashboard scope).
 */
export async function generateReport(
	db: Kysely<Database>,
	user: SessionUser,
	selection: DashboardSelection,
	audience: ReportAudience
): Promise<GeneratedReport> {
	return db
		.transaction()
		.setIsolationLevel('repeatable read')
		.execute(async (trx) => {
			// the transaction's start: what the snapshot shows is the data as of this moment
			const { rows } = await sql<{ now: Date | string }>`select now() as now`.execute(trx);
			const asOf = new Date(rows[0].now);
			const data = await loadReportData(trx, user, selection, { approvedOnly: true, now: asOf });
			const narrative = await getNarrative(trx, {
				from: data.metrics.from,
				to: data.metrics.to,
				audience
			});
			const pdf = await renderReport(trx, data, audience, narrative);
			const xlsx = await workbookBytes(trx, data);
			return {
				data,
				pdf,
				xlsx,
				pdfSha256: sha256(pdf),
				xlsxSha256: sha256(xlsx),
				narrative,
				asOf
			};
		});
}

/** The workbook written by the streaming exporter, collected into one buffer. */
async function workbookBytes(db: Kysely<Database>, data: ReportData): Promise<Buffer> {
	const chunks: Buffer[] = [];
	const sink = new Writable({
		write(chunk: Buffer, _encoding, done) {
			chunks.push(Buffer.from(chunk));
			done();
		}
	});
	const finished = new Promise<void>((resolve, reject) => {
		sink.on('finish', resolve);
		sink.on('error', reject);
	});
	await writeWorkbook(db, data, sink);
	await finished;
	return Buffer.concat(chunks);
}
