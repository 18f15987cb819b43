/** Quarters as 'YYYYQn' text: the form used in the database, in URLs and in the seed. */
export type Quarter = `${number}Q${1 | 2 | 3 | 4}`;

const PATTERN = /^(\d{4})Q([1-4])$/;

export function isQuarter(value: unknown): value is Quarter {
	return typeof value === 'string' && PATTERN.test(value);
}

export function parseQuarter(value: string): { year: number; quarter: number } {
	const match = PATTERN.exec(value);
	if (!match) throw new Error(`Ongeldig kwartaal '${value}': verwacht bijvoorbeeld 2022Q4`);
	return { year: Number(match[1]), quarter: Number(match[2]) };
}

export function makeQuarter(year: number, quarter: number): Quarter {
	return `${year}Q${quarter}` as Quarter;
}

export function quarterIndex(value: string): number {
	const { year, quarter } = parseQuarter(value);
	return year * 4 + quarter - 1;
}

export function quarterFromIndex(index: number): Quarter {
	return makeQuarter(Math.floor(index / 4), (index % 4) + 1);
}

export function addQuarters(value: string, count: number): Quarter {
	return quarterFromIndex(quarterIndex(value) + count);
}

/** Every quarter from `from` to `to`, both included. */
export function quartersBetween(from: string, to: string): Quarter[] {
	const result: Quarter[] = [];
	for (let i = quarterIndex(from); i <= quarterIndex(to); i++) result.push(quarterFromIndex(i));
	return result;
}

export function quarterOfDate(date: string | Date): Quarter {
	const d = typeof date === 'string' ? new Date(`${date.slice(0, 10)}T12:00:00Z`) : date;
	return makeQuarter(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) + 1);
}

/** First and last day of the quarter, as 'YYYY-MM-DD'. */
export function quarterDates(value: string): { start: string; end: string } {
	const { year, quarter } = parseQuarter(value);
	const startMonth = (quarter - 1) * 3;
	const start = new Date(Date.UTC(year, startMonth, 1));
	const end = new Date(Date.UTC(year, startMonth + 3, 0));
	return { start: start.toISOString().slice(0, 10), end: end.toISOString().slice(0, 10) };
}

/** The day a quarter report is due: `monthsAfter` months after the quarter's last day. */
export function quarterDueDate(value: string, monthsAfter: number): string {
	const { year, quarter } = parseQuarter(value);
	const due = new Date(Date.UTC(year, quarter * 3 + monthsAfter, 0));
	return due.toISOString().slice(0, 10);
}

/** 'K3 2022': how quarters are written in the interface. */
export function quarterLabel(value: string): string {
	const { year, quarter } = parseQuarter(value);
	return `K${quarter} ${year}`;
}
