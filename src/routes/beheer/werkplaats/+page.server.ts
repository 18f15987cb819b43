import { requireCan } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db/index';
import { ValidationError } from '$lib/server/errors';
import { failureOf, intField } from '$lib/server/forms/result';
import { logoFormVersion, logoVersion, removeLogo, saveLogo } from '$lib/server/settings/logo';
import {
	formValuesOf,
	getWerkplaatsSettings,
	updateWerkplaatsSettings,
	werkplaatsFormValues
} from '$lib/server/settings/werkplaats';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	requireCan(event, 'werkplaats.manage');
	const db = getDb();
	const [settings, logo, logoFormV] = await Promise.all([
		getWerkplaatsSettings(db),
		logoVersion(db),
		logoFormVersion(db)
	]);
	return {
		values: formValuesOf(settings),
		version: settings.version,
		logo: logo ? `/werkplaats-logo?v=${logo}` : null,
		logoVersion: logoFormV,
		welcome: event.url.searchParams.has('welkom')
	};
}) satisfies PageServerLoad;

export const actions = {
	opslaan: async (event) => {
		const actor = requireCan(event, 'werkplaats.manage');
		const form = await event.request.formData();
		const values = werkplaatsFormValues(form);
		try {
			await updateWerkplaatsSettings(getDb(), actor, intField(form, 'version') ?? 0, values);
		} catch (e) {
			return failureOf(e, { form: 'opslaan', values });
		}
		return { form: 'opslaan', saved: true };
	},
	logo: async (event) => {
		const actor = requireCan(event, 'werkplaats.manage');
		const form = await event.request.formData();
		const file = form.get('logo');
		try {
			if (!(file instanceof File) || file.size === 0)
				throw new ValidationError({ logo: 'Kies een afbeelding (PNG of JPEG).' });
			const bytes = new Uint8Array(await file.arrayBuffer());
			await saveLogo(getDb(), actor, intField(form, 'logoVersion') ?? 0, bytes);
		} catch (e) {
			return failureOf(e, { form: 'logo' });
		}
		return { form: 'logo', saved: true };
	},
	logoVerwijderen: async (event) => {
		const actor = requireCan(event, 'werkplaats.manage');
		const form = await event.request.formData();
		try {
			if (form.get('bevestig') !== 'ja')
				throw new ValidationError({ bevestig: 'Vink aan dat je het logo wilt verwijderen.' });
			await removeLogo(getDb(), actor, intField(form, 'logoVersion') ?? 0);
		} catch (e) {
			return failureOf(e, { form: 'logoVerwijderen' });
		}
		return { form: 'logoVerwijderen', saved: true };
	}
} satisfies Actions;
