import type { MetricsResult } from './engine';

/** One series of a stacked chart; `rest` marks the "overige" series (drawn in its own fill). */
export interface StackSeries {
	label: string;
	values: number[];
	rest?: boolean;
}

/**
 * How many series a stacked chart shows before the rest is folded into "overige": more than
 * about eight patterns cannot be told apart, and a 100-atelier stack is unreadable anyway.
 */
export const STACK_LIMIT = 8;

/**
 * The `limit` series with the largest totals, largest first (ties keep their order), and one
 * "overige" series with the sum of the rest per position. Folding a single series would only
 * rename it, so up to `limit + 1` series are shown as they are.
 */
export function topSeries(
	series: readonly { label: string; values: readonly number[] }[],
	restLabel: (count: number) => string,
	limit = STACK_LIMIT
): StackSeries[] {
	const ranked = series
		.map((s, order) => ({ s, order, total: s.values.reduce((a, b) => a + b, 0) }))
		.sort((a, b) => b.total - a.total || a.order - b.order)
		.map(({ s }) => ({ label: s.label, values: [...s.values] }));
	if (ranked.length <= limit + 1) return ranked;
	const rest = ranked.slice(limit);
	return [
		...ranked.slice(0, limit),
		{
			label: restLabel(rest.length),
			values: rest[0].values.map((_, i) => rest.reduce((sum, s) => sum + s.values[i], 0)),
			rest: true
		}
	];
}

/** The trend per quarter of one indicator, per atelier (or line): the stacked charts' data. */
export function trendSeries(
	metrics: Pick<MetricsResult, 'units' | 'groupByLineage'>,
	code: 'bijeenkomsten' | 'deelnemers',
	limit = STACK_LIMIT
): StackSeries[] {
	return topSeries(
		metrics.units.map((u) => ({ label: u.name, values: u.perQuarter.map((v) => v[code]) })),
		(n) => `Overige ${n} ${metrics.groupByLineage ? 'lijnen' : 'leerateliers'}`,
		limit
	);
}
