import type { Quarter } from '../../quarters';
import { INDICATOR_CODES, type IndicatorCode, type IndicatorValues } from './catalogue';
import type { MetricsQuery, MetricsResult } from './engine';
import { previousPeriod } from './period';

/**
 * The comparison with the previous period, in one place for the dashboard card, the workbook's
 * "Vorige periode" and the council PDF: the period of the same length just before, with the same
 * ateliers, the same data scope and the same grouping (by atelier or by line), so "Netwerkleden"
 * (the last value per unit) compares the same units in both periods.
 */
export interface PeriodComparison {
	from: Quarter;
	to: Quarter;
	/** False when no selected atelier was active in the previous period: no comparison then. */
	available: boolean;
	/** The previous period's totals. */
	total: IndicatorValues;
	/** Per indicator the change against the previous period; null without a comparison. */
	changes: Record<IndicatorCode, IndicatorChange | null>;
}

export interface IndicatorChange {
	previous: number;
	/** Current minus previous. */
	change: number;
	/** change / previous, or null when the previous value is 0. */
	ratio: number | null;
}

/** The engine query of the previous period: only the period moves, nothing else. */
export function previousQuery(query: MetricsQuery): MetricsQuery {
	return { ...query, ...previousPeriod(query.from, query.to), totalsOnly: true };
}

/** The change of one indicator; null when there is nothing to compare with. */
export function indicatorChange(
	now: number,
	previous: number,
	available: boolean
): IndicatorChange | null {
	if (!available) return null;
	return {
		previous,
		change: now - previous,
		ratio: previous === 0 ? null : (now - previous) / previous
	};
}

/** Builds the comparison of a current result with the previous period's result. */
export function comparisonOf(current: MetricsResult, previous: MetricsResult): PeriodComparison {
	const available = previous.total.leerateliers > 0;
	const changes = Object.fromEntries(
		INDICATOR_CODES.map((c) => [c, indicatorChange(current.total[c], previous.total[c], available)])
	) as PeriodComparison['changes'];
	return { from: previous.from, to: previous.to, available, total: previous.total, changes };
}
