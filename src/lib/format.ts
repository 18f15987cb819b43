const dateFormat = new Intl.DateTimeFormat('nl-NL', {
	day: 'numeric',
	month: 'long',
	year: 'numeric',
	timeZone: 'UTC'
});
const numberFormat = new Intl.NumberFormat('nl-NL');

/** '18 oktober 2022' for a 'YYYY-MM-DD' date. */
export function formatDate(isoDate: string): string {
	return dateFormat.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`));
}

export function formatNumber(value: number): string {
	return numberFormat.format(value);
}

/** '1 deelnemer', '12 deelnemers', '1.250 deelnemers': a count with the word it counts. */
export function countOf(value: number, one: string, many: string): string {
	return `${formatNumber(value)} ${value === 1 ? one : many}`;
}

// The second parts of the long Dutch compounds in the indicator names ("kennisbijeenkomsten",
// "Partnerorganisaties"): a soft hyphen before them lets a narrow table column break the word
// there ("kennis-bijeenkomsten") instead of anywhere, without a hyphenation dictionary.
const COMPOUND_TAILS = [
	'bijeenkomsten',
	'bijeenkomst',
	'organisaties',
	'ateliers',
	'studenten',
	'deskundigen',
	'medewerkers',
	'stadsdelen',
	'leden'
];
const COMPOUND = new RegExp(`(?<=\\p{L}{3})(${COMPOUND_TAILS.join('|')})`, 'giu');

/** `text` with soft hyphens (U+00AD) at the joints of known compounds, for narrow headers. */
export function softHyphens(text: string): string {
	return text.replace(COMPOUND, '\u00ad$1');
}
