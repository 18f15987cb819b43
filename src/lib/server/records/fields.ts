import { z } from 'zod';
import { formatDate } from '../../format';
import { quarterDates, quarterLabel } from '../../quarters';
import { readDutchNumber, WHOLE_NUMBER_HINT } from '../../number-input';
import { splitNames } from '../../records/partners';

// Zod building blocks shared by the forms and the Excel import: every value arrives as text
// (a form field, or an Excel cell turned into text by the import).

// Spaces and invisible format characters (zero-width space, joiners, soft hyphen, byte order mark)
// at either end are dropped, so a title of only zero-width spaces counts as empty.
const EDGES = /^[\s\p{Cf}]+|[\s\p{Cf}]+$/gu;
export const cleanText = (v: string) => v.replace(EDGES, '');

const text = z.preprocess(
	(v) => (v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : v),
	z.string({ message: 'Vul tekst in.' }).transform(cleanText)
);

export function requiredText(message: string, max = 300) {
	return text.pipe(z.string().min(1, message).max(max, `Maximaal ${max} tekens.`));
}

export function optionalText(max = 2000) {
	return text.pipe(z.string().max(max, `Maximaal ${max} tekens.`));
}

/** Empty becomes null. */
export function nullableText(max = 2000) {
	return optionalText(max).transform((v) => (v === '' ? null : v));
}

export const COUNT_MESSAGE = `Vul een geheel getal van 0 of meer in, ${WHOLE_NUMBER_HINT}.`;

/** A whole number >= 0 in Dutch notation ("1.250"), or null when it is not one. */
function wholeNumber(v: string): number | null {
	const n = readDutchNumber(v, 0);
	return Number.isFinite(n) && n <= 999_999_999 ? n : null;
}

/** A whole number >= 0; empty counts as 0. */
export const count = text.transform((v, ctx) => {
	const n = v === '' ? 0 : wholeNumber(v);
	if (n === null) {
		ctx.addIssue({ code: 'custom', message: COUNT_MESSAGE });
		return z.NEVER;
	}
	return n;
});

/** Like count, but empty stays empty (null). */
export const optionalCount = text.transform((v, ctx) => {
	if (v === '') return null;
	const n = wholeNumber(v);
	if (n === null) {
		ctx.addIssue({ code: 'custom', message: COUNT_MESSAGE });
		return z.NEVER;
	}
	return n;
});

const TRUE = ['on', 'ja', 'true', '1', 'waar', 'j'];
const FALSE = ['', 'nee', 'false', '0', 'onwaar', 'n', 'off'];
export const yesNo = text.transform((v, ctx) => {
	const lower = v.toLowerCase();
	if (TRUE.includes(lower)) return true;
	if (FALSE.includes(lower)) return false;
	ctx.addIssue({ code: 'custom', message: 'Vul ja of nee in.' });
	return z.NEVER;
});

/** An http(s) address, or empty (null). */
export const optionalUrl = text.transform((v, ctx) => {
	if (v === '') return null;
	let ok = /^https?:\/\/\S+$/i.test(v) && v.length <= 2000;
	if (ok) {
		try {
			new URL(v);
		} catch {
			ok = false;
		}
	}
	if (!ok) {
		ctx.addIssue({
			code: 'custom',
			message: 'Vul een webadres in dat begint met http:// of https://.'
		});
		return z.NEVER;
	}
	return v;
});

/** A one-of-a-list value; the message lists what is allowed. */
export function oneOf<T extends string>(values: readonly T[], what: string) {
	return text.transform((v, ctx) => {
		const found = values.find((x) => x === v.toLowerCase());
		if (!found) {
			ctx.addIssue({ code: 'custom', message: `Kies ${what}: ${values.join(', ')}.` });
			return z.NEVER;
		}
		return found;
	});
}

function isRealDate(iso: string): boolean {
	const d = new Date(`${iso}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

/** A 'YYYY-MM-DD' date inside the quarter (also accepts 'DD-MM-YYYY'). */
export function dateInQuarter(quarter: string) {
	const { start, end } = quarterDates(quarter);
	return text.transform((raw, ctx) => {
		const dutch = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(raw);
		const v = dutch ? `${dutch[3]}-${dutch[2].padStart(2, '0')}-${dutch[1].padStart(2, '0')}` : raw;
		if (v === '') {
			ctx.addIssue({ code: 'custom', message: 'Vul een datum in.' });
			return z.NEVER;
		}
		if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || !isRealDate(v)) {
			ctx.addIssue({ code: 'custom', message: 'Vul een geldige datum in, zoals 2024-02-15.' });
			return z.NEVER;
		}
		if (v < start || v > end) {
			ctx.addIssue({
				code: 'custom',
				message: `De datum moet in ${quarterLabel(quarter)} liggen (${formatDate(start)} t/m ${formatDate(end)}).`
			});
			return z.NEVER;
		}
		return v;
	});
}

/** A list of names: several form fields (checkboxes, a search field with 'a; b') or one Excel cell. */
export const nameList = z.preprocess(splitNames, z.array(z.string()));
