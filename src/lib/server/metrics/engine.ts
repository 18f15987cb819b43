import type { Kysely } from 'kysely';
import {
	ACTIVITY_KINDS,
	PARTICIPANT_GROUPS,
	RECORDED_PARTICIPANT_GROUPS,
	PUBLICATION_KINDS,
	type ActivityKindCode,
	type ParticipantGroup,
	type PublicationKindCode
} from '../../labels';
import { quartersBetween, type Quarter } from '../../quarters';
import type { Database, ReportStatus } from '../db/types';
import {
	emptyValues,
	INDICATOR_CODES,
	INDICATOR_RULES,
	type IndicatorCode,
	type IndicatorRule,
	type IndicatorValues
} from './catalogue';
import * as q from './queries';
import type { MetricsScope } from './scope';
import { loadTargets, type Targets } from './targets';
import { buildUnits, loadAteliers, type MetricsUnit } from './units';

export interface MetricsQuery {
	from: string;
	to: string;
	/** The selected ateliers; null means all. */
	atelierIds: number[] | null;
	scope: MetricsScope;
	/** Group by line of ateliers (predecessor chains) instead of by atelier. */
	groupByLineage?: boolean;
	/** Compute only the totals and breakdowns (units stay empty, perQuarter may stay zero). */
	totalsOnly?: boolean;
}

export interface UnitMetrics extends MetricsUnit {
	values: IndicatorValues;
	/** Aligned with `quarters`. */
	perQuarter: IndicatorValues[];
}

export interface OpenQuarter {
	quarter: Quarter;
	ateliers: { id: number; slug: string; name: string; status: ReportStatus | 'ontbreekt' }[];
}

export interface Breakdowns {
	activitiesByKind: Record<ActivityKindCode, number>;
	/** Sums per group; 'overig' is the part of the total not assigned to a group. */
	participantsByGroup: Record<ParticipantGroup, number>;
	publicationsByKind: Record<PublicationKindCode, number>;
}

/**
 * Everything a dashboard or an export shows about one period. Totals are computed by the engine
 * (distinct over the period and across ateliers), never by adding up units or quarters.
 */
export interface MetricsResult {
	from: Quarter;
	to: Quarter;
	quarters: Quarter[];
	scope: MetricsScope;
	groupByLineage: boolean;
	/** Null when all ateliers are selected. */
	atelierIds: number[] | null;
	indicators: IndicatorRule[];
	total: IndicatorValues;
	/** The werkplaats total per quarter, aligned with `quarters`. */
	perQuarter: IndicatorValues[];
	units: UnitMetrics[];
	breakdowns: Breakdowns;
	targets: Targets;
	/** Quarters in which an active selected atelier has no approved report. */
	openQuarters: OpenQuarter[];
}

type Cell = { level: q.Level; unit_id: number | null; quarter: string | null };

/** Computes every indicator for a period in a fixed number of aggregate queries. */
export async function computeMetrics(
	db: Kysely<Database>,
	query: MetricsQuery
): Promise<MetricsResult> {
	const quarters = quartersBetween(query.from, query.to);
	if (quarters.length === 0) throw new Error(`Lege periode ${query.from}-${query.to}`);
	const groupByLineage = query.groupByLineage ?? false;
	const ateliers = await loadAteliers(db);
	const { units, unitOf } = buildUnits(ateliers, query.atelierIds, groupByLineage);
	const selection: q.Selection = {
		from: query.from,
		to: query.to,
		atelierIds: [...unitOf.keys()],
		unitIds: [...unitOf.values()],
		scope: query.scope,
		totalsOnly: query.totalsOnly ?? false
	};

	const [activities, students, orgs, places, conversations, pubs, network, active, open, targets] =
		await Promise.all([
			q.activityTotals(db, selection),
			q.studentCounts(db, selection),
			q.organisationCounts(db, selection),
			q.locationCounts(db, selection),
			q.conversationSums(db, selection),
			q.publicationCounts(db, selection),
			q.networkMembers(db, selection),
			q.activeAteliers(db, selection, quarters),
			q.openQuarters(db, selection, quarters),
			loadTargets(db, quarters, units, {
				total: query.atelierIds === null,
				perUnit: !groupByLineage
			})
		]);

	// Collect every aggregate row into total / per quarter / per unit / per unit and quarter.
	const qIndex = new Map<string, number>(quarters.map((quarter, i) => [quarter, i]));
	const total = emptyValues();
	const perQuarter = quarters.map(() => emptyValues());
	const perUnit = new Map(
		units.map((u) => [
			u.id,
			{ values: emptyValues(), perQuarter: quarters.map(() => emptyValues()) }
		])
	);
	const target = (cell: Cell): IndicatorValues | undefined => {
		const unit = cell.unit_id === null ? undefined : perUnit.get(cell.unit_id);
		const qi = cell.quarter === null ? undefined : qIndex.get(cell.quarter);
		switch (cell.level) {
			case 'total':
				return total;
			case 'quarter':
				return qi === undefined ? undefined : perQuarter[qi];
			case 'unit':
				return unit?.values;
			case 'unit-quarter':
				return unit && qi !== undefined ? unit.perQuarter[qi] : undefined;
		}
	};
	const put = <R extends Cell>(rows: R[], codes: (IndicatorCode & keyof R)[]) => {
		for (const row of rows) {
			const values = target(row);
			if (values) for (const code of codes) values[code] = Number(row[code] ?? 0);
		}
	};
	put(students, ['actieve_studenten']);
	put(orgs, ['partnerorganisaties']);
	put(places, ['wijken_stadsdelen']);
	put(conversations, ['gesprekken_bewoners']);
	put(network, ['netwerkleden']);
	put(active, ['leerateliers']);
	const KIND_LEVELS: Record<number, q.Level> = {
		1: 'unit-quarter',
		3: 'unit',
		5: 'quarter',
		7: 'total'
	};
	const activitiesByKind = zeros(ACTIVITY_KINDS);
	const participantsByGroup = zeros(PARTICIPANT_GROUPS);
	for (const row of activities) {
		if (row.gk === 6) {
			activitiesByKind[row.kind as ActivityKindCode] = Number(row.bijeenkomsten);
			continue;
		}
		put(
			[{ ...row, level: KIND_LEVELS[row.gk] }],
			['bijeenkomsten', 'openbare_kennisbijeenkomsten', 'deelnemers']
		);
		if (row.gk === 7) {
			let assigned = 0;
			for (const group of RECORDED_PARTICIPANT_GROUPS) {
				participantsByGroup[group] = Number(row[group]);
				assigned += participantsByGroup[group];
			}
			participantsByGroup.overig = Number(row.deelnemers) - assigned;
		}
	}
	const publicationsByKind = zeros(PUBLICATION_KINDS);
	for (const row of pubs) {
		if (row.gk === 6) publicationsByKind[row.kind as PublicationKindCode] = Number(row.publicaties);
		else put([{ ...row, level: KIND_LEVELS[row.gk] }], ['publicaties']);
	}

	const byAtelier = new Map(ateliers.map((a) => [a.id, a]));
	const openByQuarter = new Map<string, OpenQuarter>();
	for (const row of open) {
		const a = byAtelier.get(row.atelier_id)!;
		const entry = openByQuarter.get(row.quarter) ?? {
			quarter: row.quarter as Quarter,
			ateliers: []
		};
		entry.ateliers.push({
			id: a.id,
			slug: a.slug,
			name: a.name,
			status: (row.status as ReportStatus | null) ?? 'ontbreekt'
		});
		openByQuarter.set(row.quarter, entry);
	}

	// totals only: no units, so a cached previous period does not carry one row per atelier
	const unitMetrics = (query.totalsOnly ? [] : units)
		.map((u) => ({ ...u, ...perUnit.get(u.id)! }))
		.filter((u) => INDICATOR_CODES.some((c) => u.values[c] !== 0))
		.sort((a, b) => a.name.localeCompare(b.name, 'nl'));

	return {
		from: quarters[0],
		to: quarters[quarters.length - 1],
		quarters,
		scope: query.scope,
		groupByLineage,
		atelierIds: query.atelierIds,
		indicators: INDICATOR_CODES.map((c) => INDICATOR_RULES[c]),
		total,
		perQuarter,
		units: unitMetrics,
		breakdowns: { activitiesByKind, participantsByGroup, publicationsByKind },
		targets,
		openQuarters: [...openByQuarter.values()]
	};
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
	return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}
