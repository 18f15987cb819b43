import { redirect } from '@sveltejs/kit';
import { applySetCookie } from '$lib/server/auth/cookies';
import { appAuth } from '$lib/server/auth/instance';
import { signOut } from '$lib/server/auth/sign-in';
import type { Actions, PageServerLoad } from './$types';

// Public: signing out is always allowed; without a session it simply shows the page.
export const load = (({ locals }) => ({ signedIn: locals.user !== null })) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		if (event.locals.user) {
			const auth = await appAuth(event.url);
			applySetCookie(event.cookies, await signOut(auth, event.request.headers));
		}
		redirect(303, '/uitloggen');
	}
} satisfies Actions;
