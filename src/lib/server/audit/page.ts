import type { Kysely } from 'kysely';
import type { Database } from '../db/types';
import { parseAuditQuery } from './filters';
import { AUDIT_PAGE_SIZE, auditEntities, listAudit } from './query';

/** The audit page for its URL: one page of entries, the filters as typed, and their choices. */
export async function auditPage(db: Kysely<Database>, params: URLSearchParams) {
	const { filters, page, values, errors } = parseAuditQuery(params);
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
}
