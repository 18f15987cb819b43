import { RECORD_TYPES, type RecordType } from './schemas';

/** The values of a record form as text (organisations may be several checkboxes). */
export function formValues(form: FormData): Record<string, string | string[]> {
	const values: Record<string, string | string[]> = {};
	for (const key of new Set(form.keys())) {
		if (key === 'type' || key === 'id' || key === 'version') continue;
		const all = form.getAll(key).map(String);
		values[key] = key === 'organisations' ? all : (all[0] ?? '');
	}
	return values;
}

export function recordType(form: FormData): RecordType | null {
	const t = String(form.get('type') ?? '');
	return (RECORD_TYPES as readonly string[]).includes(t) ? (t as RecordType) : null;
}
