import type { Kysely } from 'kysely';
import type { Database, ReportStatus } from '../db/types';

export interface HistoryEntry {
	from: ReportStatus | null;
	to: ReportStatus;
	by: string | null;
	comment: string | null;
	at: string;
}

export async function reportHistory(
	db: Kysely<Database>,
	reportId: number
): Promise<HistoryEntry[]> {
	const rows = await db
		.selectFrom('report_status_history as h')
		.leftJoin('app_users as u', 'u.id', 'h.actor_user_id')
		.select(['h.from_status', 'h.to_status', 'h.comment', 'h.at', 'u.name'])
		.where('h.report_id', '=', reportId)
		.orderBy('h.at', 'desc')
		.orderBy('h.id', 'desc')
		.execute();
	return rows.map((r) => ({
		from: r.from_status,
		to: r.to_status,
		by: r.name,
		comment: r.comment,
		at: new Date(r.at).toISOString()
	}));
}
