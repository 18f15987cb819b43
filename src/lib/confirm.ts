import type { ConfirmationRequest } from './server/forms/confirm';

/** Client-safe twin of pendingConfirmation: the posted values when the page asked for `key`. */
export function pendingConfirmation(form: unknown, key: string): Record<string, string> | null {
	if (!form || typeof form !== 'object' || !('confirm' in form)) return null;
	const c = (form as ConfirmationRequest).confirm;
	return c && c.key === key ? c.values : null;
}
