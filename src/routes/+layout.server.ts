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
		demoWarning: await demoAccountsActive(getDb(), appDatabase().kind),
		// A signed-in page is private and no-store (hooks.server.ts), so an ETag is of no use; but
		// SvelteKit hashes every page it renders in one piece (5 ms per MB of HTML). A page with a
		// promise in its data is streamed instead, and a streamed page is not hashed. So a signed-in
		// page carries one already resolved promise.
		streamed: user ? Promise.resolve(true) : null
	};
}) satisfies LayoutServerLoad;
