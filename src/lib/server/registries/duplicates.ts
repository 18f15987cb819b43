import { normalizeOrganisationName } from '../records/registries';

// Likely duplicates in a registry: names that mean the same organisation or place but were typed
// differently. The registry's own key (normalizeOrganisationName) already ignores case, spaces
// and punctuation; here also legal forms and articles ("Stichting", "de"), and a few letters of
// difference ("Buurtwerk Stein" / "Buurtwerk Stien").

const NOISE = new Set(['stichting', 'vereniging', 'bv', 'nv', 'de', 'het', 't', 'van', 'voor']);

/** The name without legal forms and articles, normalised: the "same name" test. */
export function looseKey(name: string): string {
	const words = name
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/\b(b\.v\.|n\.v\.)/g, ' ')
		.split(/[^a-z0-9]+/)
		.filter((w) => w && !NOISE.has(w));
	return words.join('') || normalizeOrganisationName(name);
}

/** Edit distance, giving up (returning max + 1) once it must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
	if (Math.abs(a.length - b.length) > max) return max + 1;
	let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		let best = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
			best = Math.min(best, current[j]);
		}
		if (best > max) return max + 1;
		previous = current;
	}
	return previous[b.length];
}

/** How many letters may differ: none for very short names, up to two for long ones. */
const allowance = (length: number) => (length < 5 ? 0 : length < 10 ? 1 : 2);

export interface DuplicatePair<T> {
	a: T;
	b: T;
	reason: 'zelfde naam' | 'bijna dezelfde naam';
}

/** Pairs of entries that are probably the same, most certain first. */
export function likelyDuplicates<T extends { id: number; name: string }>(
	entries: T[],
	sameGroup: (a: T, b: T) => boolean = () => true
): DuplicatePair<T>[] {
	const keyed = entries.map((e) => ({ e, key: looseKey(e.name) }));
	const pairs: DuplicatePair<T>[] = [];
	for (let i = 0; i < keyed.length; i++)
		for (let j = i + 1; j < keyed.length; j++) {
			const x = keyed[i];
			const y = keyed[j];
			if (!sameGroup(x.e, y.e)) continue;
			if (x.key === y.key) {
				pairs.push({ a: x.e, b: y.e, reason: 'zelfde naam' });
				continue;
			}
			const max = allowance(Math.min(x.key.length, y.key.length));
			if (max > 0 && editDistance(x.key, y.key, max) <= max)
				pairs.push({ a: x.e, b: y.e, reason: 'bijna dezelfde naam' });
		}
	return pairs.sort((p, q) => (p.reason === q.reason ? 0 : p.reason === 'zelfde naam' ? -1 : 1));
}
