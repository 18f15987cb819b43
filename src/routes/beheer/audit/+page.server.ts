import { requireCan } from '$lib/server/auth/guards';
import { parseAuditQuery } from '$lib/server/audit/filters';
import { AUDIT_PAGE_SIZE, auditEntities, listAudit } from '$lib/server/audit/query';
import { getDb } from '$lib/server/db/index';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
	requireCan(event, 'audit.read');
	const db = getDb();
	const { filters, page, values, errors } = parseAuditQuery(event.url.searchParams);
	const [result, entities, users, ateliers] = await Promise.all([
		listAudit(db, filters, { page }),
		auditEntities(db),
		db.selectFrom('app_users').select(['id', 'name']).orderBy('name').execute(),
		db.selectFrom('ateliers').select(['id', 'name']).orderBy('name').execute()
	]);
	return {
		...result,
		page,
		pages: Math.max(1, Math.ceil(result.total / AUDIT_PAGE_SIZE)),
		values,
		errors,
		entities,
		users,
		ateliers
	};
}) satisfies PageServerLoad;
