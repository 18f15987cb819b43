import { requireCan } from '$lib/server/auth/guards';
import { menuFor } from '$lib/server/auth/policy';
import { BEHEER_SCREENS } from '$lib/beheer-screens';
import type { PageServerLoad } from './$types';

export const load = ((event) => {
	const user = requireCan(event, 'werkplaats.manage');
	const menu = menuFor(user);
	return { screens: BEHEER_SCREENS.filter((s) => menu[s.menu]) };
}) satisfies PageServerLoad;
