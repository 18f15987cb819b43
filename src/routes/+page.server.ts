import { redirect } from '@sveltejs/kit';
import { homeFor } from '$lib/server/auth/policy';
import type { PageServerLoad } from './$types';

// Public: the start page of each user (a kartrekker's own ateliers), or the sign-in page.
export const load = (({ locals }) => {
	redirect(307, homeFor(locals.user));
}) satisfies PageServerLoad;
