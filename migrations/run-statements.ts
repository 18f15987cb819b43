import { sql, type Kysely } from 'kysely';

// PGlite's extended protocol takes one statement per query, so a DDL script is run statement by
// statement (inside the migrator's transaction). Statements must not contain ';' themselves.
export async function runStatements(db: Kysely<any>, script: string): Promise<void> {
	const statements = script
		.split(/;\s*(?:\n|$)/)
		.map((s) => s.trim())
		.filter((s) => s.length > 0);
	for (const statement of statements) await sql.raw(statement).execute(db);
}
