import type { Kysely } from 'kysely';
import type { Database } from '../db/types';

export interface WerkplaatsSettings {
	name: string;
	shortName: string;
	/** A quarter report is due this many months after the quarter ends. */
	quarterDueMonths: number;
}

export interface SubsidyPeriod {
	id: number;
	name: string;
	startQuarter: string;
	endQuarter: string;
}

// What a fresh installation shows until management fills in its own werkplaats.
const DEFAULTS: WerkplaatsSettings = {
	name: 'Werkplaats Sociaal Domein',
	shortName: 'WSD',
	quarterDueMonths: 1
};

const KEYS = {
	name: 'werkplaats_name',
	shortName: 'werkplaats_short_name',
	quarterDueMonths: 'quarter_due_months'
} as const;

export async function getWerkplaatsSettings(db: Kysely<Database>): Promise<WerkplaatsSettings> {
	const rows = await db
		.selectFrom('settings')
		.select(['key', 'value'])
		.where('key', 'in', Object.values(KEYS))
		.execute();
	const byKey = new Map(rows.map((r) => [r.key, r.value]));
	const text = (key: string, fallback: string) => {
		const v = byKey.get(key);
		return typeof v === 'string' && v.trim() ? v : fallback;
	};
	const months = byKey.get(KEYS.quarterDueMonths);
	return {
		name: text(KEYS.name, DEFAULTS.name),
		shortName: text(KEYS.shortName, DEFAULTS.shortName),
		quarterDueMonths:
			typeof months === 'number' && Number.isInteger(months) && months >= 0
				? months
				: DEFAULTS.quarterDueMonths
	};
}

export async function saveWerkplaatsSettings(
	db: Kysely<Database>,
	settings: WerkplaatsSettings
): Promise<void> {
	const values = (Object.keys(KEYS) as (keyof WerkplaatsSettings)[]).map((field) => ({
		key: KEYS[field],
		value: JSON.stringify(settings[field])
	}));
	await db
		.insertInto('settings')
		.values(values)
		.onConflict((oc) =>
			oc
				.column('key')
				.doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), updated_at: new Date() }))
		)
		.execute();
}

export async function listSubsidyPeriods(db: Kysely<Database>): Promise<SubsidyPeriod[]> {
	const rows = await db
		.selectFrom('subsidy_periods')
		.select(['id', 'name', 'start_quarter', 'end_quarter'])
		.orderBy('start_quarter')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		startQuarter: r.start_quarter,
		endQuarter: r.end_quarter
	}));
}
