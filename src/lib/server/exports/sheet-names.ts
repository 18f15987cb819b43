// Workbook tab names. Excel allows at most 31 characters, none of []:*?/\, no apostrophe at the
// start or end, not "History", and no two names that differ only in case. Atelier names are often
// longer and may share their first 31 characters ("Samenwerken in de wijk rond jeugd" and "…rond
// ouderen"), so a long name keeps its start and its end around an ellipsis; names that still
// collide get a number. Every atelier tab also carries the full name in its first row.

export const MAX_SHEET_NAME = 31;
const ELLIPSIS = '…';
/** How much of a long name's end is kept: its last words, up to this many characters. */
const TAIL = 14;

function clean(name: string): string {
	return name
		.replace(/[[\]:*?/\\\p{Cc}]/gu, ' ')
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/^'+|'+$/g, '')
		.trim();
}

/** At most `max` UTF-16 units, never splitting a surrogate pair, trailing spaces dropped. */
function cut(text: string, max: number): string {
	let out = text.slice(0, Math.max(0, max));
	if (/[\uD800-\uDBFF]$/.test(out)) out = out.slice(0, -1);
	return out.trimEnd();
}

/** The start of a name within `max` characters, ending on a whole word where that keeps most. */
function headOf(name: string, max: number): string {
	const head = cut(name, max);
	if (name[head.length] === ' ' || name.length === head.length) return head;
	const space = head.lastIndexOf(' ');
	return space >= max / 2 ? head.slice(0, space) : head;
}

/** The end of a name: its last whole words within TAIL characters (else its last characters). */
function tailOf(name: string): string {
	const words = name.split(' ');
	let tail = '';
	for (let i = words.length - 1; i > 0; i--) {
		const next = tail ? `${words[i]} ${tail}` : words[i];
		if (next.length > TAIL) break;
		tail = next;
	}
	if (tail) return tail;
	let chars = name.slice(-TAIL);
	if (/^[\uDC00-\uDFFF]/.test(chars)) chars = chars.slice(1);
	return chars.trimStart();
}

/** A name of at most `max` characters: the name itself, or its start … its end. */
export function shortSheetName(name: string, max = MAX_SHEET_NAME): string {
	const text = clean(name) || 'Blad';
	if (text.length <= max) return text;
	const tail = tailOf(text);
	if (tail.length + ELLIPSIS.length + 4 > max) return cut(text, max - 1) + ELLIPSIS;
	return headOf(text, max - ELLIPSIS.length - tail.length) + ELLIPSIS + tail;
}

/** Hands out unique tab names; the fixed tabs of a workbook are reserved before any other. */
export class SheetNames {
	private used = new Set<string>(['history']);
	private reserved = new Set<string>();

	constructor(fixed: readonly string[] = []) {
		for (const name of fixed) this.reserved.add(name.toLowerCase());
	}

	/** The workbook's own tab (one of the reserved names, or any other fixed title). */
	fixed(title: string): string {
		const name = shortSheetName(title);
		if (!this.reserved.has(name.toLowerCase())) return this.take(title);
		this.reserved.delete(name.toLowerCase());
		this.used.add(name.toLowerCase());
		return name;
	}

	/** A tab for a free name (an atelier's): unique, never one of the reserved names. */
	take(wanted: string): string {
		const free = (n: string) =>
			!this.used.has(n.toLowerCase()) && !this.reserved.has(n.toLowerCase());
		let name = shortSheetName(wanted);
		for (let i = 2; !free(name); i++) {
			const suffix = ` (${i})`;
			name = shortSheetName(wanted, MAX_SHEET_NAME - suffix.length) + suffix;
		}
		this.used.add(name.toLowerCase());
		return name;
	}
}
