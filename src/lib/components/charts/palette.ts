// Fills that stay apart without colour: each of the first nine series (a stack shows at most
// nine, metrics/chart-series.ts) has its own pattern (plain, hatched in four directions, crossed
// diagonally or square, dashed, dotted) on top of lightness steps of one hue, so a reader in greyscale or
// with a colour vision deficiency tells the series apart by the pattern alone. The last series
// of a stack may be "overige" (the rest): a plain light grey, unlike any atelier.

/** The marks drawn on top of the colour; 'none' is a plain fill. */
export type Hatch =
	| 'none'
	| 'diagonal'
	| 'antidiagonal'
	| 'horizontal'
	| 'vertical'
	| 'cross'
	| 'grid'
	| 'dashes'
	| 'dots';

export interface Fill {
	colour: string;
	hatch: Hatch;
	/** Hatch line colour with enough contrast on `colour`. */
	ink: string;
}

const LIGHTNESS = [22, 42, 62, 80];
export const HATCHES: readonly Hatch[] = [
	'none',
	'diagonal',
	'dots',
	'antidiagonal',
	'horizontal',
	'cross',
	'vertical',
	'grid',
	'dashes'
];

/** The fill of series `index` (0-based); `rest` for the "overige" series of a stack. */
export function fillFor(index: number, rest = false): Fill {
	if (rest) return { colour: 'hsl(210 10% 88%)', hatch: 'none', ink: '#55606e' };
	const step = LIGHTNESS[index % LIGHTNESS.length];
	return {
		colour: `hsl(205 55% ${step}%)`,
		hatch: HATCHES[index % HATCHES.length],
		ink: step < 55 ? '#ffffff' : '#1b2430'
	};
}

const numberFormat = new Intl.NumberFormat('nl-NL');
export const fmt = (value: number) => numberFormat.format(value);
