import type { Kysely } from 'kysely';
import { quarterOfDate } from '../../quarters';
import type { Database } from '../db/types';
import { listAtelierOverview, type AtelierOverview } from './overview';

export async function findAtelierId(db: Kysely<Database>, slug: string): Promise<number | null> {
	const row = await db
		.selectFrom('ateliers')
		.select('id')
		.where('slug', '=', slug)
		.executeTakeFirst();
	return row?.id ?? null;
}

/** The slug and name of an atelier, for a page's heading. */
export async function atelierName(db: Kysely<Database>, id: number) {
	return db
		.selectFrom('ateliers')
		.select(['slug', 'name'])
		.where('id', '=', id)
		.executeTakeFirstOrThrow();
}

/** One atelier with its quarter statuses over its whole active life (up to today). */
export async function atelierDetail(
	db: Kysely<Database>,
	id: number,
	options: { today: string; dueMonths: number }
): Promise<AtelierOverview | null> {
	const row = await db
		.selectFrom('ateliers')
		.select(['active_from', 'active_to'])
		.where('id', '=', id)
		.executeTakeFirst();
	if (!row) return null;
	const current = quarterOfDate(options.today);
	const end = row.active_to ?? (current > row.active_from ? current : row.active_from);
	const [detail] = await listAtelierOverview(
		db,
		{ startQuarter: row.active_from, endQuarter: end },
		{ ...options, atelierIds: [id] }
	);
	return detail ?? null;
}
