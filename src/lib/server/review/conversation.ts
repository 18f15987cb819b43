import type { Kysely } from 'kysely';
import { z } from 'zod';
import { recordAudit, type Executor } from '../audit/index';
import type { SessionUser } from '../auth/guards';
import { assertCan } from '../auth/policy';
import type { Database, ReportStatus } from '../db/types';
import { ActionError, parseInput, ValidationError } from '../errors';
import { notifyComment } from '../notifications/events';
import { DEFINITIONS } from '../records/kinds';
import { RECORD_TITLES } from '../../records/fields';
import { RECORD_TYPES, type RecordType } from '../records/schemas';
import { lockReport, type QuarterRef } from '../reports/report';

export const COMMENT_MAX = 2000;

export interface ThreadEntry {
	/** 'comment', or the workflow step whose comment this is ('return', 'reopen'). */
	kind: 'comment' | 'return' | 'reopen';
	id: number;
	author: string | null;
	authorRole: string | null;
	body: string;
	at: string;
	/** 'activity-12' when the comment is about one record. */
	record: string | null;
	resolved: { at: string; by: string | null } | null;
}

const bodySchema = z.object({
	body: z
		.string({ error: 'Schrijf een opmerking.' })
		.trim()
		.min(1, 'Schrijf een opmerking.')
		.max(COMMENT_MAX, `Een opmerking is hooguit ${COMMENT_MAX} tekens.`),
	record: z
		.string()
		.trim()
		.max(40)
		.optional()
		.transform((v) => v || null)
});

/** 'activity-12' -> the type and id, or null for anything else. */
export function parseRecordKey(key: string | null): { type: RecordType; id: number } | null {
	const m = /^([a-z]+)-(\d{1,9})$/.exec(key ?? '');
	if (!m || !(RECORD_TYPES as readonly string[]).includes(m[1])) return null;
	return { type: m[1] as RecordType, id: Number(m[2]) };
}

/** The record's one-line summary, when it belongs to the report; else null. */
async function recordInReport(db: Executor, reportId: number, type: RecordType, id: number) {
	const [item] = await DEFINITIONS[type].load(db, reportId, id);
	return item ? `${RECORD_TITLES[type].singular} “${item.summary.slice(0, 120)}”` : null;
}

/**
 * Posts a comment on a quarter or on one of its records, with an audit entry and a notification to
 * the other side, in one transaction. Refused: the council, another atelier's kartrekker, an empty
 * or too long text, and a record that is not in this quarter.
 */
export async function postComment(
	db: Kysely<Database>,
	actor: SessionUser,
	ref: QuarterRef,
	input: Record<string, unknown>
): Promise<number> {
	assertCan(actor, 'quarter.comment', { atelierId: ref.atelierId });
	const { body, record } = parseInput(bodySchema, input);
	const key = record ? parseRecordKey(record) : null;
	if (record && !key)
		throw new ValidationError({ body: 'Dit gegeven bestaat niet in dit kwartaal.' });
	return db.transaction().execute(async (trx) => {
		const report = await lockReport(trx, actor.id, ref);
		const about = key ? await recordInReport(trx, report.id, key.type, key.id) : null;
		if (key && !about)
			throw new ActionError(
				'Dit gegeven hoort niet bij dit kwartaal; de opmerking is niet geplaatst.',
				404
			);
		const { id } = await trx
			.insertInto('report_comments')
			.values({
				report_id: report.id,
				record_type: key?.type ?? null,
				record_id: key?.id ?? null,
				author_user_id: actor.id,
				body
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await recordAudit(trx, {
			actorId: actor.id,
			entity: 'report_comment',
			entityId: id,
			atelierId: ref.atelierId,
			action: 'create',
			after: { quarter: ref.quarter, record, body }
		});
		await notifyComment(trx, actor, report, { id, body, about });
		return id;
	});
}

/** Marks a comment resolved (or open again). Either side of the conversation may. */
export async function resolveComment(
	db: Kysely<Database>,
	actor: SessionUser,
	ref: QuarterRef,
	commentId: number,
	resolved: boolean
): Promise<void> {
	assertCan(actor, 'quarter.comment', { atelierId: ref.atelierId });
	await db.transaction().execute(async (trx) => {
		const comment = await trx
			.selectFrom('report_comments as c')
			.innerJoin('quarter_reports as r', 'r.id', 'c.report_id')
			.select(['c.id', 'c.resolved_at'])
			.where('c.id', '=', commentId)
			.where('r.atelier_id', '=', ref.atelierId)
			.where('r.quarter', '=', ref.quarter)
			.forUpdate()
			.executeTakeFirst();
		if (!comment) throw new ActionError('Deze opmerking bestaat niet (meer) in dit kwartaal.', 404);
		if ((comment.resolved_at !== null) === resolved) return;
		await trx
			.updateTable('report_comments')
			.set(
				resolved
					? { resolved_at: new Date(), resolved_by: actor.id }
					: { resolved_at: null, resolved_by: null }
			)
			.where('id', '=', commentId)
			.execute();
		await recordAudit(trx, {
			actorId: actor.id,
			entity: 'report_comment',
			entityId: commentId,
			atelierId: ref.atelierId,
			action: resolved ? 'resolve' : 'reopen',
			before: { resolved: !resolved },
			after: { resolved }
		});
	});
}

/**
 * The conversation of a report, oldest first: comments plus the comments of returns and reopens
 * from the status history, so the whole exchange reads as one thread.
 */
export async function loadThread(
	db: Kysely<Database>,
	user: SessionUser,
	report: { id: number; atelier_id: number }
): Promise<ThreadEntry[]> {
	assertCan(user, 'quarter.comment', { atelierId: report.atelier_id });
	const [comments, history] = await Promise.all([
		db
			.selectFrom('report_comments as c')
			.leftJoin('app_users as a', 'a.id', 'c.author_user_id')
			.leftJoin('app_users as r', 'r.id', 'c.resolved_by')
			.select([
				'c.id',
				'c.body',
				'c.created_at',
				'c.record_type',
				'c.record_id',
				'c.resolved_at',
				'a.name as author',
				'a.role as author_role',
				'r.name as resolver'
			])
			.where('c.report_id', '=', report.id)
			.execute(),
		db
			.selectFrom('report_status_history as h')
			.leftJoin('app_users as a', 'a.id', 'h.actor_user_id')
			.select(['h.id', 'h.from_status', 'h.to_status', 'h.comment', 'h.at', 'a.name', 'a.role'])
			.where('h.report_id', '=', report.id)
			.where('h.comment', 'is not', null)
			.execute()
	]);
	const steps: ThreadEntry[] = history
		.filter(
			(h) =>
				h.to_status === 'teruggestuurd' ||
				(h.from_status === 'goedgekeurd' && h.to_status === 'concept')
		)
		.map((h) => ({
			kind: (h.to_status as ReportStatus) === 'teruggestuurd' ? 'return' : 'reopen',
			id: h.id,
			author: h.name,
			authorRole: h.role,
			body: h.comment ?? '',
			at: new Date(h.at).toISOString(),
			record: null,
			resolved: null
		}));
	const entries: ThreadEntry[] = comments.map((c) => ({
		kind: 'comment',
		id: c.id,
		author: c.author,
		authorRole: c.author_role,
		body: c.body,
		at: new Date(c.created_at).toISOString(),
		record: c.record_type ? `${c.record_type}-${c.record_id}` : null,
		resolved: c.resolved_at ? { at: new Date(c.resolved_at).toISOString(), by: c.resolver } : null
	}));
	return [...entries, ...steps].sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id);
}
