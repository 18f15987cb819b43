import type { Kysely } from 'kysely';
import type { Database } from '../db/types';

export interface AtelierMeta {
	id: number;
	slug: string;
	name: string;
	activeFrom: string;
	activeTo: string | null;
	predecessorId: number | null;
}

/** What the numbers are grouped by: one atelier, or (lineage grouping) one line of ateliers. */
export interface MetricsUnit {
	/** The atelier id, or for a line the id of its first atelier (the root of the chain). */
	id: number;
	slug: string;
	/** The atelier's name; for a line the name of its latest atelier. */
	name: string;
	/** The selected ateliers in this unit, oldest first. */
	ateliers: { id: number; slug: string; name: string }[];
}

export async function loadAteliers(db: Kysely<Database>): Promise<AtelierMeta[]> {
	const rows = await db
		.selectFrom('ateliers')
		.select(['id', 'slug', 'name', 'active_from', 'active_to', 'predecessor_id'])
		.orderBy('active_from')
		.orderBy('name')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		slug: r.slug,
		name: r.name,
		activeFrom: r.active_from,
		activeTo: r.active_to,
		predecessorId: r.predecessor_id
	}));
}

/** The first atelier of each atelier's line, following predecessor_id (cycle-safe). */
export function lineageRoots(ateliers: AtelierMeta[]): Map<number, number> {
	const byId = new Map(ateliers.map((a) => [a.id, a]));
	const roots = new Map<number, number>();
	for (const a of ateliers) {
		let current = a;
		const seen = new Set<number>([a.id]);
		while (current.predecessorId !== null) {
			const next = byId.get(current.predecessorId);
			if (!next || seen.has(next.id)) break;
			seen.add(next.id);
			current = next;
		}
		roots.set(a.id, current.id);
	}
	return roots;
}

/**
 * Maps each selected atelier to its unit. The mapping (a handful of rows of metadata) is passed to
 * every aggregate query, so the grouping happens in SQL.
 */
export function buildUnits(
	ateliers: AtelierMeta[],
	selected: number[] | null,
	groupByLineage: boolean
): { units: MetricsUnit[]; unitOf: Map<number, number> } {
	const chosen = selected === null ? ateliers : ateliers.filter((a) => selected.includes(a.id));
	const roots = groupByLineage ? lineageRoots(ateliers) : null;
	const byId = new Map(ateliers.map((a) => [a.id, a]));
	const unitOf = new Map<number, number>();
	const units = new Map<number, MetricsUnit>();
	for (const a of chosen) {
		const unitId = roots?.get(a.id) ?? a.id;
		unitOf.set(a.id, unitId);
		const root = byId.get(unitId)!;
		const unit = units.get(unitId) ?? {
			id: unitId,
			slug: root.slug,
			name: a.name,
			ateliers: []
		};
		unit.ateliers.push({ id: a.id, slug: a.slug, name: a.name });
		// ateliers come oldest first, so the last one seen names the line
		unit.name = a.name;
		units.set(unitId, unit);
	}
	return { units: [...units.values()], unitOf };
}
