/** What a form action of this page answered, for the form it belongs to (client-safe). */
export interface Answer {
	form?: string;
	id?: number | null;
	values?: Record<string, string | string[]>;
	errors?: Record<string, string>;
	conflict?: { values: Record<string, string>; version: number } | null;
}

export function answerFor(form: unknown, name: string, id: number | null = null): Answer | null {
	if (!form || typeof form !== 'object' || !('form' in form)) return null;
	const a = form as Answer;
	return a.form === name && (id === null || a.id === id) ? a : null;
}

export const errorsOf = (answer: Answer | null): Record<string, string> => answer?.errors ?? {};

/** The values to show: the current ones after a conflict, the posted ones after a refusal. */
export function shownValues(
	answer: Answer | null,
	current: Record<string, string | number | null>
): Record<string, string> {
	const source = answer?.conflict?.values ?? answer?.values ?? current;
	return Object.fromEntries(Object.entries(source).map(([k, v]) => [k, String(v ?? '')]));
}
