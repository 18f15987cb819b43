import { redirect } from '@sveltejs/kit';
import { clearSessionCookie, readSessionToken } from '$lib/server/auth/cookies';
import { signOut } from '$lib/server/auth/sign-in';
import { getDb } from '$lib/server/db/index';
import type { Actions, PageServerLoad } from './$types';

// Public: signing out is always allowed; without a session it simply shows the page.
export const load = (({ locals }) => ({ signedIn: locals.user !== null })) satisfies PageServerLoad;

export const actions = {
	default: async ({ cookies, url }) => {
		await signOut(getDb(), readSessionToken(cookies, url));
		clearSessionCookie(cookies, url);
		redirect(303, '/uitloggen');
	}
} satisfies Actions;
