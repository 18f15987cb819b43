import { requireCan } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db/index';
import { fieldError } from '$lib/server/errors';
import {
	narrativeFromForm,
	saveNarrative,
	setDifferenceThreshold
} from '$lib/server/fixed-reports/narrative';
import { audienceFrom } from '$lib/server/fixed-reports/pages';
import { reportPreview } from '$lib/server/fixed-reports/preview';
import { failureOf, intField } from '$lib/server/forms/result';
import { selectionFromUrl } from '$lib/server/metrics/selection';
import { today } from '$lib/server/today';
import type { Actions, PageServerLoad } from './$types';

// The report before it is fixed: the preview as the PDF will print it, and the texts management
// writes for it (saved as a draft per period and audience).
export const load = (async (event) => {
	const user = requireCan(event, 'reportNarrative.write');
	const db = getDb();
	const selection = await selectionFromUrl(db, event.url, today());
	return reportPreview(db, user, selection, audienceFrom(event.url.searchParams));
}) satisfies PageServerLoad;

export const actions = {
	opslaan: async (event) => {
		const user = requireCan(event, 'reportNarrative.write');
		const db = getDb();
		const selection = await selectionFromUrl(db, event.url, today());
		const audience = audienceFrom(event.url.searchParams);
		const form = await event.request.formData();
		// the form always sends the version it showed; without it nothing is saved
		if (form.get('version') === null)
			return failureOf(fieldError('Het formulier is onvolledig. Laad de pagina opnieuw.'), {
				form: 'opslaan'
			});
		const input = narrativeFromForm(form);
		const values = Object.fromEntries(
			[...form].filter(([, v]) => typeof v === 'string') as [string, string][]
		);
		try {
			await saveNarrative(
				db,
				user,
				{ from: selection.from, to: selection.to, audience },
				intField(form, 'version') ?? 0,
				input
			);
		} catch (e) {
			return failureOf(e, { form: 'opslaan', values });
		}
		return { form: 'opslaan', saved: true };
	},
	drempel: async (event) => {
		const user = requireCan(event, 'reportNarrative.write');
		const form = await event.request.formData();
		const values = { differenceThreshold: String(form.get('differenceThreshold') ?? '') };
		try {
			await setDifferenceThreshold(getDb(), user, intField(form, 'version') ?? 0, values);
		} catch (e) {
			return failureOf(e, { form: 'drempel', values });
		}
		return { form: 'drempel', saved: true };
	}
} satisfies Actions;
