import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/guards';
import type { Database } from '../db/types';
import type { ReportAudience } from '../exports/report-data';
import { hasChangedSinceFix } from './changes';
import { latestFixedForPeriod } from './store';

export interface FixedReportNotice {
	id: number;
	audience: ReportAudience;
	version: number;
	fixedAt: string;
}

/**
 * For the dashboard of exactly a fixed report's period: the newest fixed report per audience (that
 * the user may read) whose data changed since it was fixed.
 */
export async function changedFixedReports(
	db: Kysely<Database>,
	user: SessionUser,
	from: string,
	to: string
): Promise<FixedReportNotice[]> {
	const reports = await latestFixedForPeriod(db, user, from, to);
	const changed = await Promise.all(reports.map((r) => hasChangedSinceFix(db, r)));
	return reports
		.filter((_, i) => changed[i])
		.map((r) => ({ id: r.id, audience: r.audience, version: r.version, fixedAt: r.fixedAt }));
}
