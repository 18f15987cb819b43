/**
 * The second step before a destructive action, also without JavaScript. The form posts a hidden
 * `bevestigd` field: with JavaScript the ConfirmForm component sets it after its dialog; without,
 * it is empty, the action returns `askConfirmation(...)` and the page shows the question with a
 * form that repeats the posted values plus `bevestigd=ja`.
 *
 *   if (!isConfirmed(form)) return askConfirmation('user-deactivate', form);
 */
export const CONFIRM_FIELD = 'bevestigd';

export function isConfirmed(form: FormData): boolean {
	return form.get(CONFIRM_FIELD) === 'ja';
}

export interface ConfirmationRequest {
	confirm: { key: string; values: Record<string, string> };
}

/** What the action returns to ask for the second step: which form, and what was posted. */
export function askConfirmation(key: string, form: FormData): ConfirmationRequest {
	const values: Record<string, string> = {};
	for (const [name, value] of form)
		if (typeof value === 'string' && name !== CONFIRM_FIELD) values[name] = value.slice(0, 10_000);
	return { confirm: { key, values } };
}
