import type { Kysely } from 'kysely';
import { quarterDates, quarterDueDate, quartersBetween } from '../../quarters';
import type { Database, ReportStatus } from '../db/types';
import { isAtelierActive } from '../metrics/scope';

/** What a quarter cell in the overview shows. */
export type QuarterState =
	| ReportStatus
	| 'ontbreekt' // ended, no report yet
	| 'lopend' // not ended yet
	| 'inactief'; // the atelier was not active in this quarter

export interface QuarterCell {
	quarter: string;
	state: QuarterState;
	dueDate: string;
	/** Past its due date and not (yet) submitted or approved. */
	overdue: boolean;
}

export interface AtelierLink {
	slug: string;
	name: string;
}

export interface AtelierOverview {
	id: number;
	slug: string;
	name: string;
	theme: string;
	activeFrom: string;
	activeTo: string | null;
	kartrekkers: string[];
	predecessor: AtelierLink | null;
	successors: AtelierLink[];
	quarters: QuarterCell[];
}

interface Range {
	startQuarter: string;
	endQuarter: string;
}

/** The ateliers active in a range of quarters with lineage, kartrekkers and quarter statuses. */
export async function listAtelierOverview(
	db: Kysely<Database>,
	range: Range,
	options: {
		today: string;
		dueMonths: number;
		/** Only these ateliers (a kartrekker's, see visibleAtelierIds); null or absent: all. */
		atelierIds?: number[] | null;
	}
): Promise<AtelierOverview[]> {
	if (options.atelierIds && options.atelierIds.length === 0) return [];
	let query = db
		.selectFrom('ateliers as a')
		.leftJoin('ateliers as p', 'p.id', 'a.predecessor_id')
		.select([
			'a.id',
			'a.slug',
			'a.name',
			'a.theme',
			'a.active_from',
			'a.active_to',
			'p.slug as predecessor_slug',
			'p.name as predecessor_name'
		])
		.where('a.active_from', '<=', range.endQuarter)
		.where((eb) =>
			eb.or([eb('a.active_to', 'is', null), eb('a.active_to', '>=', range.startQuarter)])
		)
		.orderBy('a.name');
	if (options.atelierIds) query = query.where('a.id', 'in', options.atelierIds);
	const ateliers = await query.execute();
	if (ateliers.length === 0) return [];
	const ids = ateliers.map((a) => a.id);

	const [successors, kartrekkers, reports] = await Promise.all([
		db
			.selectFrom('ateliers')
			.select(['predecessor_id', 'slug', 'name'])
			.where('predecessor_id', 'in', ids)
			.orderBy('name')
			.execute(),
		db
			.selectFrom('atelier_assignments as aa')
			.innerJoin('app_users as u', 'u.id', 'aa.user_id')
			.select(['aa.atelier_id', 'u.name'])
			.where('aa.atelier_id', 'in', ids)
			.where('u.role', '=', 'kartrekker')
			.where('u.active', '=', true)
			.orderBy('u.name')
			.execute(),
		db
			.selectFrom('quarter_reports')
			.select(['atelier_id', 'quarter', 'status'])
			.where('atelier_id', 'in', ids)
			.where('quarter', '>=', range.startQuarter)
			.where('quarter', '<=', range.endQuarter)
			.execute()
	]);

	const status = new Map(reports.map((r) => [`${r.atelier_id}:${r.quarter}`, r.status]));
	const quarters = quartersBetween(range.startQuarter, range.endQuarter);

	return ateliers.map((a) => ({
		id: a.id,
		slug: a.slug,
		name: a.name,
		theme: a.theme,
		activeFrom: a.active_from,
		activeTo: a.active_to,
		kartrekkers: kartrekkers.filter((k) => k.atelier_id === a.id).map((k) => k.name),
		predecessor:
			a.predecessor_slug && a.predecessor_name
				? { slug: a.predecessor_slug, name: a.predecessor_name }
				: null,
		successors: successors
			.filter((s) => s.predecessor_id === a.id)
			.map((s) => ({ slug: s.slug, name: s.name })),
		quarters: quarters.map((quarter) => {
			const dueDate = quarterDueDate(quarter, options.dueMonths);
			const active = isAtelierActive({ activeFrom: a.active_from, activeTo: a.active_to }, quarter);
			const reported = status.get(`${a.id}:${quarter}`);
			const state: QuarterState = reported
				? reported
				: !active
					? 'inactief'
					: quarterDates(quarter).end >= options.today
						? 'lopend'
						: 'ontbreekt';
			const open = state === 'ontbreekt' || state === 'concept' || state === 'teruggestuurd';
			return { quarter, state, dueDate, overdue: open && dueDate < options.today };
		})
	}));
}
