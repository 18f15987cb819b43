import type { Executor } from '../audit/index';
import type { SessionUser } from '../auth/guards';
import type { QuarterReport } from '../db/types';
import { MESSAGES, quarterPath, reviewPath } from './messages';
import { notifyUsers } from './notify';
import { kartrekkersOf, managers } from './recipients';

type Transition = 'submit' | 'approve' | 'return' | 'reopen';

async function atelierOf(trx: Executor, atelierId: number) {
	return trx
		.selectFrom('ateliers')
		.select(['id', 'slug', 'name'])
		.where('id', '=', atelierId)
		.executeTakeFirstOrThrow();
}

/**
 * The notifications of a workflow step, in the step's own transaction: submitted goes to the
 * managers, returned, approved and reopened to the atelier's kartrekkers (never to the actor).
 */
export async function notifyTransition(
	trx: Executor,
	actor: SessionUser,
	report: Pick<QuarterReport, 'id' | 'atelier_id' | 'quarter'>,
	kind: Transition,
	comment: string
): Promise<void> {
	const atelier = await atelierOf(trx, report.atelier_id);
	const p = { quarter: report.quarter, atelier: atelier.name, actor: actor.name, comment };
	const base = { atelierId: atelier.id, reportId: report.id };
	if (kind === 'submit') {
		await notifyUsers(trx, await managers(trx, actor.id), {
			...base,
			kind: 'submitted',
			...MESSAGES.submitted(p),
			url: reviewPath(atelier.slug, report.quarter)
		});
		return;
	}
	const kartrekkers = await kartrekkersOf(trx, atelier.id, actor.id);
	const url = quarterPath(atelier.slug, report.quarter);
	if (kind === 'approve')
		await notifyUsers(trx, kartrekkers, {
			...base,
			kind: 'approved',
			...MESSAGES.approved(p),
			url
		});
	if (kind === 'return')
		await notifyUsers(trx, kartrekkers, {
			...base,
			kind: 'returned',
			...MESSAGES.returned(p),
			url
		});
	if (kind === 'reopen')
		await notifyUsers(trx, kartrekkers, {
			...base,
			kind: 'reopened',
			...MESSAGES.reopened(p),
			url
		});
}

/** A new comment goes to the other side: a kartrekker's to the managers, management's to the kartrekkers. */
export async function notifyComment(
	trx: Executor,
	actor: SessionUser,
	report: Pick<QuarterReport, 'id' | 'atelier_id' | 'quarter'>,
	comment: { id: number; body: string; about: string | null }
): Promise<void> {
	const atelier = await atelierOf(trx, report.atelier_id);
	const recipients =
		actor.role === 'management'
			? await kartrekkersOf(trx, atelier.id, actor.id)
			: await managers(trx, actor.id);
	await notifyUsers(trx, recipients, {
		kind: 'comment',
		atelierId: atelier.id,
		reportId: report.id,
		...MESSAGES.comment({
			quarter: report.quarter,
			atelier: atelier.name,
			actor: actor.name,
			body: comment.body,
			about: comment.about
		}),
		url: `${reviewPath(atelier.slug, report.quarter)}#opmerking-${comment.id}`
	});
}
