import type { Kysely } from 'kysely';
import { z } from 'zod';
import { recordAudit, type Executor } from '../audit/index';
import type { SessionUser } from '../auth/guards';
import { assertCan } from '../auth/policy';
import type { Database } from '../db/types';
import { ConflictError, parseInput } from '../errors';
import type { IndicatorCode } from './catalogue';
import type { MetricsResult } from './engine';

/** The Dutch name and definition of an indicator, as management keeps them in `indicators`. */
export interface IndicatorText {
	code: IndicatorCode;
	name: string;
	definition: string;
	/** Not reported on by this werkplaats: left out of the dashboard, workbook and PDF. */
	hidden: boolean;
	version: number;
}

/** Every indicator's texts in catalogue order: what the dashboard, workbook and PDF print. */
export async function loadIndicatorTexts(db: Executor): Promise<IndicatorText[]> {
	const rows = await db
		.selectFrom('indicators')
		.select(['code', 'name', 'definition', 'hidden', 'version'])
		.orderBy('sort_order')
		.execute();
	return rows as IndicatorText[];
}

/**
 * The result with only the indicators the werkplaats reports on, in the one place every channel
 * (dashboard, workbook, PDF) takes its list of indicators from. The numbers stay as the engine
 * computed them; a hidden indicator is simply not shown.
 */
export function withVisibleIndicators<T extends Pick<MetricsResult, 'indicators'>>(
	metrics: T,
	texts: IndicatorText[]
): T {
	const hidden = new Set(texts.filter((t) => t.hidden).map((t) => t.code));
	if (hidden.size === 0) return metrics;
	return { ...metrics, indicators: metrics.indicators.filter((i) => !hidden.has(i.code)) };
}

export const indicatorTextSchema = z.object({
	name: z
		.string()
		.trim()
		.min(1, 'Vul een naam in voor deze indicator.')
		.max(80, 'Deze naam is te lang (hoogstens 80 tekens).'),
	definition: z
		.string()
		.trim()
		.min(1, 'Vul een definitie in: wat telt mee?')
		.max(1000, 'Deze definitie is te lang (hoogstens 1000 tekens).'),
	hidden: z.boolean()
});

export function indicatorFormValues(form: FormData) {
	return {
		name: String(form.get('name') ?? ''),
		definition: String(form.get('definition') ?? ''),
		hidden: form.get('hidden') === 'ja'
	};
}

const valuesOf = (t: IndicatorText) => ({
	name: t.name,
	definition: t.definition,
	hidden: t.hidden ? 'ja' : ''
});

/** Changes an indicator's name, definition and visibility, on the version the form showed. */
export async function updateIndicatorText(
	db: Kysely<Database>,
	actor: SessionUser,
	code: string,
	version: number,
	raw: Record<string, unknown>
): Promise<void> {
	assertCan(actor, 'werkplaats.manage');
	const input = parseInput(indicatorTextSchema, raw);
	await db.transaction().execute(async (trx) => {
		const before = (await trx
			.selectFrom('indicators')
			.select(['code', 'name', 'definition', 'hidden', 'version'])
			.where('code', '=', code)
			.forUpdate()
			.executeTakeFirst()) as IndicatorText | undefined;
		if (!before || before.version !== version)
			throw new ConflictError(
				before ? { values: valuesOf(before), version: before.version } : null
			);
		await trx
			.updateTable('indicators')
			.set({ ...input, version: before.version + 1 })
			.where('code', '=', code)
			.execute();
		await recordAudit(trx, {
			actorId: actor.id,
			entity: 'indicator',
			entityId: code,
			action: 'update',
			before: { name: before.name, definition: before.definition, hidden: before.hidden },
			after: input
		});
	});
}
