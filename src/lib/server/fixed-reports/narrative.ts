import type { Kysely } from 'kysely';
import { z } from 'zod';
import { recordAudit, type Executor } from '../audit/index';
import type { SessionUser } from '../auth/guards';
import { assertCan } from '../auth/policy';
import type { Database } from '../db/types';
import { ConflictError, parseInput, ValidationError } from '../errors';
import { INDICATOR_CODES, type IndicatorCode } from '../metrics/catalogue';
import type { ReportAudience } from '../exports/report-data';

/**
 * What management writes for the report of one period and audience (issue 16 item 3): the
 * foreword, the outlook, the werkplaats-wide highlights and per indicator the explanation of its
 * difference with the plan. Saved as a draft on the version it showed; fixing the report copies
 * it into the fixed report, where it can no longer change.
 */
export interface NarrativeHighlight {
	title: string;
	body: string;
	quote: string;
	speaker: string;
	role: string;
	url: string;
}

export interface Narrative {
	foreword: string;
	outlook: string;
	highlights: NarrativeHighlight[];
	explanations: Partial<Record<IndicatorCode, string>>;
	/** 0 before anything was saved. */
	version: number;
	updatedAt: Date | null;
}

export interface NarrativeKey {
	from: string;
	to: string;
	audience: ReportAudience;
}

export const EMPTY_NARRATIVE: Narrative = {
	foreword: '',
	outlook: '',
	highlights: [],
	explanations: {},
	version: 0,
	updatedAt: null
};

/** At most this many werkplaats-wide highlights in one report. */
export const MAX_NARRATIVE_HIGHLIGHTS = 12;

export async function getNarrative(db: Executor, key: NarrativeKey): Promise<Narrative> {
	const row = await db
		.selectFrom('report_narratives')
		.selectAll()
		.where('period_from', '=', key.from)
		.where('period_to', '=', key.to)
		.where('audience', '=', key.audience)
		.executeTakeFirst();
	if (!row) return { ...EMPTY_NARRATIVE };
	return {
		foreword: row.foreword,
		outlook: row.outlook,
		highlights: (row.highlights as NarrativeHighlight[]) ?? [],
		explanations: (row.explanations as Narrative['explanations']) ?? {},
		version: row.version,
		updatedAt: new Date(row.updated_at)
	};
}

const text = (max: number, what: string) =>
	z
		.string()
		.trim()
		.max(max, `${what} is te lang (hoogstens ${max} tekens).`)
		.transform((s) => s.replace(/\r\n/g, '\n'));

const highlightSchema = z.object({
	title: text(200, 'De titel'),
	body: text(2000, 'De tekst'),
	quote: text(1000, 'Het citaat'),
	speaker: text(200, 'De naam bij het citaat'),
	role: text(200, 'De rol bij het citaat'),
	url: text(500, 'De link').refine(
		(v) => v === '' || /^https?:\/\/[^\s]+\.[^\s]+$/.test(v),
		'Vul een link in die begint met https://, zoals https://www.werkplaats.nl/verhaal.'
	)
});

export const narrativeSchema = z.object({
	foreword: text(8000, 'Het voorwoord'),
	outlook: text(8000, 'De vooruitblik'),
	highlights: z.array(highlightSchema).max(MAX_NARRATIVE_HIGHLIGHTS),
	explanations: z.record(z.string(), text(2000, 'De toelichting'))
});

export type NarrativeInput = z.infer<typeof narrativeSchema>;

/**
 * The narrative form as input: `foreword`, `outlook`, `toelichting_<code>` and per highlight
 * `highlight_<n>_<field>`. A highlight without a title and text is left out (that is how one is
 * removed); an empty explanation too.
 */
export function narrativeFromForm(form: FormData): Record<string, unknown> {
	const value = (name: string) => String(form.get(name) ?? '');
	const highlights: Record<string, string>[] = [];
	for (let i = 0; i < MAX_NARRATIVE_HIGHLIGHTS + 1; i++) {
		const h = Object.fromEntries(
			['title', 'body', 'quote', 'speaker', 'role', 'url'].map((f) => [
				f,
				value(`highlight_${i}_${f}`)
			])
		);
		if (Object.values(h).some((v) => v.trim() !== '')) highlights.push(h);
	}
	const explanations: Record<string, string> = {};
	for (const code of INDICATOR_CODES) {
		const v = value(`toelichting_${code}`);
		if (v.trim()) explanations[code] = v;
	}
	return { foreword: value('foreword'), outlook: value('outlook'), highlights, explanations };
}

/** Parses the form's input; messages are keyed by the form's field names. */
function parseNarrative(input: Record<string, unknown>): NarrativeInput {
	const parsed = narrativeSchema.safeParse(input);
	const errors: Record<string, string> = {};
	if (!parsed.success)
		for (const issue of parsed.error.issues) {
			const [first, index, field] = issue.path.map(String);
			const name =
				first === 'highlights' && field
					? `highlight_${index}_${field}`
					: first === 'explanations' && index
						? `toelichting_${index}`
						: (first ?? 'form');
			errors[name] ??= issue.message;
		}
	else
		parsed.data.highlights.forEach((h, i) => {
			if (h.title === '') errors[`highlight_${i}_title`] = 'Geef dit hoogtepunt een titel.';
		});
	if (Object.keys(errors).length) throw new ValidationError(errors);
	return parsed.data!;
}

/**
 * Saves the narrative of a period and audience on the version the form showed: when someone
 * else saved meanwhile, nothing is written and the conflict carries the current text. One
 * transaction with its audit entry.
 */
export async function saveNarrative(
	db: Kysely<Database>,
	actor: SessionUser,
	key: NarrativeKey,
	version: number,
	input: Record<string, unknown>
): Promise<Narrative> {
	assertCan(actor, 'reportNarrative.write');
	const parsed = parseNarrative(input);
	const explanations = Object.fromEntries(
		Object.entries(parsed.explanations).filter(
			([code, v]) => (INDICATOR_CODES as readonly string[]).includes(code) && v !== ''
		)
	);
	return db.transaction().execute(async (trx) => {
		const before = await trx
			.selectFrom('report_narratives')
			.selectAll()
			.where('period_from', '=', key.from)
			.where('period_to', '=', key.to)
			.where('audience', '=', key.audience)
			.forUpdate()
			.executeTakeFirst();
		const current = before?.version ?? 0;
		if (current !== version) {
			const now = await getNarrative(trx, key);
			throw new ConflictError({ values: narrativeFormValues(now), version: now.version });
		}
		const values = {
			foreword: parsed.foreword,
			outlook: parsed.outlook,
			highlights: JSON.stringify(parsed.highlights),
			explanations: JSON.stringify(explanations),
			updated_by: actor.id,
			updated_at: new Date()
		};
		let id: number;
		if (before) {
			await trx
				.updateTable('report_narratives')
				.set({ ...values, version: current + 1 })
				.where('id', '=', before.id)
				.execute();
			id = before.id;
		} else {
			const row = await trx
				.insertInto('report_narratives')
				.values({
					period_from: key.from,
					period_to: key.to,
					audience: key.audience,
					...values
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			id = row.id;
		}
		await recordAudit(trx, {
			actorId: actor.id,
			entity: 'report_narrative',
			entityId: id,
			action: before ? 'update' : 'create',
			before: before
				? {
						period: `${key.from}-${key.to}`,
						audience: key.audience,
						foreword: before.foreword,
						outlook: before.outlook,
						highlights: (before.highlights as NarrativeHighlight[]).map((h) => h.title),
						explanations: before.explanations
					}
				: null,
			after: {
				period: `${key.from}-${key.to}`,
				audience: key.audience,
				foreword: parsed.foreword,
				outlook: parsed.outlook,
				highlights: parsed.highlights.map((h) => h.title),
				explanations
			}
		});
		return {
			foreword: parsed.foreword,
			outlook: parsed.outlook,
			highlights: parsed.highlights,
			explanations,
			version: current + 1,
			updatedAt: values.updated_at
		};
	});
}

/** The narrative as the form's values (for the conflict view). */
export function narrativeFormValues(n: Narrative): Record<string, string> {
	const values: Record<string, string> = { foreword: n.foreword, outlook: n.outlook };
	n.highlights.forEach((h, i) => {
		for (const [f, v] of Object.entries(h)) values[`highlight_${i}_${f}`] = v;
	});
	for (const [code, v] of Object.entries(n.explanations)) values[`toelichting_${code}`] = v ?? '';
	return values;
}

// The threshold beyond which a difference with the plan needs an explanation: a werkplaats
// setting, in percent of the target.
const THRESHOLD_KEY = 'report_difference_threshold';
export const DEFAULT_THRESHOLD = 10;

export interface ThresholdSetting {
	percent: number;
	version: number;
}

export async function getDifferenceThreshold(db: Executor): Promise<ThresholdSetting> {
	const row = await db
		.selectFrom('settings')
		.select('value')
		.where('key', '=', THRESHOLD_KEY)
		.executeTakeFirst();
	const v = row?.value as Partial<ThresholdSetting> | undefined;
	return typeof v?.percent === 'number' && typeof v.version === 'number'
		? { percent: v.percent, version: v.version }
		: { percent: DEFAULT_THRESHOLD, version: 0 };
}

export const thresholdSchema = z.object({
	differenceThreshold: z
		.string()
		.trim()
		.regex(/^\d{1,3}$/, 'Vul een heel percentage in, van 0 tot en met 100.')
		.transform(Number)
		.refine((n) => n <= 100, 'Vul een heel percentage in, van 0 tot en met 100.')
});

/** Changes the threshold on the version the form showed; with its audit entry. */
export async function setDifferenceThreshold(
	db: Kysely<Database>,
	actor: SessionUser,
	version: number,
	input: Record<string, unknown>
): Promise<ThresholdSetting> {
	assertCan(actor, 'reportNarrative.write');
	const { differenceThreshold } = parseInput(thresholdSchema, input);
	return db.transaction().execute(async (trx) => {
		await trx
			.insertInto('settings')
			.values({
				key: THRESHOLD_KEY,
				value: JSON.stringify({ percent: DEFAULT_THRESHOLD, version: 0 })
			})
			.onConflict((oc) => oc.column('key').doNothing())
			.execute();
		await trx
			.selectFrom('settings')
			.select('key')
			.where('key', '=', THRESHOLD_KEY)
			.forUpdate()
			.execute();
		const before = await getDifferenceThreshold(trx);
		if (before.version !== version)
			throw new ConflictError({
				values: { differenceThreshold: String(before.percent) },
				version: before.version
			});
		const next = { percent: differenceThreshold, version: before.version + 1 };
		await trx
			.updateTable('settings')
			.set({ value: JSON.stringify(next), updated_at: new Date() })
			.where('key', '=', THRESHOLD_KEY)
			.execute();
		await recordAudit(trx, {
			actorId: actor.id,
			entity: 'werkplaats',
			entityId: 'werkplaats',
			action: 'update',
			before: { differenceThreshold: before.percent },
			after: { differenceThreshold }
		});
		return next;
	});
}
