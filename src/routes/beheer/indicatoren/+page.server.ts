import { requireCan } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db/index';
import { ValidationError } from '$lib/server/errors';
import { failureOf, intField } from '$lib/server/forms/result';
import { INDICATOR_RULES, isIndicatorCode } from '$lib/server/metrics/catalogue';
import { ruleText } from '$lib/server/exports/report-data';
import {
	indicatorFormValues,
	loadIndicatorTexts,
	updateIndicatorText
} from '$lib/server/metrics/indicator-texts';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	requireCan(event, 'werkplaats.manage');
	const texts = await loadIndicatorTexts(getDb());
	return {
		indicators: texts
			.filter((t) => isIndicatorCode(t.code))
			.map((t) => ({ ...t, rule: ruleText(INDICATOR_RULES[t.code].aggregation) }))
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const actor = requireCan(event, 'werkplaats.manage');
		const form = await event.request.formData();
		const code = String(form.get('code') ?? '');
		const raw = indicatorFormValues(form);
		const values = { ...raw, hidden: raw.hidden ? 'ja' : '' };
		try {
			if (!isIndicatorCode(code))
				throw new ValidationError({ form: 'Kies een bestaande indicator.' });
			await updateIndicatorText(getDb(), actor, code, intField(form, 'version') ?? 0, raw);
		} catch (e) {
			// the form name says which indicator's form failed
			return failureOf(e, { form: `indicator:${code}`, values });
		}
		return { form: `indicator:${code}`, saved: true };
	}
} satisfies Actions;
