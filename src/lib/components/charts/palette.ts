// Fills that stay apart in greyscale and for colour-blind readers: lightness steps of one hue,
// and from the fifth series on a hatch on top, alternating direction.

export interface Fill {
	colour: string;
	/** Hatch angle in degrees, or null for a plain fill. */
	hatch: number | null;
	/** Hatch line colour with enough contrast on `colour`. */
	ink: string;
}

const LIGHTNESS = [22, 42, 62, 80];

export function fillFor(index: number): Fill {
	const step = LIGHTNESS[index % LIGHTNESS.length];
	const round = Math.floor(index / LIGHTNESS.length);
	return {
		colour: `hsl(205 55% ${step}%)`,
		hatch: round === 0 ? null : round % 2 === 1 ? 45 : -45,
		ink: step < 55 ? '#ffffff' : '#1b2430'
	};
}

const numberFormat = new Intl.NumberFormat('nl-NL');
export const fmt = (value: number) => numberFormat.format(value);
