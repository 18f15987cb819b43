import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/guards';
import type { Database } from '../db/types';
import type { DashboardSelection } from '../metrics/dashboard';
import { renderReport } from './pdf';
import {
	contentDisposition,
	exportFileName,
	loadReportData,
	type ReportAudience
} from './report-data';
import { workbookStream } from './xlsx';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The workbook for a user's selection, streamed: same ateliers and data scope as the user's
 * dashboard (council: approved only; kartrekker: own ateliers only).
 */
export async function workbookResponse(
	db: Kysely<Database>,
	user: SessionUser,
	selection: DashboardSelection
): Promise<Response> {
	const data = await loadReportData(db, user, selection);
	const name = exportFileName(
		data.werkplaats.shortName,
		data.metrics.from,
		data.metrics.to,
		'xlsx'
	);
	return new Response(workbookStream(db, data), {
		headers: {
			'Content-Type': XLSX_TYPE,
			'Content-Disposition': contentDisposition(name),
			'Cache-Control': 'no-store'
		}
	});
}

/** The PDF report for VWS or the programme council: approved data only, for every role. */
export async function reportResponse(
	db: Kysely<Database>,
	user: SessionUser,
	selection: DashboardSelection,
	audience: ReportAudience
): Promise<Response> {
	const data = await loadReportData(db, user, selection, { approvedOnly: true });
	const pdf = await renderReport(db, data, audience);
	const name = exportFileName(
		data.werkplaats.shortName,
		data.metrics.from,
		data.metrics.to,
		audience
	);
	return new Response(new Uint8Array(pdf), {
		headers: {
			'Content-Type': 'application/pdf',
			'Content-Disposition': contentDisposition(name),
			'Content-Length': String(pdf.length),
			'Cache-Control': 'no-store'
		}
	});
}
