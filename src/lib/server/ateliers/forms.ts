import { z } from 'zod';
import { isQuarter, makeQuarter, type Quarter } from '../../quarters';

/** "Armoede & Schulden in Stein" -> "armoede-schulden-in-stein": the atelier's address. */
export function slugify(name: string): string {
	return name
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/, '');
}

/**
 * A quarter as people type it: '2024Q1', '2024 Q1', 'K1 2024', 'k1-2024'. Null when it is none.
 */
export function readQuarter(raw: string): Quarter | null {
	const text = raw.trim().toUpperCase().replace(/\s+/g, ' ');
	const plain = text.replace(/[ -]/g, '');
	if (isQuarter(plain)) return plain;
	const k = /^K([1-4])[ -]?(\d{4})$/.exec(text);
	if (k) return makeQuarter(Number(k[2]), Number(k[1]));
	return null;
}

const QUARTER_HINT = 'Vul een kwartaal in, zoals K1 2024 of 2024Q1.';

const quarter = z.string().transform((value, ctx) => {
	const q = readQuarter(value);
	if (!q || Number(q.slice(0, 4)) < 2000 || Number(q.slice(0, 4)) > 2100) {
		ctx.addIssue({ code: 'custom', message: QUARTER_HINT });
		return z.NEVER;
	}
	return q as string;
});

const optionalQuarter = z.string().transform((value, ctx) => {
	if (value.trim() === '') return null;
	const q = readQuarter(value);
	if (!q) {
		ctx.addIssue({ code: 'custom', message: `${QUARTER_HINT} Leeg: nog niet beëindigd.` });
		return z.NEVER;
	}
	return q as string;
});

const name = z.string().trim().min(1, 'Vul een naam in.').max(200, 'Deze naam is te lang.');
const theme = z.string().trim().max(500, 'Dit thema is te lang (hoogstens 500 tekens).');
const slug = z
	.string()
	.trim()
	.toLowerCase()
	.max(60, 'Dit adres is te lang (hoogstens 60 tekens).')
	.refine((s) => s === '' || /^[a-z0-9]+(-[a-z0-9]+)*$/.test(s), {
		message: 'Alleen kleine letters, cijfers en streepjes, zoals armoede-stein.'
	});

export const newAtelierSchema = z.object({ name, theme, slug, activeFrom: quarter });
export type NewAtelierInput = z.output<typeof newAtelierSchema>;

export const atelierEditSchema = z
	.object({ name, theme, slug, activeFrom: quarter, activeTo: optionalQuarter })
	.refine((a) => a.activeTo === null || a.activeTo >= a.activeFrom, {
		message: 'Het laatste kwartaal ligt vóór het eerste.',
		path: ['activeTo']
	});
export type AtelierEditInput = z.output<typeof atelierEditSchema>;

export const endAtelierSchema = z.object({ activeTo: quarter });

export const continueAtelierSchema = z.object({
	lastQuarter: quarter,
	name,
	theme,
	slug,
	carryKartrekkers: z.boolean()
});
export type ContinueAtelierInput = z.output<typeof continueAtelierSchema>;

const text = (form: FormData, key: string) => String(form.get(key) ?? '');

/** The fields of the create and edit forms as posted (kept to show them again on a refusal). */
export function atelierFormValues(form: FormData) {
	return {
		name: text(form, 'name'),
		theme: text(form, 'theme'),
		slug: text(form, 'slug'),
		activeFrom: text(form, 'activeFrom'),
		activeTo: text(form, 'activeTo')
	};
}

export function continueFormValues(form: FormData) {
	return {
		lastQuarter: text(form, 'lastQuarter'),
		name: text(form, 'name'),
		theme: text(form, 'theme'),
		slug: text(form, 'slug'),
		carryKartrekkers: form.get('carryKartrekkers') === 'ja' ? 'ja' : ''
	};
}
