import { requireCan } from '$lib/server/auth/guards';
import {
	managementViaProviders,
	passwordSignInEnabled,
	setPasswordSignIn
} from '$lib/server/auth/password-switch';
import { redirectUri } from '$lib/server/auth/sso/flow';
import {
	createProvider,
	parseProviderForm,
	providerFormValues,
	providerRows
} from '$lib/server/auth/sso/provider-admin';
import { listProviders } from '$lib/server/auth/sso/providers';
import { KEY_VARIABLE, secretKey } from '$lib/server/auth/sso/secret-box';
import { getDb } from '$lib/server/db/index';
import { ValidationError } from '$lib/server/errors';
import { failureOf } from '$lib/server/forms/result';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	requireCan(event, 'signin.manage');
	const db = getDb();
	const [providers, passwords, usable] = await Promise.all([
		providerRows(db),
		passwordSignInEnabled(db),
		listProviders(db).then((list) => list.filter((p) => p.clientSecret !== null))
	]);
	return {
		providers: providers.map((p) => ({ ...p, redirectUri: redirectUri(event.url.origin, p.key) })),
		redirectExample: redirectUri(event.url.origin, '<sleutel>'),
		passwords,
		managementViaProvider: await managementViaProviders(db, usable),
		keyVariable: KEY_VARIABLE,
		keyConfigured: secretKey() !== null
	};
}) satisfies PageServerLoad;

export const actions = {
	create: async (event) => {
		const actor = requireCan(event, 'signin.manage');
		const form = await event.request.formData();
		try {
			const input = parseProviderForm(form);
			await createProvider(getDb(), actor, input);
			return { created: input.name };
		} catch (e) {
			const { clientSecret: _secret, ...values } = providerFormValues(form);
			void _secret;
			return failureOf(e, { form: 'create', values });
		}
	},
	passwords: async (event) => {
		const actor = requireCan(event, 'signin.manage');
		const form = await event.request.formData();
		const enabled = form.get('enabled') === 'on';
		try {
			if (!enabled && form.get('bevestig') !== 'ja')
				throw new ValidationError({
					bevestig: 'Vink aan dat wachtwoorden niet meer werken; dan pas gaan ze uit.'
				});
			await setPasswordSignIn(getDb(), actor, enabled);
		} catch (e) {
			return failureOf(e, { form: 'passwords' });
		}
		return { passwordsSaved: true };
	}
} satisfies Actions;
