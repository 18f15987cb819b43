import type { Transaction } from 'kysely';
import { recordAudit } from '../audit/index';
import type { SessionUser } from '../auth/guards';
import { assertCan } from '../auth/policy';
import type { Database, QuarterReport, ReportStatus } from '../db/types';
import { ActionError } from '../errors';

/** A quarter of an atelier: what every record, form and import belongs to. */
export interface QuarterRef {
	atelierId: number;
	quarter: string;
}

/** Statuses in which the records of a quarter may be changed. */
export const EDITABLE: readonly ReportStatus[] = ['concept', 'teruggestuurd'];

export const LOCKED_MESSAGE: Record<string, string> = {
	ingediend:
		'Dit kwartaal is ingediend en kan niet meer worden gewijzigd, tenzij het wordt teruggestuurd.',
	goedgekeurd:
		'Dit kwartaal is goedgekeurd en daarmee afgesloten. Alleen management kan het heropenen.'
};

export function assertWriter(actor: SessionUser, atelierId: number): void {
	assertCan(actor, 'atelier.write', { atelierId });
}

/** Writes one status change to report_status_history and the audit trail. */
export async function recordTransition(
	trx: Transaction<Database>,
	actorId: number,
	report: QuarterReport,
	to: ReportStatus,
	comment: string | null,
	action: string
): Promise<void> {
	await trx
		.insertInto('report_status_history')
		.values({
			report_id: report.id,
			from_status: report.status,
			to_status: to,
			actor_user_id: actorId,
			comment
		})
		.execute();
	await recordAudit(trx, {
		actorId,
		entity: 'quarter_report',
		entityId: report.id,
		atelierId: report.atelier_id,
		action,
		before: { quarter: report.quarter, status: report.status },
		after: { quarter: report.quarter, status: to, comment }
	});
}

/** The report row locked for this transaction, created (as concept) when it does not exist yet. */
export async function lockReport(
	trx: Transaction<Database>,
	actorId: number,
	ref: QuarterRef
): Promise<QuarterReport> {
	const inserted = await trx
		.insertInto('quarter_reports')
		.values({ atelier_id: ref.atelierId, quarter: ref.quarter })
		.onConflict((oc) => oc.columns(['atelier_id', 'quarter']).doNothing())
		.returningAll()
		.executeTakeFirst();
	if (inserted) {
		await trx
			.insertInto('report_status_history')
			.values({
				report_id: inserted.id,
				from_status: null,
				to_status: 'concept',
				actor_user_id: actorId
			})
			.execute();
		await recordAudit(trx, {
			actorId,
			entity: 'quarter_report',
			entityId: inserted.id,
			atelierId: ref.atelierId,
			action: 'create',
			after: { quarter: ref.quarter, status: 'concept' }
		});
	}
	return trx
		.selectFrom('quarter_reports')
		.selectAll()
		.where('atelier_id', '=', ref.atelierId)
		.where('quarter', '=', ref.quarter)
		.forUpdate()
		.executeTakeFirstOrThrow();
}

/**
 * Opens a quarter for a change to its records: checks the actor, creates and locks the report,
 * refuses a submitted or approved quarter, and turns a returned report back into a concept (without
 * a new version: the status change does not invalidate forms opened on the returned report).
 */
export async function openForEdit(
	trx: Transaction<Database>,
	actor: SessionUser,
	ref: QuarterRef
): Promise<QuarterReport> {
	assertWriter(actor, ref.atelierId);
	const report = await lockReport(trx, actor.id, ref);
	if (!EDITABLE.includes(report.status)) throw new ActionError(LOCKED_MESSAGE[report.status], 409);
	if (report.status === 'teruggestuurd') {
		await recordTransition(trx, actor.id, report, 'concept', null, 'edit_returned');
		return trx
			.updateTable('quarter_reports')
			.set({ status: 'concept', updated_at: new Date() })
			.where('id', '=', report.id)
			.returningAll()
			.executeTakeFirstOrThrow();
	}
	return report;
}
