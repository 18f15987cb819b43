import type { ValidationError } from '../errors';
import type { SheetRow } from './read';
import { SHEETS } from './sheets';

export interface Problem {
	sheet: string;
	row: number;
	column: string;
	message: string;
}

export interface ImportResult {
	created: number;
	skipped: number;
}

/** At most this many problems are listed; the message counts the rest (a page stays small). */
export const MAX_LISTED_PROBLEMS = 200;

/** Thrown when rows have problems: nothing was stored. `problems` holds the first 200. */
export class ImportProblems extends Error {
	readonly problems: Problem[];
	readonly total: number;
	constructor(problems: Problem[]) {
		const rest = problems.length - MAX_LISTED_PROBLEMS;
		super(
			rest > 0
				? `${problems.length.toLocaleString('nl-NL')} problemen gevonden; er is niets opgeslagen. Hieronder de eerste ${MAX_LISTED_PROBLEMS}; nog ${rest.toLocaleString('nl-NL')} andere worden niet getoond.`
				: `${problems.length} problemen gevonden; er is niets opgeslagen.`
		);
		this.problems = sortProblems(problems).slice(0, MAX_LISTED_PROBLEMS);
		this.total = problems.length;
	}
}

export function problemsOf(
	row: SheetRow,
	e: ValidationError | { errors: Record<string, string> }
): Problem[] {
	return Object.entries(e.errors)
		.filter(([field]) => field !== 'suggestion')
		.map(([field, message]) => ({
			sheet: row.sheet,
			row: row.row,
			column: row.headers[field] ?? '',
			message
		}));
}

const SHEET_ORDER = new Map(SHEETS.map((s, i) => [s.name, i]));

/** Problems in the order of the workbook: tab by tab, row by row. */
function sortProblems(problems: Problem[]): Problem[] {
	return [...problems].sort(
		(a, b) => (SHEET_ORDER.get(a.sheet) ?? -1) - (SHEET_ORDER.get(b.sheet) ?? -1) || a.row - b.row
	);
}
