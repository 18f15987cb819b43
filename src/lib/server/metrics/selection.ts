import { error } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import type { Quarter } from '../../quarters';
import { choosePeriod } from '../ateliers/period-choice';
import type { Database } from '../db/types';
import { listSubsidyPeriods } from '../settings/werkplaats';
import type { DashboardSelection } from './dashboard';
import { parseSelection } from './period';

/** The selection from the URL; without van/tot the subsidy period that contains today. */
export async function selectionFromUrl(
	db: Kysely<Database>,
	url: URL,
	today: string
): Promise<DashboardSelection> {
	const parsed = parseSelection(url.searchParams);
	if (!parsed.success) error(400, parsed.error.issues.map((i) => i.message).join(' '));
	const { van, tot, atelier, lijn } = parsed.data;
	let from = van as Quarter | undefined;
	let to = tot as Quarter | undefined;
	if (!from || !to) {
		const choice = choosePeriod(await listSubsidyPeriods(db), null, today)!;
		from ??= (to && to < choice.startQuarter ? to : choice.startQuarter) as Quarter;
		to ??= (from > choice.endQuarter ? from : choice.endQuarter) as Quarter;
	}
	return { from, to, ateliers: atelier, lineage: lijn };
}
