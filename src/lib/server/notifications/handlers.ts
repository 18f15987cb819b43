import type { Kysely } from 'kysely';
import { listAtelierOverview } from '../ateliers/overview';
import { choosePeriod } from '../ateliers/period-choice';
import type { Database } from '../db/types';
import { enqueue, type Job } from '../jobs/queue';
import type { Handlers, JobContext } from '../jobs/worker';
import { mailConfig, sendMail } from '../mail/smtp';
import { quarterLabel } from '../../quarters';
import { getWerkplaatsSettings, listSubsidyPeriods } from '../settings/werkplaats';
import { digestText, mailText, MESSAGES, quarterPath, reasonFor, siteOrigin } from './messages';
import { notifyUsers } from './notify';
import { notificationMode } from './preferences';
import { kartrekkersOf, managers, stillEntitled } from './recipients';

const payloadOf = (job: Job) => (job.payload ?? {}) as Record<string, unknown>;

/** One notification as an e-mail to its user, if they still want it and may still see it. */
async function sendNotificationMail(job: Job, { db }: JobContext) {
	const config = mailConfig();
	if (!config) return;
	const id = Number(payloadOf(job).notificationId);
	const n = await db
		.selectFrom('notifications as n')
		.leftJoin('ateliers as a', 'a.id', 'n.atelier_id')
		.select([
			'n.user_id',
			'n.kind',
			'n.atelier_id',
			'n.subject',
			'n.body',
			'n.url',
			'a.name as atelier'
		])
		.where('n.id', '=', id)
		.executeTakeFirst();
	if (!n) return;
	const user = await stillEntitled(db, n.user_id, n.atelier_id);
	if (!user || (await notificationMode(db, user.id)) !== 'immediate') return;
	await sendMail(config, {
		to: user.email,
		subject: n.subject,
		text: mailText({
			name: user.name,
			body: n.body,
			url: n.url,
			reason: reasonFor(n.kind, user, n.atelier),
			origin: siteOrigin()
		})
	});
}

/** The daily digest: one job per user who chose it and has something new (each retried alone). */
async function fanOutDigest(job: Job, { db, clock }: JobContext) {
	if (!mailConfig()) return;
	const date = String(payloadOf(job).date);
	const users = await db
		.selectFrom('notification_preferences as p')
		.innerJoin('app_users as u', 'u.id', 'p.user_id')
		.select('u.id')
		.where('p.mode', '=', 'digest')
		.where('u.active', '=', true)
		.where((eb) =>
			eb.exists(
				eb
					.selectFrom('notifications as n')
					.select('n.id')
					.whereRef('n.user_id', '=', 'u.id')
					.where('n.digested_at', 'is', null)
			)
		)
		.execute();
	for (const u of users)
		await enqueue(db, {
			kind: 'digest_user',
			payload: { userId: u.id, date },
			dedupeKey: `digest:${date}:${u.id}`,
			runAt: clock.now()
		});
}

async function sendDigest(job: Job, { db, clock }: JobContext) {
	const config = mailConfig();
	if (!config) return;
	const userId = Number(payloadOf(job).userId);
	const user = await stillEntitled(db, userId, null);
	if (!user || (await notificationMode(db, userId)) !== 'digest') return;
	const pending = await db
		.selectFrom('notifications')
		.select(['id', 'atelier_id', 'subject', 'body', 'url'])
		.where('user_id', '=', userId)
		.where('digested_at', 'is', null)
		.where('created_at', '<=', clock.now())
		.orderBy('id')
		.execute();
	const items = [];
	for (const n of pending) if (await stillEntitled(db, userId, n.atelier_id)) items.push(n);
	if (items.length)
		await sendMail(config, {
			to: user.email,
			subject: `Jaarbeeld: ${items.length === 1 ? '1 nieuwe melding' : `${items.length} nieuwe meldingen`}`,
			text: digestText({ name: user.name, items, origin: siteOrigin() })
		});
	if (pending.length)
		await db
			.updateTable('notifications')
			.set({ digested_at: clock.now() })
			.where(
				'id',
				'in',
				pending.map((n) => n.id)
			)
			.execute();
}

/** A reminder to the kartrekkers the atelier has now, unless the quarter was submitted since. */
async function remind(job: Job, { db, clock }: JobContext) {
	const p = payloadOf(job);
	const atelierId = Number(p.atelierId);
	const quarter = String(p.quarter);
	const due = String(p.due);
	const atelier = await db
		.selectFrom('ateliers')
		.select(['id', 'slug', 'name'])
		.where('id', '=', atelierId)
		.executeTakeFirst();
	if (!atelier) return;
	const report = await db
		.selectFrom('quarter_reports')
		.select(['id', 'status'])
		.where('atelier_id', '=', atelierId)
		.where('quarter', '=', quarter)
		.executeTakeFirst();
	if (report && (report.status === 'ingediend' || report.status === 'goedgekeurd')) return;
	const kind = p.reminder === 'overdue' ? 'reminder_overdue' : 'reminder_due';
	await notifyUsers(
		db,
		await kartrekkersOf(db, atelierId),
		{
			kind,
			atelierId,
			reportId: report?.id ?? null,
			...MESSAGES[kind]({ quarter, atelier: atelier.name, due }),
			url: quarterPath(atelier.slug, quarter)
		},
		clock.now()
	);
}

/** Monday's overview for management: overdue quarters and quarters waiting for review. */
async function weeklyOverview(_job: Job, { db, clock }: JobContext) {
	const kysely = db as Kysely<Database>;
	const [periods, settings] = await Promise.all([
		listSubsidyPeriods(kysely),
		getWerkplaatsSettings(kysely)
	]);
	const today = clock.today();
	const choice = choosePeriod(periods, null, today);
	if (!choice) return;
	const ateliers = await listAtelierOverview(kysely, choice, {
		today,
		dueMonths: settings.quarterDueMonths
	});
	const overdue = ateliers.flatMap((a) =>
		a.quarters.filter((q) => q.overdue).map((q) => `${quarterLabel(q.quarter)} van ${a.name}`)
	);
	const waiting = ateliers.flatMap((a) =>
		a.quarters
			.filter((q) => q.state === 'ingediend')
			.map((q) => `${quarterLabel(q.quarter)} van ${a.name}`)
	);
	const list = (items: string[]) =>
		items.length ? items.map((i) => `- ${i}`).join('\n') : '- geen';
	await notifyUsers(
		db,
		await managers(db),
		{
			kind: 'weekly',
			atelierId: null,
			reportId: null,
			subject: `Weekoverzicht: ${overdue.length} te laat, ${waiting.length} wachten op beoordeling`,
			body: `Te laat (nog niet ingediend na de uiterste datum):\n${list(overdue)}\n\nIngediend, wachten op je beoordeling:\n${list(waiting)}`,
			url: '/beheer/kwartalen'
		},
		clock.now()
	);
}

/** Every kind of job the app runs. */
export const HANDLERS: Handlers = {
	email: { transactional: false, run: sendNotificationMail },
	digest: { transactional: true, run: fanOutDigest },
	digest_user: { transactional: false, run: sendDigest },
	reminder: { transactional: true, run: remind },
	weekly: { transactional: true, run: weeklyOverview }
};
