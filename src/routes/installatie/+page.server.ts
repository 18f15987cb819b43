import { error, redirect } from '@sveltejs/kit';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { getDb } from '$lib/server/db/index';
import { failureOf } from '$lib/server/forms/result';
import { ActionError } from '$lib/server/errors';
import { completeSetup, setupFormValues, setupNeeded } from '$lib/server/setup/installation';
import type { Actions, PageServerLoad } from './$types';

// Public while the installation has no management account; gone for good (404) afterwards.
export const load = (async () => {
	if (!(await setupNeeded(getDb()))) error(404, 'Deze pagina bestaat niet.');
	return {};
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const typed = setupFormValues(form);
		// kept for a second try: never the code or the passwords
		const values = {
			werkplaatsName: typed.werkplaatsName,
			shortName: typed.shortName,
			name: typed.name,
			email: typed.email
		};
		let result;
		try {
			result = await completeSetup(getDb(), {
				values: typed,
				ip: event.getClientAddress(),
				userAgent: event.request.headers.get('user-agent')
			});
		} catch (e) {
			if (e instanceof ActionError && e.status === 404) error(404, 'Deze pagina bestaat niet.');
			return failureOf(e, { values });
		}
		setSessionCookie(event.cookies, event.url, result.session.token, result.session.expiresAt);
		redirect(303, '/beheer/werkplaats?welkom=1');
	}
} satisfies Actions;
