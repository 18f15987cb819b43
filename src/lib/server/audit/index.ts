import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/types';

/** A database handle or (preferably) the transaction that makes the change being recorded. */
export type Executor = Kysely<Database> | Transaction<Database>;

export interface AuditEntry {
	/** app_users.id of who made the change; null for the system (seed, command line). */
	actorId: number | null;
	/** What kind of thing changed, e.g. 'user', 'activity', 'quarter_report'. */
	entity: string;
	entityId: string | number;
	/** The atelier the change belongs to, so a kartrekker's work can be filtered per atelier. */
	atelierId?: number | null;
	/** The quarter report a change of a record (or of the report itself) belongs to. */
	reportId?: number | null;
	/** e.g. 'create', 'update', 'delete', 'deactivate', 'password_reset'. */
	action: string;
	/** The record before and after the change (JSON-serialisable), null where it did not exist. */
	before?: unknown;
	after?: unknown;
}

const json = (value: unknown): string | null =>
	value === undefined || value === null ? null : JSON.stringify(value);

/**
 * Writes one audit record. Call it with the transaction that makes the change, so the change and
 * its record are committed (or rolled back) together. Never put secrets (password hashes, tokens)
 * in before/after.
 */
export async function recordAudit(trx: Executor, entry: AuditEntry): Promise<void> {
	await trx.insertInto('audit_log').values(auditRow(entry)).execute();
}

/** Many audit records in a few statements (an import of 2,000 rows): the same rows as recordAudit. */
export async function recordAudits(trx: Executor, entries: AuditEntry[]): Promise<void> {
	for (let i = 0; i < entries.length; i += 1000)
		await trx
			.insertInto('audit_log')
			.values(entries.slice(i, i + 1000).map(auditRow))
			.execute();
}

function auditRow(entry: AuditEntry) {
	return {
		actor_id: entry.actorId,
		entity: entry.entity,
		entity_id: String(entry.entityId),
		atelier_id: entry.atelierId ?? null,
		report_id:
			entry.reportId ?? (entry.entity === 'quarter_report' ? Number(entry.entityId) : null),
		action: entry.action,
		before: json(entry.before),
		after: json(entry.after)
	};
}
