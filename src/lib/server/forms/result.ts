import { fail } from '@sveltejs/kit';
import { ActionError, ConflictError } from '../errors';

export type FormValues = Record<string, string | string[]>;

/** What every form action returns on a refusal: which form, its values and the messages. */
export interface FormContext {
	/** Which form on the page failed (pages with several forms show the errors at that one). */
	form?: string;
	/** The record the form was about, when it edits one. */
	id?: number | null;
	values?: FormValues;
}

/**
 * The one way a form action turns a service's refusal into `fail(status, { form, id, values,
 * errors })`: field messages next to their fields, the values kept, and for a conflict the current
 * state. Anything that is not an ActionError is rethrown (a bug, shown as the error page).
 */
export function failureOf(e: unknown, context: FormContext = {}) {
	if (!(e instanceof ActionError)) throw e;
	const base = {
		form: context.form ?? 'form',
		id: context.id ?? null,
		values: context.values ?? {},
		errors: e.errors
	};
	if (e instanceof ConflictError)
		return fail(409, { ...base, conflict: e.current, values: e.current ? base.values : {} });
	return fail(e.status, base);
}

/** A positive whole number from a hidden field, or null. */
export function intField(form: FormData, key: string): number | null {
	const raw = String(form.get(key) ?? '');
	return /^\d{1,9}$/.test(raw) && Number(raw) > 0 ? Number(raw) : null;
}
