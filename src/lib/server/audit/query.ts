import type { Kysely } from 'kysely';
import type { Database } from '../db/types';

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
	/** Fields that differ between before and after: [field, before, after]. */
	changes: { field: string; before: string; after: string }[];
}

export const AUDIT_PAGE_SIZE = 50;

const show = (value: unknown): string =>
	value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);

function changes(before: unknown, after: unknown): AuditRow['changes'] {
	const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
	const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
	const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
	return fields
		.filter((f) => JSON.stringify(b[f]) !== JSON.stringify(a[f]))
		.map((field) => ({ field, before: show(b[field]), after: show(a[field]) }));
}

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
			changes: changes(r.before, r.after)
		}))
	};
}

/** The entity kinds present in the log, for the filter. */
export async function auditEntities(db: Kysely<Database>): Promise<string[]> {
	const rows = await db
		.selectFrom('audit_log')
		.select('entity')
		.distinct()
		.orderBy('entity')
		.execute();
	return rows.map((r) => r.entity);
}
