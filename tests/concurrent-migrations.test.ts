import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../src/lib/server/db/connect';
import { createTestDb, usingPostgres } from './helpers/test-db';

const run = promisify(execFile);

// Several app processes share one PostgreSQL database; the embedded one is single-process by design.
describe.runIf(usingPostgres)('two processes migrating one empty database at once', () => {
	let handle: DbHandle;
	beforeAll(async () => {
		handle = await createTestDb({ migrate: false });
	});
	afterAll(async () => handle?.close());

	it('both succeed and every migration runs exactly once', async () => {
		const env = { ...process.env, DATABASE_URL: handle.url };
		const migrate = () =>
			run(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/db-migrate.ts'], { env });
		const results = await Promise.all([migrate(), migrate(), migrate()]);
		const said = results.map((r) => r.stdout).join('\n');
		expect(said).toMatch(/migraties uitgevoerd/);
		expect(said).toMatch(/schema is al bijgewerkt/);
		const { rows } = await sql<{ name: string; n: number }>`
			select name, count(*)::int as n from kysely_migration group by name`.execute(handle.db);
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.every((r) => r.n === 1)).toBe(true);
	}, 120_000);
});
