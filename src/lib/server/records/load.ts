import type { Executor } from '../audit/index';
import { locationLabel } from './registries';
import type { RecordItem } from './definitions';
import { PARTICIPANT_GROUPS } from './schemas';

type Row = Record<string, unknown> & { id: number; version: number };

/** One page of a record list: how many to skip and to show. */
export interface Slice {
	limit: number;
	offset: number;
}
type Simple = 'student' | 'partner' | 'publication' | 'reach' | 'highlight';

function query(db: Executor, type: Simple, reportId: number, id: number | undefined) {
	switch (type) {
		case 'student':
			return db
				.selectFrom('student_participations as r')
				.innerJoin('students as s', 's.id', 'r.student_id')
				.selectAll('r')
				.where('r.report_id', '=', reportId)
				.$if(id !== undefined, (q) => q.where('r.id', '=', id!))
				.orderBy('s.display_name')
				.orderBy('r.id');
		case 'partner':
			return db
				.selectFrom('partner_involvements as r')
				.innerJoin('organisations as o', 'o.id', 'r.organisation_id')
				.selectAll('r')
				.select('o.name as organisation_name')
				.where('r.report_id', '=', reportId)
				.$if(id !== undefined, (q) => q.where('r.id', '=', id!))
				.orderBy('o.name')
				.orderBy('r.id');
		case 'publication':
			return db
				.selectFrom('publications as r')
				.selectAll('r')
				.where('r.report_id', '=', reportId)
				.$if(id !== undefined, (q) => q.where('r.id', '=', id!))
				.orderBy('r.date')
				.orderBy('r.id');
		case 'reach':
			return db
				.selectFrom('reach as r')
				.innerJoin('locations as l', 'l.id', 'r.location_id')
				.selectAll('r')
				.select(['l.name as location_name', 'l.municipality as location_municipality'])
				.where('r.report_id', '=', reportId)
				.$if(id !== undefined, (q) => q.where('r.id', '=', id!))
				.orderBy('l.municipality')
				.orderBy('l.name');
		case 'highlight':
			return db
				.selectFrom('highlights as r')
				.selectAll('r')
				.where('r.report_id', '=', reportId)
				.$if(id !== undefined, (q) => q.where('r.id', '=', id!))
				.orderBy('r.id');
	}
}

export async function loadSimple(
	db: Executor,
	type: Simple,
	reportId: number,
	id: number | undefined,
	present: (row: Row) => Pick<RecordItem, 'values' | 'summary'>,
	slice?: Slice
): Promise<RecordItem[]> {
	// the five queries differ in type; paging them needs only these two methods
	type Pageable = {
		limit(n: number): Pageable;
		offset(n: number): Pageable;
		execute(): Promise<unknown>;
	};
	let q = query(db, type, reportId, id) as unknown as Pageable;
	if (slice) q = q.limit(slice.limit).offset(slice.offset);
	const rows = (await q.execute()) as Row[];
	return rows.map((r) => ({ id: r.id, version: r.version, ...present(r) }));
}

export async function loadActivities(
	db: Executor,
	reportId: number,
	id?: number,
	slice?: Slice
): Promise<RecordItem[]> {
	let q = db
		.selectFrom('activities as r')
		.leftJoin('locations as l', 'l.id', 'r.location_id')
		.selectAll('r')
		.select(['l.name as location_name', 'l.municipality as location_municipality'])
		.where('r.report_id', '=', reportId)
		.orderBy('r.date')
		.orderBy('r.id');
	if (id !== undefined) q = q.where('r.id', '=', id);
	if (slice) q = q.limit(slice.limit).offset(slice.offset);
	const rows = await q.execute();
	if (rows.length === 0) return [];
	const orgs = await db
		.selectFrom('activity_organisations as ao')
		.innerJoin('organisations as o', 'o.id', 'ao.organisation_id')
		.select(['ao.activity_id', 'o.name'])
		.where(
			'ao.activity_id',
			'in',
			rows.map((r) => r.id)
		)
		.orderBy('o.name')
		.execute();
	return rows.map((r) => {
		const values: Record<string, string | string[]> = {
			date: r.date,
			title: r.title,
			kind: r.kind,
			is_public: r.is_public ? 'on' : '',
			participants_total: String(r.participants_total),
			location:
				r.location_name && r.location_municipality
					? locationLabel({ name: r.location_name, municipality: r.location_municipality })
					: '',
			venue: r.venue,
			description: r.description,
			organisations: orgs.filter((o) => o.activity_id === r.id).map((o) => o.name)
		};
		for (const [group] of PARTICIPANT_GROUPS) values[group] = String(r[`participants_${group}`]);
		return {
			id: r.id,
			version: r.version,
			values,
			summary: `${r.date} · ${r.kind}${r.is_public ? ' (openbaar)' : ''}: ${r.title} — ${r.participants_total} deelnemers`
		};
	});
}
