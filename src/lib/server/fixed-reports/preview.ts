import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/guards';
import { assertCan } from '../auth/policy';
import type { Database } from '../db/types';
import { reportModel } from '../exports/pdf';
import { loadReportData, type ReportAudience } from '../exports/report-data';
import type { DashboardSelection } from '../metrics/dashboard';
import { getDifferenceThreshold, getNarrative, narrativeFormValues } from './narrative';

/**
 * The preview of a report before it is fixed (/rapporten/nieuw): the report as HTML, exactly as
 * the PDF will print it (approved data only), the narrative's form values and what is missing.
 */
export async function reportPreview(
	db: Kysely<Database>,
	user: SessionUser,
	selection: DashboardSelection,
	audience: ReportAudience
) {
	assertCan(user, 'reportNarrative.write');
	const data = await loadReportData(db, user, selection, { approvedOnly: true });
	const key = { from: data.metrics.from, to: data.metrics.to, audience };
	const [narrative, threshold] = await Promise.all([
		getNarrative(db, key),
		getDifferenceThreshold(db)
	]);
	const model = await reportModel(db, data, audience, narrative);
	return {
		selection,
		audience,
		model,
		narrative: {
			values: narrativeFormValues(narrative),
			version: narrative.version,
			highlights: narrative.highlights.length,
			updatedAt: narrative.updatedAt
		},
		threshold,
		// the indicators whose difference needs an explanation, in the table's order
		toExplain: model.plan.rows.filter((r) => r.beyond)
	};
}
