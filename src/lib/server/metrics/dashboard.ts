import type { Kysely } from 'kysely';
import { makeQuarter, parseQuarter, type Quarter } from '../../quarters';
import type { SessionUser } from '../auth/guards';
import { dataScopeFor, visibleAtelierIds } from '../auth/policy';
import type { Database } from '../db/types';
import { listSubsidyPeriods } from '../settings/werkplaats';
import { cachedMetrics } from './cache';
import { trendSeries, type StackSeries } from './chart-series';
import type { MetricsQuery, MetricsResult, UnitMetrics } from './engine';
import { loadIndicatorTexts, withVisibleIndicators, type IndicatorText } from './indicator-texts';
import type { MetricsScope } from './scope';
import { comparisonOf, previousQuery, type PeriodComparison } from './comparison';
import { lineageRoots, loadAteliers } from './units';

export interface PeriodPreset {
	label: string;
	from: Quarter;
	to: Quarter;
}

export interface DashboardSelection {
	from: Quarter;
	to: Quarter;
	/** Atelier slugs from the URL; empty means every atelier the user may see. */
	ateliers: string[];
	lineage: boolean;
}

/**
 * The engine's result as the page uses it: the numbers per quarter per unit only reach the page
 * as the charts' series (`trends`, eight ateliers and "overige"), not as 100 rows of zeros.
 */
export type DashboardMetrics = Omit<MetricsResult, 'units' | 'perQuarter'> & {
	units: Omit<UnitMetrics, 'perQuarter'>[];
};

export interface DashboardData {
	selection: DashboardSelection;
	scope: MetricsScope;
	metrics: DashboardMetrics;
	previous: PeriodComparison;
	presets: PeriodPreset[];
	atelierOptions: { slug: string; name: string }[];
	indicatorTexts: IndicatorText[];
	/** The stacked charts' series: the largest ateliers (or lines) and "overige". */
	trends: Record<'bijeenkomsten' | 'deelnemers', StackSeries[]>;
}

/** The metrics query for a user and selection: requested ateliers within the visible ones. */
export async function metricsQueryFor(
	db: Kysely<Database>,
	user: SessionUser,
	selection: DashboardSelection
): Promise<{ query: MetricsQuery; options: { slug: string; name: string }[] }> {
	const visible = visibleAtelierIds(user);
	let q = db.selectFrom('ateliers').select(['id', 'slug', 'name']).orderBy('name');
	if (visible !== null) q = q.where('id', 'in', visible.length ? visible : [-1]);
	const options = await q.execute();
	let requested = selection.ateliers.length
		? options.filter((a) => selection.ateliers.includes(a.slug)).map((a) => a.id)
		: null;
	// Grouped by line, a chosen atelier brings the rest of its line (predecessors and successors)
	// that the user may see: "Over leven" over 2020-2024 includes what "Armoede" logged.
	if (selection.lineage && requested) {
		const roots = lineageRoots(await loadAteliers(db));
		const lines = new Set(requested.map((id) => roots.get(id)));
		requested = options.filter((a) => lines.has(roots.get(a.id))).map((a) => a.id);
	}
	const atelierIds = requested ?? (visible === null ? null : options.map((a) => a.id));
	return {
		query: {
			from: selection.from,
			to: selection.to,
			atelierIds,
			scope: dataScopeFor(user),
			groupByLineage: selection.lineage
		},
		options: options.map((a) => ({ slug: a.slug, name: a.name }))
	};
}

/** Presets: every subsidy period and every calendar year with ateliers. */
export async function periodPresets(db: Kysely<Database>, today: string): Promise<PeriodPreset[]> {
	const [periods, span] = await Promise.all([
		listSubsidyPeriods(db),
		db
			.selectFrom('ateliers')
			.select((eb) => [eb.fn.min('active_from').as('first')])
			.executeTakeFirst()
	]);
	const presets: PeriodPreset[] = periods.map((p) => ({
		label: p.name,
		from: p.startQuarter as Quarter,
		to: p.endQuarter as Quarter
	}));
	const lastYear = Number(today.slice(0, 4));
	const firstYear = span?.first ? parseQuarter(span.first).year : lastYear;
	for (let year = firstYear; year <= lastYear; year++)
		presets.push({ label: String(year), from: makeQuarter(year, 1), to: makeQuarter(year, 4) });
	return presets;
}

/** Everything the dashboard page shows, computed by the engine for the period and the one before. */
export async function loadDashboard(
	db: Kysely<Database>,
	user: SessionUser,
	selection: DashboardSelection,
	today: string
): Promise<DashboardData> {
	const { query, options } = await metricsQueryFor(db, user, selection);
	const [metrics, before, presets, indicatorTexts] = await Promise.all([
		cachedMetrics(db, query),
		cachedMetrics(db, previousQuery(query)),
		periodPresets(db, today),
		loadIndicatorTexts(db)
	]);
	const previous = comparisonOf(metrics, before);
	const visible = withVisibleIndicators(metrics, indicatorTexts);
	const shown: DashboardMetrics = {
		from: visible.from,
		to: visible.to,
		quarters: visible.quarters,
		scope: visible.scope,
		groupByLineage: visible.groupByLineage,
		atelierIds: visible.atelierIds,
		indicators: visible.indicators,
		total: visible.total,
		units: visible.units.map((u) => ({
			id: u.id,
			name: u.name,
			slug: u.slug,
			ateliers: u.ateliers,
			values: u.values
		})),
		breakdowns: visible.breakdowns,
		targets: visible.targets,
		openQuarters: visible.openQuarters
	};
	return {
		selection,
		scope: query.scope,
		metrics: shown,
		previous,
		presets,
		atelierOptions: options,
		indicatorTexts,
		trends: {
			bijeenkomsten: trendSeries(metrics, 'bijeenkomsten'),
			deelnemers: trendSeries(metrics, 'deelnemers')
		}
	};
}
