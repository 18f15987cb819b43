import type { z } from 'zod';

/** Field name -> Dutch message; `form` for a message about the form as a whole. */
export type FieldErrors = Record<string, string>;

export type RefusalStatus = 400 | 403 | 404 | 409 | 429;

/**
 * The one error type every service throws when it refuses a request on purpose: a Dutch message,
 * an HTTP status and, for input problems, the fields it belongs to. Anything else that a service
 * throws is a bug and reaches the error page.
 */
export class ActionError extends Error {
	constructor(
		message: string,
		readonly status: RefusalStatus = 400,
		readonly errors: FieldErrors = { form: message }
	) {
		super(message);
	}
}

/** Input that does not pass validation; the messages belong next to the fields. */
export class ValidationError extends ActionError {
	constructor(errors: FieldErrors, status: RefusalStatus = 400) {
		super(Object.values(errors)[0] ?? 'Ongeldige invoer.', status, errors);
	}
}

/** The record changed since the form was opened; nothing was written. */
export class ConflictError extends ActionError {
	constructor(
		/** The current state of the record, or null when it was deleted meanwhile. */
		readonly current: { values: Record<string, string | string[]>; version: number } | null
	) {
		super(
			current
				? 'Iemand anders heeft dit intussen gewijzigd. Er is niets overschreven; hieronder staan de huidige gegevens. Sla opnieuw op om jouw versie te bewaren.'
				: 'Dit is intussen door iemand anders verwijderd. Er is niets opgeslagen.',
			409
		);
	}
}

/** A refusal tied to one field (or to the form as a whole when `field` is 'form'). */
export function fieldError(message: string, field = 'form', status: RefusalStatus = 400) {
	return field === 'form'
		? new ActionError(message, status)
		: new ValidationError({ [field]: message }, status);
}

/** The first Dutch message per field of a failed zod parse. */
export function zodErrors(error: z.ZodError): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message;
	return errors;
}

/** Parses input with a schema, or throws ValidationError with the Dutch messages per field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
	const parsed = schema.safeParse(input);
	if (!parsed.success) throw new ValidationError(zodErrors(parsed.error));
	return parsed.data;
}
