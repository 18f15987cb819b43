import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../src/lib/server/db/connect';
import { amsterdamInstant, fakeClock } from '../src/lib/server/jobs/clock';
import { scheduleDue } from '../src/lib/server/notifications/schedule';
import { saveReminderDaysBefore } from '../src/lib/server/notifications/settings';
import { cycleFixture, fillAndSubmit, jobRows, runJobs, type CycleFixture } from './helpers/cycle';
import { startFakeSmtp, type TestSmtp } from './helpers/fake-smtp';
import { createTestDb } from './helpers/test-db';

// Reminders and overviews driven by a fake clock: the scheduler is called as often as the worker
// would (and by two processes at once), the jobs run, and every reminder arrives once.
describe('reminder schedule', () => {
	let handle: DbHandle;
	let f: CycleFixture;
	let smtp: TestSmtp;
	/** Noon in the Netherlands on a date. */
	const at = (date: string, hour = 12) => amsterdamInstant(date, hour);
	const clock = fakeClock(at('2024-04-01'));
	/** The scheduler of two processes, several times, then the worker. */
	async function tick(date: string, hour = 12) {
		clock.set(at(date, hour));
		await Promise.all([scheduleDue(handle.db, clock), scheduleDue(handle.db, clock)]);
		await scheduleDue(handle.db, clock);
		await runJobs(handle.db, clock);
	}
	const reminders = async (atelierId: number, quarter: string) =>
		(await jobRows(handle.db)).filter(
			(j) =>
				j.kind === 'reminder' &&
				(j.payload as { atelierId: number }).atelierId === atelierId &&
				(j.payload as { quarter: string }).quarter === quarter
		);
	const mailsTo = (email: string, subject: RegExp) =>
		smtp.mails.filter((m) => m.to.includes(email) && subject.test(m.subject));

	beforeAll(async () => {
		smtp = await startFakeSmtp();
		process.env.SMTP_URL = smtp.url;
		handle = await createTestDb();
		f = await cycleFixture(handle.db, 'h');
		await handle.db
			.insertInto('subsidy_periods')
			.values({ name: '2023-2025', start_quarter: '2023Q1', end_quarter: '2025Q4' })
			.execute();
	});
	afterAll(async () => {
		delete process.env.SMTP_URL;
		await handle?.close();
		await smtp?.close();
	});

	it('reminds the kartrekkers 7 days before the due date, once, and again on the first overdue day', async () => {
		// 2024Q1 is due on 30 April 2024 (one month after the quarter)
		await tick('2024-04-22');
		expect(await reminders(f.atelierId, '2024Q1')).toEqual([]);
		await tick('2024-04-23', 6);
		await tick('2024-04-23', 18);
		await tick('2024-04-24');
		await tick('2024-04-30');
		const due = /^Herinnering: K1 2024 van Atelier h-a uiterlijk 30 april 2024 indienen$/;
		for (const email of [f.emails.kartrekker, f.emails.kartrekker2])
			expect(mailsTo(email, due)).toHaveLength(1);
		expect(mailsTo(f.emails.boss, /Herinnering/)).toEqual([]);
		expect(mailsTo(f.emails.kartrekker, due)[0].text).toContain(
			'omdat je kartrekker bent van Atelier h-a'
		);
		// the other atelier's kartrekker is reminded about his own atelier only
		expect(mailsTo(f.emails.outsider, /Atelier h-b/)).toHaveLength(1);
		expect(mailsTo(f.emails.outsider, /Atelier h-a/)).toEqual([]);

		await tick('2024-05-01', 0);
		await tick('2024-05-01', 23);
		await tick('2024-05-02');
		const late = /^K1 2024 van Atelier h-a is te laat$/;
		for (const email of [f.emails.kartrekker, f.emails.kartrekker2])
			expect(mailsTo(email, late)).toHaveLength(1);
		expect((await reminders(f.atelierId, '2024Q1')).map((j) => j.dedupe_key).sort()).toEqual([
			`reminder:due:${f.atelierId}:2024Q1`,
			`reminder:overdue:${f.atelierId}:2024Q1`
		]);
		// in the app too
		const inApp = await handle.db
			.selectFrom('notifications')
			.select('kind')
			.where('user_id', '=', f.kartrekker.id)
			.where('kind', 'like', 'reminder%')
			.execute();
		expect(inApp.map((n) => n.kind).sort()).toEqual(['reminder_due', 'reminder_overdue']);
	});

	it('does not remind about a quarter that was submitted', async () => {
		// 2024Q2 (due 31 July) is submitted before its reminder day
		clock.set(at('2024-07-01'));
		await fillAndSubmit(handle.db, f.kartrekker, { atelierId: f.atelierId, quarter: '2024Q2' });
		await tick('2024-07-24');
		await tick('2024-08-01');
		expect(await reminders(f.atelierId, '2024Q2')).toEqual([]);
		// the other atelier did not submit and is reminded
		expect((await reminders(f.otherAtelierId, '2024Q2')).length).toBe(2);
	});

	it('catches up after downtime, but not for reminders long past', async () => {
		// nothing ran from 20 to 27 October: the reminder of 24 October goes out on the 27th
		await tick('2024-10-27');
		expect(mailsTo(f.emails.kartrekker, /^Herinnering: K3 2024 van Atelier h-a/)).toHaveLength(1);
		// a database that comes back after months sends no reminders for old quarters
		await tick('2025-03-20');
		expect(await reminders(f.atelierId, '2024Q4')).toEqual([]);
	});

	it('follows the reminder setting', async () => {
		await saveReminderDaysBefore(handle.db, f.boss, { days: '3' });
		// 2025Q1 is due 30 April 2025: with 3 days, the reminder comes on the 27th, not the 23rd
		await tick('2025-04-26');
		expect(await reminders(f.atelierId, '2025Q1')).toEqual([]);
		await tick('2025-04-27');
		expect((await reminders(f.atelierId, '2025Q1')).map((j) => j.dedupe_key)).toEqual([
			`reminder:due:${f.atelierId}:2025Q1`
		]);
	});

	it('sends management a weekly overview on Monday, once a week, also when Monday was missed', async () => {
		const weekly = (email: string) =>
			mailsTo(email, /^Weekoverzicht: \d+ te laat, \d+ wachten op beoordeling$/);
		const before = weekly(f.emails.boss).length;
		await tick('2025-06-02', 9); // a Monday
		await tick('2025-06-04');
		expect(weekly(f.emails.boss)).toHaveLength(before + 1);
		expect(weekly(f.emails.boss2)).toHaveLength(before + 1);
		expect(mailsTo(f.emails.kartrekker, /Weekoverzicht/)).toEqual([]);
		const text = weekly(f.emails.boss).at(-1)!.text;
		expect(text).toContain('Te laat');
		expect(text).toContain('K1 2025 van Atelier h-a');
		expect(text).toContain('omdat je management bent');
		// the next week the app was down on Monday: Tuesday's overview takes its place, once
		await tick('2025-06-10');
		await tick('2025-06-11');
		expect(weekly(f.emails.boss)).toHaveLength(before + 2);
	});
});
