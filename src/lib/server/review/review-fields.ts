import { formatDate } from '../../format';
import { ACTIVITY_KIND_LABELS, PUBLICATION_KIND_LABELS } from '../../labels';
import { RECORD_FIELDS, type FieldSpec } from '../../records/fields';
import type { RecordType } from '../records/schemas';

export interface ShownField {
	name: string;
	label: string;
	value: string;
	/** How the page shows it: a link, a block of text (kept with its line breaks), or plain. */
	kind: 'url' | 'long' | 'plain';
}

export type Values = Record<string, string | string[]>;

/** Names of students by their picker value ('#12'); absent when the user may not read the roster. */
export type StudentNames = Map<string, string> | null;

export { HIDDEN_STUDENT as HIDDEN_NAME } from '../records/student-names';
import { HIDDEN_STUDENT as HIDDEN_NAME } from '../records/student-names';

function text(
	type: RecordType,
	field: FieldSpec,
	raw: string | string[] | undefined,
	students: StudentNames
): string {
	if (Array.isArray(raw)) return raw.join(', ');
	const v = raw ?? '';
	if (field.kind === 'checkbox') return v === 'on' || v === 'true' ? 'Ja' : 'Nee';
	if (field.list === 'students') return students ? (students.get(v) ?? v) : HIDDEN_NAME;
	if (field.kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(v);
	if (field.name !== 'kind') return v;
	return (KIND_LABELS[type]?.[v] as string | undefined) ?? v;
}

const KIND_LABELS: Partial<Record<RecordType, Record<string, string>>> = {
	activity: ACTIVITY_KIND_LABELS,
	publication: PUBLICATION_KIND_LABELS
};

/** Every field of a record kind with its label and shown value, in the order of the form. */
export function shownFields(
	type: RecordType,
	values: Values,
	students: StudentNames
): ShownField[] {
	return RECORD_FIELDS[type].map((field) => ({
		name: field.name,
		label: field.label,
		value: text(type, field, values[field.name], students) || '–',
		kind: field.kind === 'url' ? 'url' : field.kind === 'textarea' ? 'long' : 'plain'
	}));
}

/** A short name for a record in lists of changes and in the conversation. */
export function recordTitle(type: RecordType, values: Values, students: StudentNames): string {
	const v = (k: string) => (Array.isArray(values[k]) ? '' : String(values[k] ?? ''));
	switch (type) {
		case 'activity':
			return `${v('date') ? formatDate(v('date')) : ''} · ${v('title')}`;
		case 'student':
			return students ? (students.get(v('student')) ?? v('student')) : HIDDEN_NAME;
		case 'partner':
			return v('organisation');
		case 'reach':
			return v('location');
		default:
			return v('title');
	}
}

export interface FieldChange {
	label: string;
	before: string;
	after: string;
}

/** The fields that differ between two states of a record, as the page shows them. */
export function fieldChanges(
	type: RecordType,
	before: Values,
	after: Values,
	students: StudentNames
): FieldChange[] {
	const b = shownFields(type, before, students);
	const a = shownFields(type, after, students);
	return b
		.map((field, i) => ({ label: field.label, before: field.value, after: a[i].value }))
		.filter((c) => c.before !== c.after);
}
