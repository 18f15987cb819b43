import { sql, type Kysely } from 'kysely';

// "Openbare kennisbijeenkomst" (DESIGN.md section 4: public activities of kind
// kennisbijeenkomst) as one rule in the schema: a generated column that the summaries, the
// drill-down and any other reader use, instead of each spelling out the condition.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`alter table activities add column is_public_knowledge_event boolean not null
		generated always as (is_public and kind = 'kennisbijeenkomst') stored`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`alter table activities drop column is_public_knowledge_event`.execute(db);
}
