import type { Kysely } from 'kysely';
import type { Database } from '../db/types';
import { DEFINITIONS } from '../records/kinds';
import { RECORD_TYPES, type RecordType } from '../records/schemas';
import {
	fieldChanges,
	recordTitle,
	shownFields,
	type FieldChange,
	type ShownField,
	type StudentNames,
	type Values
} from './review-fields';

export interface ChangedRecord {
	type: RecordType;
	title: string;
	fields: ShownField[];
	changes: FieldChange[];
}

export interface ChangesSince {
	/** When the quarter was submitted the previous time. */
	since: string;
	added: ChangedRecord[];
	changed: ChangedRecord[];
	removed: ChangedRecord[];
	/** Network members and "geen activiteiten", when they changed. */
	details: FieldChange[];
}

const TYPE_OF_TABLE = new Map<string, RecordType>(
	RECORD_TYPES.map((t) => [DEFINITIONS[t].table, t])
);

const asValues = (v: unknown): Values => (v && typeof v === 'object' ? (v as Values) : {});

/**
 * What changed in a report since its previous submission, from the audit trail: the submission
 * before the last return or reopen is the baseline; every record change after it (the audit rows
 * carry the report) is replayed per record into added, changed (field by field) and removed.
 * Null when the quarter was never returned or reopened after a submission.
 */
export async function changesSincePreviousSubmission(
	db: Kysely<Database>,
	reportId: number,
	current: Map<string, Values>,
	students: StudentNames
): Promise<ChangesSince | null> {
	const steps = await db
		.selectFrom('audit_log')
		.select(['id', 'action', 'at'])
		.where('report_id', '=', reportId)
		.where('entity', '=', 'quarter_report')
		.where('action', 'in', ['submit', 'return', 'reopen'])
		.orderBy('id')
		.execute();
	const lastBack = steps.findLastIndex((s) => s.action === 'return' || s.action === 'reopen');
	const baseline =
		lastBack < 0 ? undefined : steps.slice(0, lastBack).findLast((s) => s.action === 'submit');
	if (!baseline) return null;
	const rows = await db
		.selectFrom('audit_log')
		.select(['id', 'entity', 'entity_id', 'action', 'before', 'after'])
		.where('report_id', '=', reportId)
		.where('id', '>', baseline.id)
		.where((eb) =>
			eb.or([
				eb('entity', 'in', [...TYPE_OF_TABLE.keys()]),
				eb.and([eb('entity', '=', 'quarter_report'), eb('action', '=', 'update')])
			])
		)
		.orderBy('id')
		.execute();
	const groups = new Map<string, typeof rows>();
	for (const r of rows) {
		const key = `${r.entity}|${r.entity_id}`;
		groups.set(key, [...(groups.get(key) ?? []), r]);
	}
	const result: ChangesSince = {
		since: new Date(baseline.at).toISOString(),
		added: [],
		changed: [],
		removed: [],
		details: []
	};
	for (const group of groups.values()) {
		const first = group[0];
		const last = group[group.length - 1];
		if (first.entity === 'quarter_report') {
			const b = asValues(first.before);
			const a = asValues(last.after);
			const show = (v: unknown, yesNo: boolean) =>
				yesNo ? (v ? 'Ja' : 'Nee') : v === null || v === undefined ? '–' : String(v);
			for (const [key, label, yesNo] of [
				['network_members', 'Netwerkleden', false],
				['no_activities', 'Geen activiteiten dit kwartaal', true]
			] as const) {
				const change = { label, before: show(b[key], yesNo), after: show(a[key], yesNo) };
				if (change.before !== change.after) result.details.push(change);
			}
			continue;
		}
		const type = TYPE_OF_TABLE.get(first.entity)!;
		const existedBefore = first.action !== 'create';
		const existsNow = last.action !== 'delete';
		const now = current.get(`${type}-${first.entity_id}`) ?? asValues(last.after);
		if (!existedBefore && existsNow)
			result.added.push({
				type,
				title: recordTitle(type, now, students),
				fields: shownFields(type, now, students),
				changes: []
			});
		else if (existedBefore && !existsNow) {
			const was = asValues(first.before);
			result.removed.push({
				type,
				title: recordTitle(type, was, students),
				fields: shownFields(type, was, students),
				changes: []
			});
		} else if (existedBefore && existsNow) {
			const changes = fieldChanges(type, asValues(first.before), now, students);
			if (changes.length)
				result.changed.push({
					type,
					title: recordTitle(type, now, students),
					fields: [],
					changes
				});
		}
	}
	return result;
}
