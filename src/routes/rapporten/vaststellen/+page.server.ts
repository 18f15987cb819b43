import { fail, redirect } from '@sveltejs/kit';
import { requireCan } from '$lib/server/auth/guards';
import type { Quarter } from '$lib/quarters';
import { getDb } from '$lib/server/db/index';
import { fixReport } from '$lib/server/fixed-reports/fix';
import { audienceSchema, audienceFrom, fixPreview } from '$lib/server/fixed-reports/pages';
import { failureOf } from '$lib/server/forms/result';
import { parseSelection } from '$lib/server/metrics/period';
import { selectionFromUrl } from '$lib/server/metrics/selection';
import { today } from '$lib/server/today';
import type { Actions, PageServerLoad } from './$types';

// The confirmation step before a report is fixed: fixing cannot be undone.
export const load = (async (event) => {
	const user = requireCan(event, 'fixedReports.fix');
	const db = getDb();
	const selection = await selectionFromUrl(db, event.url, today());
	return fixPreview(db, user, selection, audienceFrom(event.url.searchParams));
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const user = requireCan(event, 'fixedReports.fix');
		const form = await event.request.formData();
		const params = new URLSearchParams();
		for (const [key, value] of form) if (typeof value === 'string') params.append(key, value);
		const selection = parseSelection(params);
		const audience = audienceSchema.safeParse(params.get('voor'));
		if (!selection.success || !audience.success || !selection.data.van || !selection.data.tot)
			return fail(400, {
				message: 'Kies een periode (van en tot) en voor wie het rapport is, en probeer het opnieuw.'
			});
		const { van, tot, atelier, lijn } = selection.data;
		let id: number;
		try {
			const fixed = await fixReport(
				getDb(),
				user,
				{ from: van as Quarter, to: tot as Quarter, ateliers: atelier, lineage: lijn },
				audience.data
			);
			id = fixed.id;
		} catch (e) {
			return failureOf(e);
		}
		redirect(303, `/rapporten/${id}`);
	}
} satisfies Actions;
