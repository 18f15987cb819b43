import type { Kysely } from 'kysely';
import type { Database } from '../db/types';
import type { IndicatorCode } from './catalogue';

/** The Dutch name and definition of an indicator, as management keeps them in `indicators`. */
export interface IndicatorText {
	code: IndicatorCode;
	name: string;
	definition: string;
}

/** Every indicator's texts in catalogue order: what the dashboard, workbook and PDF print. */
export async function loadIndicatorTexts(db: Kysely<Database>): Promise<IndicatorText[]> {
	const rows = await db
		.selectFrom('indicators')
		.select(['code', 'name', 'definition'])
		.orderBy('sort_order')
		.execute();
	return rows as IndicatorText[];
}
