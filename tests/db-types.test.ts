import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../src/lib/server/db/connect';
import { createTestDb } from './helpers/test-db';

// src/lib/server/db/types.ts is written by hand; this test holds it to the migrated schema: the
// same tables, the same columns, and `| null` exactly where the column is nullable. A column
// renamed in a migration but not in the types (or the other way round) fails here, before a query
// that the compiler accepted fails at run time.

const TYPES = fileURLToPath(new URL('../src/lib/server/db/types.ts', import.meta.url));
const PROBE = fileURLToPath(new URL('../src/lib/server/db/__schema_probe__.ts', import.meta.url));

/**
 * Table -> column -> nullable, as the TypeScript compiler reads `Selectable<Database[T]>`; json
 * columns typed `unknown` (which includes null) take the schema's nullability.
 */
function typedSchema(actual: Record<string, Record<string, boolean>>) {
	const probe = `import type { Selectable } from 'kysely';
		import type { Database } from './types';
		export type Probe = { [T in keyof Database]: {
			[C in keyof Selectable<Database[T]>]-?: unknown extends Selectable<Database[T]>[C]
				? 'json'
				: null extends Selectable<Database[T]>[C] ? true : false
		} };`;
	const options: ts.CompilerOptions = {
		strict: true,
		module: ts.ModuleKind.ESNext,
		moduleResolution: ts.ModuleResolutionKind.Bundler,
		target: ts.ScriptTarget.ES2022,
		skipLibCheck: true
	};
	const host = ts.createCompilerHost(options);
	const readFile = host.readFile;
	host.readFile = (name) => (name === PROBE ? probe : readFile(name));
	const fileExists = host.fileExists;
	host.fileExists = (name) => name === PROBE || fileExists(name);
	const program = ts.createProgram([PROBE, TYPES], options, host);
	const checker = program.getTypeChecker();
	const source = program.getSourceFile(PROBE)!;
	const alias = source.statements.find(ts.isTypeAliasDeclaration)!;
	const probeType = checker.getTypeAtLocation(alias.name);
	const schema: Record<string, Record<string, boolean>> = {};
	for (const table of probeType.getProperties()) {
		const tableType = checker.getTypeOfSymbolAtLocation(table, alias);
		schema[table.name] = {};
		for (const column of tableType.getProperties()) {
			const text = checker.typeToString(checker.getTypeOfSymbolAtLocation(column, alias));
			schema[table.name][column.name] =
				text === '"json"' ? (actual[table.name]?.[column.name] ?? false) : text === 'true';
		}
	}
	return schema;
}

describe('the database types', () => {
	let handle: DbHandle;
	beforeAll(async () => {
		handle = await createTestDb();
	});
	afterAll(async () => {
		await handle.close();
	});

	it('name every table and column of the migrated schema, nullable where the schema is', async () => {
		const { rows } = await sql<{ table_name: string; column_name: string; is_nullable: string }>`
			select c.table_name, c.column_name, c.is_nullable
			from information_schema.columns c
			join information_schema.tables t
				on t.table_schema = c.table_schema and t.table_name = c.table_name
			where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
				and c.table_name not like 'kysely_migration%'`.execute(handle.db);
		const actual: Record<string, Record<string, boolean>> = {};
		for (const row of rows)
			(actual[row.table_name] ??= {})[row.column_name] = row.is_nullable === 'YES';
		const typed = typedSchema(actual);
		expect(Object.keys(typed).length).toBeGreaterThan(20);
		expect(Object.keys(typed).sort()).toEqual(Object.keys(actual).sort());
		for (const table of Object.keys(actual))
			expect({ table, columns: typed[table] }).toEqual({ table, columns: actual[table] });
	});
});
