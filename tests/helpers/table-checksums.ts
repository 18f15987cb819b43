import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/lib/server/db/types';

/** Row count and an md5 over the sorted rows of every table: equal maps mean equal data. */
export async function tableChecksums(
	db: Kysely<Database>
): Promise<Record<string, { rows: number; md5: string }>> {
	const { rows: tables } = await sql<{ table_name: string }>`
		select table_name from information_schema.tables
		where table_schema = current_schema() and table_type = 'BASE TABLE'
		order by table_name`.execute(db);
	const result: Record<string, { rows: number; md5: string }> = {};
	for (const { table_name } of tables) {
		const { rows } = await sql<{ rows: number; md5: string | null }>`
			select count(*)::int as rows, md5(string_agg(t::text, '|' order by t::text)) as md5
			from ${sql.table(table_name)} t`.execute(db);
		result[table_name] = { rows: rows[0].rows, md5: rows[0].md5 ?? '' };
	}
	return result;
}
