import { requireCan } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db/index';
import { ValidationError } from '$lib/server/errors';
import { failureOf, intField } from '$lib/server/forms/result';
import {
	createSubsidyPeriod,
	deleteSubsidyPeriod,
	periodFormValues,
	updateSubsidyPeriod
} from '$lib/server/settings/periods';
import { listSubsidyPeriods } from '$lib/server/settings/werkplaats';
import { today } from '$lib/server/today';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	requireCan(event, 'werkplaats.manage');
	const periods = await listSubsidyPeriods(getDb());
	const year = Number(today().slice(0, 4));
	const years = [
		year,
		...periods.flatMap((p) => [p.startQuarter, p.endQuarter]).map((q) => Number(q.slice(0, 4)))
	];
	return {
		periods,
		firstYear: Math.min(...years) - 10,
		lastYear: Math.max(...years) + 10
	};
}) satisfies PageServerLoad;

export const actions = {
	toevoegen: async (event) => {
		const actor = requireCan(event, 'werkplaats.manage');
		const values = periodFormValues(await event.request.formData());
		try {
			await createSubsidyPeriod(getDb(), actor, values);
		} catch (e) {
			return failureOf(e, { form: 'toevoegen', values });
		}
		return { form: 'toevoegen', saved: true };
	},
	wijzigen: async (event) => {
		const actor = requireCan(event, 'werkplaats.manage');
		const form = await event.request.formData();
		const id = intField(form, 'id');
		const values = periodFormValues(form);
		try {
			if (id === null) throw new ValidationError({ form: 'Kies een periode om te wijzigen.' });
			await updateSubsidyPeriod(getDb(), actor, id, intField(form, 'version') ?? 0, values);
		} catch (e) {
			return failureOf(e, { form: 'wijzigen', id, values });
		}
		return { form: 'wijzigen', id, saved: true };
	},
	verwijderen: async (event) => {
		const actor = requireCan(event, 'werkplaats.manage');
		const form = await event.request.formData();
		const id = intField(form, 'id');
		try {
			if (id === null) throw new ValidationError({ form: 'Kies een periode om te verwijderen.' });
			if (form.get('bevestig') !== 'ja')
				throw new ValidationError({ bevestig: 'Vink aan dat je deze periode wilt verwijderen.' });
			await deleteSubsidyPeriod(getDb(), actor, id, intField(form, 'version') ?? 0);
		} catch (e) {
			return failureOf(e, { form: 'verwijderen', id });
		}
		return { form: 'verwijderen', id, saved: true };
	}
} satisfies Actions;
