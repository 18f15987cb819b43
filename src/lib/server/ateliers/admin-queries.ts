import type { Kysely } from 'kysely';
import type { Database } from '../db/types';

export interface AdminAtelierRow {
	id: number;
	slug: string;
	name: string;
	theme: string;
	activeFrom: string;
	activeTo: string | null;
	predecessor: string | null;
	kartrekkers: string[];
	reports: number;
}

/** Every atelier for the management list: active ones first, then by name. */
export async function listAdminAteliers(db: Kysely<Database>): Promise<AdminAtelierRow[]> {
	const rows = await db
		.selectFrom('ateliers as a')
		.leftJoin('ateliers as p', 'p.id', 'a.predecessor_id')
		.select((eb) => [
			'a.id',
			'a.slug',
			'a.name',
			'a.theme',
			'a.active_from',
			'a.active_to',
			'p.name as predecessor',
			eb
				.selectFrom('quarter_reports as r')
				.select(eb.fn.countAll<string>().as('n'))
				.whereRef('r.atelier_id', '=', 'a.id')
				.as('reports')
		])
		.orderBy((eb) => eb('a.active_to', 'is', null), 'desc')
		.orderBy('a.name')
		.execute();
	const assigned = await db
		.selectFrom('atelier_assignments as x')
		.innerJoin('app_users as u', 'u.id', 'x.user_id')
		.select(['x.atelier_id', 'u.name'])
		.orderBy('u.name')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		slug: r.slug,
		name: r.name,
		theme: r.theme,
		activeFrom: r.active_from,
		activeTo: r.active_to,
		predecessor: r.predecessor,
		kartrekkers: assigned.filter((x) => x.atelier_id === r.id).map((x) => x.name),
		reports: Number(r.reports ?? 0)
	}));
}

export interface PersonChoice {
	id: number;
	name: string;
	email: string;
}

/** One atelier with what its management page shows: lineage, kartrekkers, its reports. */
export async function adminAtelier(db: Kysely<Database>, slug: string) {
	const atelier = await db
		.selectFrom('ateliers')
		.selectAll()
		.where('slug', '=', slug)
		.executeTakeFirst();
	if (!atelier) return null;
	const [predecessor, successors, kartrekkers, candidates, reports] = await Promise.all([
		atelier.predecessor_id === null
			? Promise.resolve(undefined)
			: db
					.selectFrom('ateliers')
					.select(['slug', 'name', 'active_to'])
					.where('id', '=', atelier.predecessor_id)
					.executeTakeFirst(),
		db
			.selectFrom('ateliers')
			.select(['slug', 'name', 'active_from'])
			.where('predecessor_id', '=', atelier.id)
			.orderBy('name')
			.execute(),
		db
			.selectFrom('atelier_assignments as x')
			.innerJoin('app_users as u', 'u.id', 'x.user_id')
			.select(['u.id', 'u.name', 'u.email'])
			.where('x.atelier_id', '=', atelier.id)
			.orderBy('u.name')
			.execute(),
		db
			.selectFrom('app_users as u')
			.select(['u.id', 'u.name', 'u.email'])
			.where('u.role', '=', 'kartrekker')
			.where('u.active', '=', true)
			.where((eb) =>
				eb.not(
					eb.exists(
						eb
							.selectFrom('atelier_assignments as x')
							.select('x.user_id')
							.whereRef('x.user_id', '=', 'u.id')
							.where('x.atelier_id', '=', atelier.id)
					)
				)
			)
			.orderBy('u.name')
			.execute(),
		db
			.selectFrom('quarter_reports')
			.select(['quarter', 'status'])
			.where('atelier_id', '=', atelier.id)
			.orderBy('quarter')
			.execute()
	]);
	return {
		atelier,
		predecessor: predecessor ?? null,
		successors,
		kartrekkers: kartrekkers as PersonChoice[],
		candidates: candidates as PersonChoice[],
		reports
	};
}
