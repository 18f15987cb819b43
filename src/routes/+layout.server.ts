import { getDb } from '$lib/server/db/index';
import { getWerkplaatsSettings } from '$lib/server/settings/werkplaats';
import type { LayoutServerLoad } from './$types';

export const load = (async () => {
	const werkplaats = await getWerkplaatsSettings(getDb());
	return { werkplaats: { name: werkplaats.name, shortName: werkplaats.shortName } };
}) satisfies LayoutServerLoad;
