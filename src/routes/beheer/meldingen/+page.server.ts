import { requireCan } from '$lib/server/auth/guards';
import { can } from '$lib/server/auth/policy';
import { getDb } from '$lib/server/db/index';
import { ActionError } from '$lib/server/errors';
import { failureOf, intField } from '$lib/server/forms/result';
import { systemClock } from '$lib/server/jobs/clock';
import { jobCounts, listFailedJobs, retryJob } from '$lib/server/jobs/queue';
import { mailConfig } from '$lib/server/mail/smtp';
import { workerWanted } from '$lib/server/notifications/index';
import { reminderDaysBefore, saveReminderDaysBefore } from '$lib/server/notifications/settings';
import type { Actions, PageServerLoad } from './$types';

// Delivery of notifications for management: what failed and why, and the reminder setting.
export const load = (async (event) => {
	const user = requireCan(event, 'jobs.read');
	const db = getDb();
	const [failed, counts, days] = await Promise.all([
		listFailedJobs(db),
		jobCounts(db),
		reminderDaysBefore(db)
	]);
	return {
		failed,
		counts,
		days,
		mailOn: mailConfig() !== null,
		workerHere: workerWanted(),
		mayManage: can(user, 'jobs.manage')
	};
}) satisfies PageServerLoad;

export const actions = {
	opnieuw: async (event) => {
		requireCan(event, 'jobs.manage');
		const form = await event.request.formData();
		const id = intField(form, 'id');
		try {
			if (id === null || !(await retryJob(getDb(), id, systemClock)))
				throw new ActionError('Deze taak staat niet (meer) op mislukt.', 404);
		} catch (e) {
			return failureOf(e, { form: 'opnieuw', id });
		}
		return { retried: id };
	},
	herinnering: async (event) => {
		const actor = requireCan(event, 'jobs.manage');
		const form = await event.request.formData();
		const values = { days: String(form.get('days') ?? '') };
		try {
			await saveReminderDaysBefore(getDb(), actor, values);
		} catch (e) {
			return failureOf(e, { form: 'herinnering', values });
		}
		return { saved: true };
	}
} satisfies Actions;
