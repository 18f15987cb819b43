import { sql, type Kysely } from 'kysely';
import type { SessionUser } from '../auth/guards';
import { assertCan } from '../auth/policy';
import { recordAudit } from '../audit/index';
import type { Database } from '../db/types';
import type { DashboardSelection } from '../metrics/dashboard';
import { exportFileName, type ReportAudience } from '../exports/report-data';
import { generateReport } from './generate';

export interface FixedOutcome {
	id: number;
	version: number;
}

/** "Jaarbeeld WSD Zuyd 2020-2022 VWS versie 2.pdf" and "… VWS versie 2.xlsx". */
export function fixedFileNames(
	shortName: string,
	from: string,
	to: string,
	audience: ReportAudience,
	version: number
): { pdf: string; xlsx: string } {
	const pdf = exportFileName(shortName, from, to, audience).replace(/\.pdf$/, ` versie ${version}`);
	return { pdf: `${pdf}.pdf`, xlsx: `${pdf}.xlsx` };
}

/**
 * Fixes ("vaststellen") the report of a selection for an audience: generates the PDF and the
 * workbook, then stores them with their hashes, the engine's result and the data status as the
 * next version for the period and audience. The files are made outside the writing transaction
 * (they take a while); the version is taken under an advisory lock per period and audience, so two
 * managers fixing the same period at once get two versions, never the same one twice (the unique
 * constraint backs this up).
 */
export async function fixReport(
	db: Kysely<Database>,
	user: SessionUser,
	selection: DashboardSelection,
	audience: ReportAudience
): Promise<FixedOutcome> {
	assertCan(user, 'fixedReports.fix');
	const made = await generateReport(db, user, selection, audience);
	const { data } = made;
	const { from, to } = data.metrics;
	return db.transaction().execute(async (trx) => {
		await sql`select pg_advisory_xact_lock(hashtext(${`fixed_reports|${from}|${to}|${audience}`}))`.execute(
			trx
		);
		const last = await trx
			.selectFrom('fixed_reports')
			.select((eb) => eb.fn.max('version').as('version'))
			.where('period_from', '=', from)
			.where('period_to', '=', to)
			.where('audience', '=', audience)
			.executeTakeFirst();
		const version = Number(last?.version ?? 0) + 1;
		const names = fixedFileNames(data.werkplaats.shortName, from, to, audience, version);
		const row = await trx
			.insertInto('fixed_reports')
			.values({
				period_from: from,
				period_to: to,
				audience,
				version,
				selection: JSON.stringify(data.selection),
				query: JSON.stringify(data.query),
				pdf: made.pdf,
				pdf_sha256: made.pdfSha256,
				pdf_name: names.pdf,
				xlsx: made.xlsx,
				xlsx_sha256: made.xlsxSha256,
				xlsx_name: names.xlsx,
				metrics: JSON.stringify(data.metrics),
				open_quarters: JSON.stringify(data.metrics.openQuarters),
				narrative: JSON.stringify({
					foreword: made.narrative.foreword,
					outlook: made.narrative.outlook,
					highlights: made.narrative.highlights,
					explanations: made.narrative.explanations,
					version: made.narrative.version
				}),
				fixed_by: user.id,
				fixed_by_name: user.name,
				fixed_at: made.asOf
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await recordAudit(trx, {
			actorId: user.id,
			entity: 'fixed_report',
			entityId: row.id,
			action: 'fix',
			after: {
				period: `${from}-${to}`,
				audience,
				version,
				pdf_sha256: made.pdfSha256,
				xlsx_sha256: made.xlsxSha256
			}
		});
		return { id: row.id, version };
	});
}
