import { today as todayInAmsterdam } from '../today';

/**
 * Where the job queue and the reminders get the time from. The app uses the system clock; tests
 * pass a clock they move forward themselves, so backoff and reminder days need no waiting.
 */
export interface Clock {
	now(): Date;
	/** The date in the Netherlands, 'YYYY-MM-DD'. */
	today(): string;
}

export const systemClock: Clock = { now: () => new Date(), today: todayInAmsterdam };

const DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' });
const PARTS = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Europe/Amsterdam',
	hourCycle: 'h23',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit'
});

/** The date in the Netherlands at an instant, 'YYYY-MM-DD'. */
export function amsterdamDate(at: Date): string {
	return DATE.format(at);
}

/** The instant at which it is `hour`:00 on `date` in the Netherlands (summer and winter time). */
export function amsterdamInstant(date: string, hour: number): Date {
	const wanted = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10), hour);
	let guess = new Date(wanted - 60 * 60 * 1000);
	for (let i = 0; i < 2; i++) {
		const p = Object.fromEntries(PARTS.formatToParts(guess).map((x) => [x.type, x.value]));
		const shown = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute);
		guess = new Date(guess.getTime() + (wanted - shown));
	}
	return guess;
}

/** A clock for tests: starts at `start` and moves only when told to. */
export function fakeClock(start: Date | string) {
	let current = new Date(start);
	return {
		now: () => new Date(current),
		today: () => amsterdamDate(current),
		set(at: Date | string) {
			current = new Date(at);
		},
		advance(ms: number) {
			current = new Date(current.getTime() + ms);
		}
	};
}

/** Adds days to a 'YYYY-MM-DD' date. */
export function addDays(date: string, days: number): string {
	const d = new Date(`${date}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}
