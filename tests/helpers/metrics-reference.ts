// A small, obviously-correct in-memory implementation of the indicator rules of DESIGN.md section
// 4, used to check the SQL engine. Slow and simple on purpose: filter, then count.
import { quartersBetween } from '../../src/lib/quarters';

export interface RefAtelier {
	id: number;
	name: string;
	activeFrom: string;
	activeTo: string | null;
	predecessorId: number | null;
}
export interface RefActivity {
	kind: string;
	isPublic: boolean;
	total: number;
	groups: number[]; // six groups in PARTICIPANT_GROUPS order (without 'overig')
	locationId: number | null;
	orgIds: number[];
}
export interface RefReport {
	atelierId: number;
	quarter: string;
	status: string;
	network: number | null;
	activities: RefActivity[];
	studentIds: number[];
	partnerOrgIds: number[];
	publicationKinds: string[];
	reach: { locationId: number; conversations: number }[];
}
export interface RefWorld {
	ateliers: RefAtelier[];
	reports: RefReport[];
}
export interface RefQuery {
	from: string;
	to: string;
	atelierIds: number[] | null;
	scope: 'approved' | 'approved+submitted';
	groupByLineage: boolean;
}

type Values = Record<string, number>;

function root(world: RefWorld, id: number): number {
	let current = world.ateliers.find((a) => a.id === id)!;
	while (current.predecessorId !== null)
		current = world.ateliers.find((a) => a.id === current.predecessorId)!;
	return current.id;
}

function isActive(a: RefAtelier, from: string, to: string): boolean {
	return a.activeFrom <= to && (a.activeTo === null || a.activeTo >= from);
}

/** All ten indicators over one slice: some units' ateliers, some quarters. */
function indicators(
	world: RefWorld,
	query: RefQuery,
	from: string,
	to: string,
	unit: number | null
): Values {
	const statuses = query.scope === 'approved' ? ['goedgekeurd'] : ['goedgekeurd', 'ingediend'];
	const unitOf = (atelierId: number) => (query.groupByLineage ? root(world, atelierId) : atelierId);
	const inSelection = (atelierId: number) =>
		(query.atelierIds === null || query.atelierIds.includes(atelierId)) &&
		(unit === null || unitOf(atelierId) === unit);
	const reports = world.reports.filter(
		(r) =>
			inSelection(r.atelierId) &&
			r.quarter >= from &&
			r.quarter <= to &&
			statuses.includes(r.status)
	);
	const activities = reports.flatMap((r) => r.activities);
	const distinct = (values: (number | null)[]) => new Set(values.filter((v) => v !== null)).size;

	// stock: per unit the value of its latest quarter with a value (summed over its ateliers then)
	const units = new Set(reports.map((r) => unitOf(r.atelierId)));
	let network = 0;
	for (const u of units) {
		const withValue = reports.filter((r) => unitOf(r.atelierId) === u && r.network !== null);
		if (withValue.length === 0) continue;
		const latest = withValue
			.map((r) => r.quarter)
			.sort()
			.at(-1);
		network += withValue.filter((r) => r.quarter === latest).reduce((s, r) => s + r.network!, 0);
	}

	return {
		leerateliers: world.ateliers.filter((a) => inSelection(a.id) && isActive(a, from, to)).length,
		bijeenkomsten: activities.length,
		openbare_kennisbijeenkomsten: activities.filter(
			(a) => a.isPublic && a.kind === 'kennisbijeenkomst'
		).length,
		deelnemers: activities.reduce((s, a) => s + a.total, 0),
		actieve_studenten: distinct(reports.flatMap((r) => r.studentIds)),
		partnerorganisaties: distinct([
			...reports.flatMap((r) => r.partnerOrgIds),
			...activities.flatMap((a) => a.orgIds)
		]),
		gesprekken_bewoners: reports.flatMap((r) => r.reach).reduce((s, x) => s + x.conversations, 0),
		publicaties: reports.flatMap((r) => r.publicationKinds).length,
		wijken_stadsdelen: distinct([
			...activities.map((a) => a.locationId),
			...reports.flatMap((r) => r.reach.map((x) => x.locationId))
		]),
		netwerkleden: network
	};
}

export function referenceMetrics(world: RefWorld, query: RefQuery) {
	const quarters = quartersBetween(query.from, query.to);
	const unitIds = [
		...new Set(
			world.ateliers
				.filter((a) => query.atelierIds === null || query.atelierIds.includes(a.id))
				.map((a) => (query.groupByLineage ? root(world, a.id) : a.id))
		)
	];
	const units = Object.fromEntries(
		unitIds
			.map(
				(u) =>
					[
						u,
						{
							values: indicators(world, query, query.from, query.to, u),
							perQuarter: quarters.map((q) => indicators(world, query, q, q, u))
						}
					] as const
			)
			.filter(([, m]) => Object.values(m.values).some((v) => v !== 0))
	);
	const statuses = query.scope === 'approved' ? ['goedgekeurd'] : ['goedgekeurd', 'ingediend'];
	const selected = world.reports.filter(
		(r) =>
			(query.atelierIds === null || query.atelierIds.includes(r.atelierId)) &&
			r.quarter >= query.from &&
			r.quarter <= query.to &&
			statuses.includes(r.status)
	);
	const activitiesByKind: Values = {};
	const publicationsByKind: Values = {};
	for (const r of selected) {
		for (const a of r.activities) activitiesByKind[a.kind] = (activitiesByKind[a.kind] ?? 0) + 1;
		for (const k of r.publicationKinds) publicationsByKind[k] = (publicationsByKind[k] ?? 0) + 1;
	}
	const open: { quarter: string; atelierId: number; status: string }[] = [];
	for (const q of quarters)
		for (const a of world.ateliers) {
			if (query.atelierIds !== null && !query.atelierIds.includes(a.id)) continue;
			if (!isActive(a, q, q)) continue;
			const report = world.reports.find((r) => r.atelierId === a.id && r.quarter === q);
			if (report?.status !== 'goedgekeurd')
				open.push({ quarter: q, atelierId: a.id, status: report?.status ?? 'ontbreekt' });
		}
	return {
		total: indicators(world, query, query.from, query.to, null),
		perQuarter: quarters.map((q) => indicators(world, query, q, q, null)),
		units,
		activitiesByKind,
		publicationsByKind,
		open
	};
}
