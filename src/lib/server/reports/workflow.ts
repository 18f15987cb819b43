import type { Kysely, Transaction } from 'kysely';
import type { SessionUser } from '../auth/guards';
import type { Database, QuarterReport, ReportStatus } from '../db/types';
import { ActionError, ValidationError } from '../errors';
import { assertCan } from '../auth/policy';
import { notifyTransition } from '../notifications/events';
import { lockReport, recordTransition, type QuarterRef } from './report';

export type Transition = 'submit' | 'approve' | 'return' | 'reopen';

const RULES: Record<
	Transition,
	{ from: readonly ReportStatus[]; to: ReportStatus; comment: boolean }
> = {
	submit: {
		from: ['concept', 'teruggestuurd'],
		to: 'ingediend',
		comment: false
	},
	approve: { from: ['ingediend'], to: 'goedgekeurd', comment: false },
	return: { from: ['ingediend'], to: 'teruggestuurd', comment: true },
	reopen: { from: ['goedgekeurd'], to: 'concept', comment: true }
};

const REFUSED: Record<Transition, string> = {
	submit: 'Alleen een concept of teruggestuurde rapportage kan worden ingediend.',
	approve: 'Alleen een ingediende rapportage kan worden goedgekeurd.',
	return: 'Alleen een ingediende rapportage kan worden teruggestuurd.',
	reopen: 'Alleen een goedgekeurde rapportage kan worden heropend.'
};

const COMMENT_MISSING: Partial<Record<Transition, string>> = {
	return: 'Schrijf erbij wat er moet worden aangepast.',
	reopen: 'Schrijf erbij waarom het kwartaal wordt heropend.'
};

/** Number of records in a report, over all record tables. */
export async function recordCount(db: Kysely<Database> | Transaction<Database>, reportId: number) {
	const tables = [
		'activities',
		'student_participations',
		'partner_involvements',
		'publications',
		'reach',
		'highlights'
	] as const;
	let total = 0;
	for (const table of tables) {
		const row = await db
			.selectFrom(table)
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('report_id', '=', reportId)
			.executeTakeFirstOrThrow();
		total += Number(row.n);
	}
	return total;
}

/**
 * Moves a quarter report along the workflow. `version` is the report version the user saw: a
 * report changed meanwhile is refused. Every transition goes into report_status_history and the
 * audit trail, in the same transaction.
 */
export async function transition(
	db: Kysely<Database>,
	actor: SessionUser,
	ref: QuarterRef,
	kind: Transition,
	input: { version: number; comment?: string }
): Promise<QuarterReport> {
	const rule = RULES[kind];
	assertCan(actor, `quarter.${kind}`, { atelierId: ref.atelierId });
	const comment = (input.comment ?? '').trim();
	if (rule.comment && !comment) throw new ValidationError({ comment: COMMENT_MISSING[kind]! });
	if (comment.length > 4000) throw new ValidationError({ comment: 'Maximaal 4000 tekens.' });
	return db.transaction().execute(async (trx) => {
		const report = await lockReport(trx, actor.id, ref);
		if (report.version !== input.version)
			throw new ActionError(
				'De rapportage is intussen gewijzigd. Bekijk de huidige stand en probeer het opnieuw.',
				409
			);
		if (!rule.from.includes(report.status)) throw new ActionError(REFUSED[kind], 409);
		if (kind === 'submit' && !report.no_activities && (await recordCount(trx, report.id)) === 0)
			throw new ActionError(
				'Dit kwartaal is nog leeg. Voeg gegevens toe, of vink “geen activiteiten dit kwartaal” aan en sla dat op.',
				400
			);
		await recordTransition(trx, actor.id, report, rule.to, comment || null, kind);
		// Notifications and their e-mail jobs commit (or roll back) with the step itself.
		await notifyTransition(trx, actor, report, kind, comment);
		return trx
			.updateTable('quarter_reports')
			.set((eb) => ({
				status: rule.to,
				version: eb('version', '+', 1),
				updated_at: new Date(),
				...(kind === 'return' ? { return_comment: comment } : {}),
				...(kind === 'approve' ? { return_comment: null } : {})
			}))
			.where('id', '=', report.id)
			.returningAll()
			.executeTakeFirstOrThrow();
	});
}
