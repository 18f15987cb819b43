import { requireCan } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db/index';
import { parseInput } from '$lib/server/errors';
import { askConfirmation, isConfirmed } from '$lib/server/forms/confirm';
import { failureOf, intField } from '$lib/server/forms/result';
import {
	locationFormValues,
	locationSchema,
	organisationFormValues,
	organisationSchema
} from '$lib/server/registries/forms';
import { createLocation, mergeLocations, updateLocation } from '$lib/server/registries/locations';
import {
	createOrganisation,
	mergeOrganisations,
	updateOrganisation
} from '$lib/server/registries/organisations';
import { registriesPage } from '$lib/server/registries/page';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	requireCan(event, 'registries.manage');
	return registriesPage(getDb());
}) satisfies PageServerLoad;

/** The two ids of a merge form: who stays and who goes. */
const pairOf = (form: FormData) => ({
	survivor: intField(form, 'survivor') ?? 0,
	removed: intField(form, 'removed') ?? 0
});

/** Which merge form on the page asked (a pair in the duplicates list, or the free choice). */
function confirmKey(form: FormData, fallback: string): string {
	const key = String(form.get('sleutel') ?? '');
	return /^[a-z0-9-]{1,60}$/.test(key) ? key : fallback;
}

export const actions = {
	locatie: async (event) => {
		const actor = requireCan(event, 'registries.manage');
		const form = await event.request.formData();
		const values = locationFormValues(form);
		try {
			await createLocation(getDb(), actor, parseInput(locationSchema, values));
		} catch (e) {
			return failureOf(e, { form: 'locatie', values });
		}
		return { done: 'locatie', name: values.name };
	},
	locatieWijzigen: async (event) => {
		const actor = requireCan(event, 'registries.manage');
		const form = await event.request.formData();
		const values = locationFormValues(form);
		const id = intField(form, 'id');
		try {
			const input = parseInput(locationSchema, values);
			await updateLocation(getDb(), actor, id ?? 0, intField(form, 'version') ?? 0, input);
		} catch (e) {
			return failureOf(e, { form: 'locatieWijzigen', id, values });
		}
		return { done: 'locatieWijzigen', name: values.name };
	},
	locatieSamenvoegen: async (event) => {
		const actor = requireCan(event, 'registries.manage');
		const form = await event.request.formData();
		const key = confirmKey(form, 'locatie-samenvoegen');
		if (!isConfirmed(form)) return askConfirmation(key, form);
		const { survivor, removed } = pairOf(form);
		try {
			const { moved } = await mergeLocations(getDb(), actor, survivor, removed);
			return { done: 'locatieSamenvoegen', moved };
		} catch (e) {
			return failureOf(e, { form: key });
		}
	},
	organisatie: async (event) => {
		const actor = requireCan(event, 'registries.manage');
		const form = await event.request.formData();
		const values = organisationFormValues(form);
		try {
			await createOrganisation(getDb(), actor, parseInput(organisationSchema, values));
		} catch (e) {
			return failureOf(e, { form: 'organisatie', values });
		}
		return { done: 'organisatie', name: values.name };
	},
	organisatieWijzigen: async (event) => {
		const actor = requireCan(event, 'registries.manage');
		const form = await event.request.formData();
		const values = organisationFormValues(form);
		const id = intField(form, 'id');
		try {
			const input = parseInput(organisationSchema, values);
			await updateOrganisation(getDb(), actor, id ?? 0, intField(form, 'version') ?? 0, input);
		} catch (e) {
			return failureOf(e, { form: 'organisatieWijzigen', id, values });
		}
		return { done: 'organisatieWijzigen', name: values.name };
	},
	organisatieSamenvoegen: async (event) => {
		const actor = requireCan(event, 'registries.manage');
		const form = await event.request.formData();
		const key = confirmKey(form, 'organisatie-samenvoegen');
		if (!isConfirmed(form)) return askConfirmation(key, form);
		const { survivor, removed } = pairOf(form);
		try {
			const { moved } = await mergeOrganisations(getDb(), actor, survivor, removed);
			return { done: 'organisatieSamenvoegen', moved };
		} catch (e) {
			return failureOf(e, { form: key });
		}
	}
} satisfies Actions;
