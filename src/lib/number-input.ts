// Numbers as people in the Netherlands type them: "1.250" (a point between groups of three
// digits), "1.250,5" or "2,5" (a decimal comma), "1 250". Used by every number field: counts in the
// record forms and the import, and the targets.

/** What a number field says it accepts, for hints and messages. */
export const WHOLE_NUMBER_HINT = 'bijvoorbeeld 12 of 1.250';
export const DECIMAL_NUMBER_HINT = 'bijvoorbeeld 12, 1.250 of 2,5';

/**
 * The number in `text`, or NaN when it is not one: at most `maxDecimals` digits after the comma
 * (0 for counts). A point is a thousands separator when groups of three digits follow it; a single
 * point followed by one or two digits is read as a decimal point, since "1.25" cannot mean
 * thousands. Negative numbers are not numbers here.
 */
export function readDutchNumber(text: string, maxDecimals: number): number {
	const v = text.replace(/[\s\u00a0\u202f]/g, '');
	if (!/^[\d.,]+$/.test(v) || !/\d/.test(v)) return NaN;
	let whole: string;
	let fraction = '';
	if (v.includes(',')) {
		const parts = v.split(',');
		if (parts.length !== 2) return NaN;
		[whole, fraction] = parts as [string, string];
	} else if (/^\d+\.\d{1,2}$/.test(v)) {
		[whole, fraction] = v.split('.') as [string, string];
	} else whole = v;
	if (whole.includes('.') && !/^\d{1,3}(\.\d{3})+$/.test(whole)) return NaN;
	whole = whole.replaceAll('.', '');
	if (!/^\d{1,12}$/.test(whole) || !/^\d*$/.test(fraction)) return NaN;
	if (fraction.length > maxDecimals) return NaN;
	return Number(fraction ? `${whole}.${fraction}` : whole);
}
