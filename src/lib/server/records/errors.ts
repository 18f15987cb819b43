/** Field name -> Dutch message. */
export type FieldErrors = Record<string, string>;

/** Input that does not pass validation; the messages belong next to the fields. */
export class ValidationError extends Error {
	constructor(readonly errors: FieldErrors) {
		super(Object.values(errors)[0] ?? 'Ongeldige invoer.');
	}
}

/** A refusal that is not about one field: locked quarter, unknown record, wrong status. */
export class RecordError extends Error {
	constructor(
		message: string,
		readonly status: 400 | 403 | 404 | 409 = 400
	) {
		super(message);
	}
}

/** The record changed since the form was opened; nothing was written. */
export class ConflictError extends Error {
	constructor(
		/** The current state of the record, or null when it was deleted meanwhile. */
		readonly current: { values: Record<string, string | string[]>; version: number } | null
	) {
		super(
			current
				? 'Iemand anders heeft dit intussen gewijzigd. Er is niets overschreven; hieronder staan de huidige gegevens. Sla opnieuw op om jouw versie te bewaren.'
				: 'Dit is intussen door iemand anders verwijderd. Er is niets opgeslagen.'
		);
	}
}
