import type { Kysely } from 'kysely';
import type { Database } from '../db/types';
import { likelyDuplicates } from './duplicates';
import { listLocations } from './locations';
import { listOrganisations } from './organisations';

/** Everything /beheer/registers shows: both registries and their likely duplicates. */
export async function registriesPage(db: Kysely<Database>) {
	const [locations, organisations] = await Promise.all([listLocations(db), listOrganisations(db)]);
	const municipalities = [...new Set(locations.map((l) => l.municipality))];
	return {
		locations,
		organisations,
		municipalities,
		organisationDuplicates: likelyDuplicates(organisations).map((p) => ({
			a: { id: p.a.id, name: p.a.name },
			b: { id: p.b.id, name: p.b.name },
			reason: p.reason
		})),
		locationDuplicates: likelyDuplicates(
			locations,
			(a, b) => a.municipality === b.municipality
		).map((p) => ({
			a: { id: p.a.id, name: `${p.a.name} (${p.a.municipality})` },
			b: { id: p.b.id, name: `${p.b.name} (${p.b.municipality})` },
			reason: p.reason
		}))
	};
}
