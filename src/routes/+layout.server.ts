import { demoAccountsActive } from '$lib/server/auth/demo-warning';
import { menuFor } from '$lib/server/auth/policy';
import { appDatabase, getDb } from '$lib/server/db/index';
import { unreadCount } from '$lib/server/notifications/inbox';
import { logoVersion } from '$lib/server/settings/logo';
import { getWerkplaatsSettings } from '$lib/server/settings/werkplaats';
import type { LayoutServerLoad } from './$types';

// Public: the werkplaats name, who is signed in (if anyone) and the demo-password warning.
export const load = (async ({ locals }) => {
	const [werkplaats, logo] = await Promise.all([
		getWerkplaatsSettings(getDb()),
		logoVersion(getDb())
	]);
	const user = locals.user;
	return {
		werkplaats: { name: werkplaats.name, shortName: werkplaats.shortName },
		/** The logo's URL, changing with each upload; null when there is none. */
		logo: logo ? `/werkplaats-logo?v=${logo}` : null,
		user: user ? { name: user.name, role: user.role } : null,
		menu: menuFor(user),
		unread: user ? await unreadCount(getDb(), user) : 0,
		demoWarning: await demoAccountsActive(getDb(), appDatabase().kind)
	};
}) satisfies LayoutServerLoad;
