import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DbHandle } from '../src/lib/server/db/connect';
import { addDays, amsterdamInstant, fakeClock } from '../src/lib/server/jobs/clock';
import { backoffMs, listFailedJobs, MAX_ATTEMPTS } from '../src/lib/server/jobs/queue';
import { notifyTransition } from '../src/lib/server/notifications/events';
import { listNotifications, unreadCount } from '../src/lib/server/notifications/inbox';
import { setNotificationMode } from '../src/lib/server/notifications/preferences';
import { postComment } from '../src/lib/server/review/conversation';
import { cycleFixture, fillAndSubmit, jobRows, runJobs, type CycleFixture } from './helpers/cycle';
import { startFakeSmtp, type TestSmtp } from './helpers/fake-smtp';
import { actingAs } from './helpers/records';
import { createTestDb } from './helpers/test-db';

describe('notifications and e-mail, with a real SMTP server', () => {
	let handle: DbHandle;
	let f: CycleFixture;
	let smtp: TestSmtp;
	let n = 0;
	/** A fresh quarter per test, so the tests do not see each other's reports. */
	let quarter = '2024Q1';
	const ref = () => ({ atelierId: f.atelierId, quarter });
	const to = (email: string) => smtp.mails.filter((m) => m.to.includes(email));
	const later = () => fakeClock(new Date(Date.now() + 1000));

	beforeAll(async () => {
		smtp = await startFakeSmtp();
		process.env.SMTP_URL = smtp.url;
		process.env.ORIGIN = 'https://jaarbeeld.test';
		handle = await createTestDb();
		f = await cycleFixture(handle.db, 'n');
	});
	afterAll(async () => {
		delete process.env.SMTP_URL;
		await handle?.close();
		await smtp?.close();
	});
	beforeEach(() => {
		quarter = `${2023 + Math.floor(n / 4)}Q${(n % 4) + 1}`;
		n++;
		smtp.mails.length = 0;
		smtp.messages.length = 0;
	});

	it('submit: exactly one Dutch e-mail to each manager that says why, with both links', async () => {
		await fillAndSubmit(handle.db, f.kartrekker, ref());
		expect(smtp.mails).toHaveLength(0); // nothing is sent inside the request
		await runJobs(handle.db, later());
		await runJobs(handle.db, later()); // a second round sends nothing again
		expect(smtp.mails).toHaveLength(2);
		for (const email of [f.emails.boss, f.emails.boss2]) {
			const [mail] = to(email);
			expect(to(email)).toHaveLength(1);
			expect(mail.subject).toMatch(/^K\d \d{4} van Atelier n-a is ingediend$/);
			expect(mail.text).toContain('heeft de kwartaalrapportage');
			expect(mail.text).toContain('omdat je management bent');
			expect(mail.text).toContain(`https://jaarbeeld.test/ateliers/n-a/${quarter}/beoordeling`);
			expect(mail.text).toContain('https://jaarbeeld.test/meldingen#voorkeur');
		}
		for (const email of [f.emails.kartrekker, f.emails.kartrekker2, f.emails.council])
			expect(to(email)).toHaveLength(0);
	});

	it('return, approve and reopen: one e-mail to each kartrekker of the atelier, nobody else', async () => {
		const version = await fillAndSubmit(handle.db, f.kartrekker, ref());
		const boss = actingAs(handle.db, f.boss, ref());
		await boss.transition('return', { version, comment: 'Klopt het aantal deelnemers?' });
		await runJobs(handle.db, later());
		const returned = smtp.mails.filter((m) => /teruggestuurd/.test(m.subject));
		expect(returned.map((m) => m.to[0]).sort()).toEqual(
			[f.emails.kartrekker, f.emails.kartrekker2].sort()
		);
		expect(returned[0].text).toContain('Klopt het aantal deelnemers?');
		expect(returned[0].text).toContain('omdat je kartrekker bent van Atelier n-a');
		expect(to(f.emails.outsider)).toHaveLength(0);

		const k = actingAs(handle.db, f.kartrekker, ref());
		const again = await k.transition('submit', { version: version + 1 });
		const approved = await boss.transition('approve', { version: again.version });
		await boss.transition('reopen', { version: approved.version, comment: 'Citaat ontbreekt' });
		await runJobs(handle.db, later());
		for (const subject of [/goedgekeurd$/, /heropend$/])
			expect(
				smtp.mails
					.filter((m) => subject.test(m.subject))
					.map((m) => m.to[0])
					.sort()
			).toEqual([f.emails.kartrekker, f.emails.kartrekker2].sort());
		// the first submission and the resubmission: each to both managers
		expect(smtp.mails.filter((m) => /ingediend$/.test(m.subject))).toHaveLength(4);
	});

	it('a comment goes to the other side only', async () => {
		await fillAndSubmit(handle.db, f.kartrekker, ref());
		await runJobs(handle.db, later());
		smtp.mails.length = 0;
		await postComment(handle.db, f.kartrekker, ref(), { body: 'Zie de deelnemers hierboven.' });
		await runJobs(handle.db, later());
		expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual([f.emails.boss, f.emails.boss2].sort());
		expect(smtp.mails[0].text).toContain('Zie de deelnemers hierboven.');
		smtp.mails.length = 0;
		await postComment(handle.db, f.boss, ref(), { body: 'Dank, helder.' });
		await runJobs(handle.db, later());
		expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual(
			[f.emails.kartrekker, f.emails.kartrekker2].sort()
		);
	});

	it('per user: e-mail at once, a daily digest, or only in the app', async () => {
		await setNotificationMode(handle.db, f.boss, { mode: 'digest' });
		await setNotificationMode(handle.db, f.boss2, { mode: 'app' });
		try {
			await fillAndSubmit(handle.db, f.kartrekker, ref());
			const clock = later();
			await runJobs(handle.db, clock);
			expect(smtp.mails).toHaveLength(0);
			// both see it in the app
			for (const boss of [f.boss, f.boss2]) {
				const items = await listNotifications(handle.db, boss);
				expect(items[0].subject).toMatch(/is ingediend$/);
				expect(await unreadCount(handle.db, boss)).toBeGreaterThan(0);
			}
			// the digest job of the day: one e-mail for the digest user, none for app-only
			const { scheduleDue, DIGEST_HOUR } = await import('../src/lib/server/notifications/schedule');
			// the next morning just after the digest hour, whatever the time of day the test runs
			const nextMorning = () =>
				clock.set(
					new Date(amsterdamInstant(addDays(clock.today(), 1), DIGEST_HOUR).getTime() + 60_000)
				);
			nextMorning();
			await scheduleDue(handle.db, clock);
			await runJobs(handle.db, clock);
			expect(smtp.mails.map((m) => m.to[0])).toEqual([f.emails.boss]);
			expect(smtp.mails[0].subject).toMatch(/nieuwe melding/);
			expect(smtp.mails[0].text).toContain('dagelijkse overzicht');
			expect(smtp.mails[0].text).toContain('https://jaarbeeld.test/meldingen#voorkeur');
			// the next day's digest does not repeat it
			nextMorning();
			await scheduleDue(handle.db, clock);
			await runJobs(handle.db, clock);
			expect(smtp.mails).toHaveLength(1);
		} finally {
			await setNotificationMode(handle.db, f.boss, { mode: 'immediate' });
			await setNotificationMode(handle.db, f.boss2, { mode: 'immediate' });
		}
	});

	it('a kartrekker who lost access to the atelier gets no more about it', async () => {
		const version = await fillAndSubmit(handle.db, f.kartrekker, ref());
		await runJobs(handle.db, later());
		await actingAs(handle.db, f.boss, ref()).transition('return', {
			version,
			comment: 'Graag aanvullen'
		});
		// kartrekker2 is taken off the atelier before the worker runs
		await handle.db
			.deleteFrom('atelier_assignments')
			.where('user_id', '=', f.kartrekker2.id)
			.execute();
		try {
			await runJobs(handle.db, later());
			expect(smtp.mails.filter((m) => /teruggestuurd/.test(m.subject)).map((m) => m.to[0])).toEqual(
				[f.emails.kartrekker]
			);
			const mine = await listNotifications(handle.db, { ...f.kartrekker2, atelierIds: [] });
			expect(mine).toEqual([]);
		} finally {
			await handle.db
				.insertInto('atelier_assignments')
				.values({ atelier_id: f.atelierId, user_id: f.kartrekker2.id })
				.execute();
		}
	});

	it('a transaction that rolls back leaves no job and no notification', async () => {
		const before = (await jobRows(handle.db)).length;
		await fillAndSubmit(handle.db, f.kartrekker, ref()); // creates the report; clear its jobs
		await runJobs(handle.db, later());
		const report = await handle.db
			.selectFrom('quarter_reports')
			.selectAll()
			.where('atelier_id', '=', f.atelierId)
			.where('quarter', '=', quarter)
			.executeTakeFirstOrThrow();
		const jobsNow = (await jobRows(handle.db)).length;
		await expect(
			handle.db.transaction().execute(async (trx) => {
				await notifyTransition(trx, f.boss, report, 'approve', '');
				// the event's own work fails after its notifications were written
				throw new Error('afgebroken');
			})
		).rejects.toThrow('afgebroken');
		expect((await jobRows(handle.db)).length).toBe(jobsNow);
		expect(jobsNow).toBeGreaterThan(before);
		const approvedNotes = await handle.db
			.selectFrom('notifications')
			.select('id')
			.where('kind', '=', 'approved')
			.where('report_id', '=', report.id)
			.execute();
		expect(approvedNotes).toEqual([]);
		// and a refused workflow step (approving a report that is not submitted) leaves none either
		const stale = actingAs(handle.db, f.boss, { atelierId: f.atelierId, quarter: '2030Q1' });
		await expect(stale.transition('approve', { version: 1 })).rejects.toThrow();
		expect((await jobRows(handle.db)).length).toBe(jobsNow);
	});

	it('SMTP down, then up: the action succeeds, the e-mail retries with backoff and arrives once', async () => {
		await smtp.stop();
		const clock = later();
		try {
			await fillAndSubmit(handle.db, f.kartrekker, ref());
			const report = await handle.db
				.selectFrom('quarter_reports')
				.select('status')
				.where('atelier_id', '=', f.atelierId)
				.where('quarter', '=', quarter)
				.executeTakeFirstOrThrow();
			expect(report.status).toBe('ingediend');
			expect(await runJobs(handle.db, clock)).toBe(2);
			const waiting = (await jobRows(handle.db)).filter((j) => j.status === 'pending');
			expect(waiting).toHaveLength(2);
			for (const job of waiting) {
				expect(job.attempts).toBe(1);
				expect(job.last_error).toMatch(/ECONNREFUSED|connect/i);
				expect(new Date(job.run_at).getTime()).toBe(clock.now().getTime() + backoffMs(1));
			}
			// not before the backoff has passed
			clock.advance(backoffMs(1) - 1000);
			expect(await runJobs(handle.db, clock)).toBe(0);
		} finally {
			await smtp.start();
		}
		clock.advance(2000);
		expect(await runJobs(handle.db, clock)).toBe(2);
		clock.advance(3600_000);
		await runJobs(handle.db, clock);
		expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual([f.emails.boss, f.emails.boss2].sort());
		expect((await jobRows(handle.db)).filter((j) => j.status === 'pending')).toEqual([]);
	});

	it('SMTP refusing every time: after the last try the job is failed with the reason', async () => {
		smtp.refuse(true);
		const clock = later();
		try {
			await fillAndSubmit(handle.db, f.kartrekker, ref());
			for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
				expect(await runJobs(handle.db, clock)).toBe(2);
				clock.advance(backoffMs(attempt) + 1000);
			}
			expect(await runJobs(handle.db, clock)).toBe(0);
		} finally {
			smtp.refuse(false);
		}
		const failed = await listFailedJobs(handle.db);
		const mine = failed.filter((j) =>
			j.summary.includes(quarter.replace(/(\d{4})Q(\d)/, 'K$2 $1'))
		);
		expect(mine).toHaveLength(2);
		for (const job of mine) {
			expect(job.kind).toBe('email');
			expect(job.attempts).toBe(MAX_ATTEMPTS);
			expect(job.reason).toMatch(/451/);
		}
		expect(smtp.mails).toHaveLength(0);
	});

	it('two workers at once send each e-mail once', async () => {
		for (let i = 0; i < 3; i++) {
			quarter = `2029Q${i + 1}`;
			await fillAndSubmit(handle.db, f.kartrekker, ref(), `Trots ${i}`);
		}
		const clock = later();
		const ran = await Promise.all([
			runJobs(handle.db, clock, 'worker-a'),
			runJobs(handle.db, clock, 'worker-b')
		]);
		expect(ran[0] + ran[1]).toBe(6);
		expect(smtp.mails).toHaveLength(6);
		const keys = smtp.mails.map((m) => `${m.to[0]}|${m.subject}`);
		expect(new Set(keys).size).toBe(6);
	});
});
