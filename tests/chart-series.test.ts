import { describe, expect, it } from 'vitest';
import { fillFor } from '../src/lib/components/charts/palette';
import { STACK_LIMIT, topSeries, trendSeries } from '../src/lib/server/metrics/chart-series';

// The stacked charts (dashboard and PDF) show the largest series and fold the rest into
// "overige": one function, tested here on its own.

const series = (totals: number[][]) =>
	totals.map((values, i) => ({ label: `Atelier ${i + 1}`, values }));
const rest = (n: number) => `Overige ${n}`;

describe('topSeries', () => {
	it('keeps every series, largest first, when there are at most limit + 1', () => {
		const input = series([
			[1, 1],
			[5, 0],
			[0, 3]
		]);
		const out = topSeries(input, rest, 2);
		expect(out.map((s) => s.label)).toEqual(['Atelier 2', 'Atelier 3', 'Atelier 1']);
		expect(out.some((s) => s.rest)).toBe(false);
	});

	it('folds everything after the largest `limit` into one "overige" series, per position', () => {
		const input = series([
			[1, 0, 2],
			[9, 9, 9],
			[0, 0, 0],
			[4, 4, 4],
			[3, 0, 1],
			[2, 2, 2]
		]);
		const out = topSeries(input, rest, 2);
		expect(out.map((s) => s.label)).toEqual(['Atelier 2', 'Atelier 4', 'Overige 4']);
		expect(out[2]).toEqual({ label: 'Overige 4', values: [6, 2, 5], rest: true });
		// nothing is lost: the stack of each position adds up to the same total
		for (let i = 0; i < 3; i++)
			expect(out.reduce((sum, s) => sum + s.values[i], 0)).toBe(
				input.reduce((sum, s) => sum + s.values[i], 0)
			);
	});

	it('keeps the order of ties and does not change its input', () => {
		const input = series([[2], [2], [2], [2]]);
		const copy = structuredClone(input);
		const out = topSeries(input, rest, 2);
		expect(out.map((s) => s.label)).toEqual(['Atelier 1', 'Atelier 2', 'Overige 2']);
		expect(input).toEqual(copy);
	});

	it('a network of 100 ateliers gives STACK_LIMIT series and "overige"', () => {
		const input = Array.from({ length: 100 }, (_, i) => ({
			label: `A${i}`,
			values: [i, 100 - i, i % 7]
		}));
		const out = topSeries(input, rest);
		expect(out).toHaveLength(STACK_LIMIT + 1);
		expect(out.at(-1)).toMatchObject({ label: `Overige ${100 - STACK_LIMIT}`, rest: true });
		const sum = (list: { values: number[] }[]) =>
			list.reduce((a, s) => a + s.values[0] + s.values[1] + s.values[2], 0);
		expect(sum(out)).toBe(sum(input));
		const totals = out.slice(0, -1).map((s) => s.values.reduce((a, b) => a + b, 0));
		expect([...totals].sort((a, b) => b - a)).toEqual(totals);
	});
});

describe('trendSeries', () => {
	const unit = (name: string, perQuarter: number[]) => ({
		name,
		perQuarter: perQuarter.map((n) => ({ bijeenkomsten: n, deelnemers: n * 10 }))
	});

	it('names the rest by what the stack is made of: ateliers or lines', () => {
		const units = Array.from({ length: STACK_LIMIT + 3 }, (_, i) => unit(`U${i}`, [i, 1]));
		type Metrics = Parameters<typeof trendSeries>[0];
		const byAtelier = trendSeries(
			{ units, groupByLineage: false } as unknown as Metrics,
			'deelnemers'
		);
		expect(byAtelier.at(-1)!.label).toBe('Overige 3 leerateliers');
		expect(byAtelier[0]).toEqual({
			label: `U${STACK_LIMIT + 2}`,
			values: [(STACK_LIMIT + 2) * 10, 10]
		});
		const byLine = trendSeries(
			{ units, groupByLineage: true } as unknown as Metrics,
			'bijeenkomsten'
		);
		expect(byLine.at(-1)!.label).toBe('Overige 3 lijnen');
		expect(byLine.at(-1)!.values).toEqual([0 + 1 + 2, 3]);
	});
});

describe('the fills of a stack', () => {
	it('give every series a stack shows its own pattern, and "overige" a look of its own', () => {
		// up to STACK_LIMIT + 1 series are shown without folding
		const fills = Array.from({ length: STACK_LIMIT + 1 }, (_, i) => fillFor(i));
		expect(new Set(fills.map((f) => f.hatch)).size).toBe(STACK_LIMIT + 1);
		const rest = fillFor(0, true);
		expect(fills.some((f) => f.colour === rest.colour)).toBe(false);
	});
});
