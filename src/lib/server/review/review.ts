import type { Kysely } from 'kysely';
import { quarterDueDate } from '../../quarters';
import { RECORD_TITLES } from '../../records/fields';
import { authorize, can } from '../auth/policy';
import { rosterNames } from '../records/student-names';
import type { Database } from '../db/types';
import { DEFINITIONS } from '../records/kinds';
import { RECORD_TYPES, type RecordType } from '../records/schemas';
import { getWerkplaatsSettings } from '../settings/werkplaats';
import type { QuarterContext } from '../reports/access';
import { loadThread, type ThreadEntry } from './conversation';
import { changesSincePreviousSubmission, type ChangesSince } from './review-changes';
import {
	recordTitle,
	shownFields,
	type ShownField,
	type StudentNames,
	type Values
} from './review-fields';

export interface ReviewRecord {
	key: string;
	title: string;
	fields: ShownField[];
}

export interface ReviewSection {
	type: RecordType;
	title: string;
	records: ReviewRecord[];
}

/** The registry's kind and municipality of each partner organisation of the report. */
async function partnerRegistry(db: Kysely<Database>, reportId: number) {
	const rows = await db
		.selectFrom('partner_involvements as p')
		.innerJoin('organisations as o', 'o.id', 'p.organisation_id')
		.select(['p.id', 'o.kind', 'o.municipality'])
		.where('p.report_id', '=', reportId)
		.execute();
	return new Map(rows.map((r) => [r.id, r]));
}

/**
 * The review view of a quarter: every field of every record per kind, the report's own details,
 * what changed since the previous submission, and (for management and the atelier's kartrekkers)
 * the conversation. Student names only for who may read the roster.
 */
export async function reviewPage(db: Kysely<Database>, ctx: QuarterContext) {
	const { user, ref } = ctx;
	const report = await db
		.selectFrom('quarter_reports')
		.selectAll()
		.where('atelier_id', '=', ref.atelierId)
		.where('quarter', '=', ref.quarter)
		.executeTakeFirst();
	authorize(user, 'quarter.review', { atelierId: ref.atelierId, status: report?.status ?? null });
	const target = { atelierId: ref.atelierId };
	const students: StudentNames = await rosterNames(db, user, ref.atelierId);
	const settings = await getWerkplaatsSettings(db);
	const current = new Map<string, Values>();
	const sections: ReviewSection[] = [];
	const partners = report ? await partnerRegistry(db, report.id) : new Map();
	for (const type of RECORD_TYPES) {
		const items = report ? await DEFINITIONS[type].load(db, report.id) : [];
		sections.push({
			type,
			title: RECORD_TITLES[type].plural,
			records: items.map((item) => {
				let values = item.values;
				if (type === 'partner') {
					const registry = partners.get(item.id);
					values = {
						...values,
						organisation_kind: registry?.kind ?? '',
						municipality: registry?.municipality ?? ''
					};
				}
				current.set(`${type}-${item.id}`, values);
				return {
					key: `${type}-${item.id}`,
					title: recordTitle(type, values, students),
					fields: shownFields(type, values, students)
				};
			})
		});
	}
	const mayTalk = can(user, 'quarter.comment', target);
	const thread: ThreadEntry[] = report && mayTalk ? await loadThread(db, user, report) : [];
	const changes: ChangesSince | null = report
		? await changesSincePreviousSubmission(db, report.id, current, students)
		: null;
	const status = report?.status ?? 'concept';
	return {
		atelier: ctx.atelier,
		quarter: ref.quarter,
		dueDate: quarterDueDate(ref.quarter, settings.quarterDueMonths),
		report: {
			exists: Boolean(report),
			status,
			version: report?.version ?? 1,
			networkMembers: report?.network_members ?? null,
			noActivities: report?.no_activities ?? false
		},
		sections,
		changes,
		thread,
		can: {
			comment: mayTalk,
			decide: can(user, 'quarter.approve', target) && status === 'ingediend'
		}
	};
}
