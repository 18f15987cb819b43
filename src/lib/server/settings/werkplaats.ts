import type { Kysely } from 'kysely';
import { z } from 'zod';
import { recordAudit, type Executor } from '../audit/index';
import type { SessionUser } from '../auth/guards';
import { assertCan } from '../auth/policy';
import type { Database } from '../db/types';
import { ConflictError, parseInput } from '../errors';

export interface WerkplaatsSettings {
	name: string;
	shortName: string;
	/** A quarter report is due this many months after the quarter ends. */
	quarterDueMonths: number;
	/** The report colophon: address, phone, e-mail and website; empty when not filled in. */
	contactAddress: string;
	contactPhone: string;
	contactEmail: string;
	contactWebsite: string;
	/** "Deze publicatie is tot stand gekomen dankzij financiering van ..." */
	fundingLine: string;
	/** The optimistic version of these settings (0 before management first saved them). */
	version: number;
}

export type WerkplaatsInput = Omit<WerkplaatsSettings, 'version'>;

export interface SubsidyPeriod {
	id: number;
	name: string;
	startQuarter: string;
	endQuarter: string;
	version: number;
}

// What a fresh installation shows until management fills in its own werkplaats.
const DEFAULTS: WerkplaatsInput = {
	name: 'Werkplaats Sociaal Domein',
	shortName: 'WSD',
	quarterDueMonths: 1,
	contactAddress: '',
	contactPhone: '',
	contactEmail: '',
	contactWebsite: '',
	fundingLine: ''
};

// The setting keys (the first three predate this screen; the demo seed writes them too).
const KEYS: Record<keyof WerkplaatsInput, string> = {
	name: 'werkplaats_name',
	shortName: 'werkplaats_short_name',
	quarterDueMonths: 'quarter_due_months',
	contactAddress: 'contact_address',
	contactPhone: 'contact_phone',
	contactEmail: 'contact_email',
	contactWebsite: 'contact_website',
	fundingLine: 'funding_line'
};
const VERSION_KEY = 'werkplaats_version';
const FIELDS = Object.keys(KEYS) as (keyof WerkplaatsInput)[];

export const MAX_DUE_MONTHS = 12;

export async function getWerkplaatsSettings(db: Executor): Promise<WerkplaatsSettings> {
	const rows = await db
		.selectFrom('settings')
		.select(['key', 'value'])
		.where('key', 'in', [...Object.values(KEYS), VERSION_KEY])
		.execute();
	const byKey = new Map(rows.map((r) => [r.key, r.value]));
	const text = (field: keyof WerkplaatsInput, required: boolean) => {
		const v = byKey.get(KEYS[field]);
		return typeof v === 'string' && (v.trim() || !required) ? v : (DEFAULTS[field] as string);
	};
	const months = byKey.get(KEYS.quarterDueMonths);
	const version = byKey.get(VERSION_KEY);
	return {
		name: text('name', true),
		shortName: text('shortName', true),
		quarterDueMonths:
			typeof months === 'number' && Number.isInteger(months) && months >= 0
				? months
				: DEFAULTS.quarterDueMonths,
		contactAddress: text('contactAddress', false),
		contactPhone: text('contactPhone', false),
		contactEmail: text('contactEmail', false),
		contactWebsite: text('contactWebsite', false),
		fundingLine: text('fundingLine', false),
		version: typeof version === 'number' ? version : 0
	};
}

const optional = (max: number, what: string) =>
	z.string().trim().max(max, `${what} is te lang (hoogstens ${max} tekens).`);

export const werkplaatsSchema = z.object({
	name: z
		.string()
		.trim()
		.min(1, 'Vul de naam van de werkplaats in.')
		.max(200, 'Deze naam is te lang (hoogstens 200 tekens).'),
	shortName: z
		.string()
		.trim()
		.min(1, 'Vul een korte naam in, bijvoorbeeld WSD Zuyd.')
		.max(40, 'De korte naam is te lang (hoogstens 40 tekens).'),
	quarterDueMonths: z
		.string()
		.trim()
		.regex(/^\d{1,2}$/, `Vul een heel aantal maanden in, van 0 tot en met ${MAX_DUE_MONTHS}.`)
		.transform(Number)
		.refine(
			(n) => n <= MAX_DUE_MONTHS,
			`Vul een heel aantal maanden in, van 0 tot en met ${MAX_DUE_MONTHS}.`
		),
	contactAddress: optional(300, 'Het adres'),
	contactPhone: optional(40, 'Het telefoonnummer').refine(
		(v) => v === '' || /^[+0-9 ()-]{6,40}$/.test(v),
		'Vul een telefoonnummer in met cijfers, spaties, +, - of haakjes.'
	),
	contactEmail: optional(200, 'Het e-mailadres').refine(
		(v) => v === '' || z.email().safeParse(v).success,
		'Vul een geldig e-mailadres in, zoals info@werkplaats.nl.'
	),
	contactWebsite: optional(300, 'Het webadres').refine(
		(v) => v === '' || /^https?:\/\/[^\s]+\.[^\s]+$/.test(v),
		'Vul een webadres in dat begint met https://, zoals https://www.werkplaats.nl.'
	),
	fundingLine: optional(500, 'De financieringsregel')
});

/** The form fields of the werkplaats form, as text. */
export function werkplaatsFormValues(form: FormData): Record<keyof WerkplaatsInput, string> {
	return Object.fromEntries(FIELDS.map((f) => [f, String(form.get(f) ?? '')])) as Record<
		keyof WerkplaatsInput,
		string
	>;
}

export const formValuesOf = (s: WerkplaatsSettings): Record<string, string> =>
	Object.fromEntries(FIELDS.map((f) => [f, String(s[f])]));

/** Writes the settings' keys (no audit, no version check: for the set-up and the services below). */
export async function writeWerkplaatsSettings(
	trx: Executor,
	settings: Partial<WerkplaatsInput>,
	version: number
): Promise<void> {
	const values = [
		...FIELDS.filter((f) => settings[f] !== undefined).map((f) => ({
			key: KEYS[f],
			value: JSON.stringify(settings[f])
		})),
		{ key: VERSION_KEY, value: JSON.stringify(version) }
	];
	await trx
		.insertInto('settings')
		.values(values)
		.onConflict((oc) =>
			oc
				.column('key')
				.doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), updated_at: new Date() }))
		)
		.execute();
}

/** Locks the werkplaats settings for this transaction: one change at a time. */
export async function lockWerkplaatsSettings(trx: Executor): Promise<void> {
	await trx
		.insertInto('settings')
		.values({ key: VERSION_KEY, value: JSON.stringify(0) })
		.onConflict((oc) => oc.column('key').doNothing())
		.execute();
	await trx
		.selectFrom('settings')
		.select('key')
		.where('key', '=', VERSION_KEY)
		.forUpdate()
		.execute();
}

/**
 * Saves the werkplaats form on the version it showed: a change by someone else meanwhile gives
 * the conflict view (nothing written). One transaction with its audit entry.
 */
export async function updateWerkplaatsSettings(
	db: Kysely<Database>,
	actor: SessionUser,
	version: number,
	input: Record<string, unknown>
): Promise<WerkplaatsSettings> {
	assertCan(actor, 'werkplaats.manage');
	const parsed = parseInput(werkplaatsSchema, input);
	return db.transaction().execute(async (trx) => {
		await lockWerkplaatsSettings(trx);
		const before = await getWerkplaatsSettings(trx);
		if (before.version !== version)
			throw new ConflictError({ values: formValuesOf(before), version: before.version });
		await writeWerkplaatsSettings(trx, parsed, before.version + 1);
		const { version: _v, ...old } = before;
		void _v;
		await recordAudit(trx, {
			actorId: actor.id,
			entity: 'werkplaats',
			entityId: 'werkplaats',
			action: 'update',
			before: old,
			after: parsed
		});
		return { ...parsed, version: before.version + 1 };
	});
}

export async function listSubsidyPeriods(db: Executor): Promise<SubsidyPeriod[]> {
	const rows = await db
		.selectFrom('subsidy_periods')
		.select(['id', 'name', 'start_quarter', 'end_quarter', 'version'])
		.orderBy('start_quarter')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		startQuarter: r.start_quarter,
		endQuarter: r.end_quarter,
		version: r.version
	}));
}
