import type { Kysely } from 'kysely';
import type { Database } from '../db/types';
import {
	actionLabel,
	describeChanges,
	entityLabel,
	type AuditChange,
	type AuditNames
} from './vocabulary';

export interface AuditFilters {
	actorId?: number;
	atelierId?: number;
	entity?: string;
	entityId?: string;
	/** 'YYYY-MM-DD', inclusive, Amsterdam time. */
	from?: string;
	to?: string;
}

export interface AuditRow {
	id: number;
	at: string;
	actorId: number | null;
	actorName: string | null;
	entity: string;
	entityId: string;
	atelierId: number | null;
	atelierName: string | null;
	action: string;
	/** What was changed and what happened, in Dutch. */
	entityLabel: string;
	actionLabel: string;
	/** Fields that differ between before and after, labelled and formatted for a reader. */
	changes: AuditChange[];
}

export const AUDIT_PAGE_SIZE = 50;

/** Audit records, newest first, filtered and paged. */
export async function listAudit(
	db: Kysely<Database>,
	filters: AuditFilters,
	paging: { page: number; pageSize?: number }
): Promise<{ rows: AuditRow[]; total: number }> {
	const pageSize = paging.pageSize ?? AUDIT_PAGE_SIZE;
	let query = db.selectFrom('audit_log as l');
	if (filters.actorId !== undefined) query = query.where('l.actor_id', '=', filters.actorId);
	if (filters.atelierId !== undefined) query = query.where('l.atelier_id', '=', filters.atelierId);
	if (filters.entity) query = query.where('l.entity', '=', filters.entity);
	if (filters.entityId) query = query.where('l.entity_id', '=', filters.entityId);
	if (filters.from)
		query = query.where((eb) =>
			eb(eb.fn('timezone', [eb.val('Europe/Amsterdam'), 'l.at']), '>=', eb.val(filters.from!))
		);
	if (filters.to)
		query = query.where((eb) =>
			eb(
				eb.fn('timezone', [eb.val('Europe/Amsterdam'), 'l.at']),
				'<',
				eb.val(`${filters.to!} 24:00:00`)
			)
		);
	const { total } = await query
		.select((eb) => eb.fn.countAll<number>().as('total'))
		.executeTakeFirstOrThrow();
	const rows = await query
		.leftJoin('app_users as u', 'u.id', 'l.actor_id')
		.leftJoin('ateliers as a', 'a.id', 'l.atelier_id')
		.select([
			'l.id',
			'l.at',
			'l.actor_id',
			'u.name as actor_name',
			'l.entity',
			'l.entity_id',
			'l.atelier_id',
			'a.name as atelier_name',
			'l.action',
			'l.before',
			'l.after'
		])
		.orderBy('l.at', 'desc')
		.orderBy('l.id', 'desc')
		.limit(pageSize)
		.offset((Math.max(1, paging.page) - 1) * pageSize)
		.execute();
	const names = await namesFor(db, rows);
	return {
		total: Number(total),
		rows: rows.map((r) => ({
			id: Number(r.id),
			at: new Date(r.at).toISOString(),
			actorId: r.actor_id,
			actorName: r.actor_name,
			entity: r.entity,
			entityId: r.entity_id,
			atelierId: r.atelier_id,
			atelierName: r.atelier_name,
			action: r.action,
			entityLabel: entityLabel(r.entity),
			actionLabel: actionLabel(r.action),
			changes: describeChanges(r.entity, r.before, r.after, names)
		}))
	};
}

/** The names behind the ids the rows mention: ateliers, and students ('#12') of participations. */
async function namesFor(
	db: Kysely<Database>,
	rows: { entity: string; before: unknown; after: unknown }[]
): Promise<AuditNames> {
	const studentIds = new Set<number>();
	for (const r of rows)
		if (r.entity === 'student_participations')
			for (const side of [r.before, r.after]) {
				const v = (side as Record<string, unknown> | null)?.student;
				if (typeof v === 'string' && /^#\d+$/.test(v)) studentIds.add(Number(v.slice(1)));
			}
	const [ateliers, students] = await Promise.all([
		db.selectFrom('ateliers').select(['id', 'name']).execute(),
		studentIds.size
			? db
					.selectFrom('students')
					.select(['id', 'display_name'])
					.where('id', 'in', [...studentIds])
					.execute()
			: []
	]);
	return {
		ateliers: new Map(ateliers.map((a) => [a.id, a.name])),
		students: new Map(students.map((s) => [`#${s.id}`, s.display_name]))
	};
}

/** The entity kinds present in the log, for the filter: code and Dutch name, by name. */
export async function auditEntities(
	db: Kysely<Database>
): Promise<{ value: string; label: string }[]> {
	const rows = await db.selectFrom('audit_log').select('entity').distinct().execute();
	return rows
		.map((r) => ({ value: r.entity, label: entityLabel(r.entity) }))
		.sort((x, y) => x.label.localeCompare(y.label, 'nl'));
}
