import { error, redirect } from '@sveltejs/kit';
import { requireCan } from '$lib/server/auth/guards';
import { redirectUri } from '$lib/server/auth/sso/flow';
import {
	deleteProvider,
	parseProviderForm,
	providerFormValues,
	providerRows,
	updateProvider
} from '$lib/server/auth/sso/provider-admin';
import { getDb } from '$lib/server/db/index';
import { ValidationError } from '$lib/server/errors';
import { failureOf, intField } from '$lib/server/forms/result';
import type { Actions, PageServerLoad } from './$types';

function providerId(raw: string): number {
	const id = Number(raw);
	if (!Number.isSafeInteger(id) || id <= 0) error(404, 'Deze provider bestaat niet.');
	return id;
}

export const load = (async (event) => {
	requireCan(event, 'signin.manage');
	const id = providerId(event.params.id);
	const provider = (await providerRows(getDb())).find((p) => p.id === id);
	if (!provider) error(404, 'Deze provider bestaat niet.');
	return { provider, redirectUri: redirectUri(event.url.origin, provider.key) };
}) satisfies PageServerLoad;

export const actions = {
	update: async (event) => {
		const actor = requireCan(event, 'signin.manage');
		const id = providerId(event.params.id);
		const form = await event.request.formData();
		const { clientSecret: _secret, ...values } = providerFormValues(form);
		void _secret;
		try {
			const input = parseProviderForm(form);
			await updateProvider(getDb(), actor, id, intField(form, 'version') ?? 0, input);
		} catch (e) {
			return failureOf(e, { form: 'update', id, values });
		}
		return { saved: true };
	},
	delete: async (event) => {
		const actor = requireCan(event, 'signin.manage');
		const id = providerId(event.params.id);
		const form = await event.request.formData();
		try {
			if (form.get('bevestig') !== 'ja')
				throw new ValidationError({ bevestig: 'Vink aan dat je deze provider wilt verwijderen.' });
			await deleteProvider(getDb(), actor, id, intField(form, 'version') ?? 0);
		} catch (e) {
			return failureOf(e, { form: 'delete', id });
		}
		redirect(303, '/beheer/inloggen');
	}
} satisfies Actions;
