import { fail } from '@sveltejs/kit';
import { ConflictError, RecordError, ValidationError } from './errors';
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

/** A positive whole number from a hidden field, or null. */
export function intField(form: FormData, key: string): number | null {
	const raw = String(form.get(key) ?? '');
	return /^\d{1,9}$/.test(raw) && Number(raw) > 0 ? Number(raw) : null;
}

/** Turns a refusal of the records or workflow services into a form failure (values kept). */
export function failureOf(
	e: unknown,
	context: { form: string; id?: number | null; values?: Record<string, string | string[]> }
) {
	const base = { form: context.form, id: context.id ?? null, values: context.values ?? {} };
	if (e instanceof ValidationError) return fail(400, { ...base, errors: e.errors });
	if (e instanceof ConflictError)
		return fail(409, {
			...base,
			errors: { form: e.message },
			conflict: e.current,
			values: e.current ? base.values : {}
		});
	if (e instanceof RecordError) return fail(e.status, { ...base, errors: { form: e.message } });
	throw e;
}
