import { readdirSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../migrations/index';
import type { DbHandle } from '../src/lib/server/db/connect';
import type { Database } from '../src/lib/server/db/types';
import { migrateToEmpty, migrateToLatest } from '../src/lib/server/db/migrate';
import { createTestDb } from './helpers/test-db';

async function tableNames(handle: DbHandle): Promise<string[]> {
	const { rows } = await sql<{ table_name: string }>`
		select table_name from information_schema.tables
		where table_schema = current_schema() and table_name not like 'kysely_%'
		order by table_name`.execute(handle.db);
	return rows.map((r) => r.table_name);
}

describe('migrations', () => {
	let handle: DbHandle;
	beforeAll(async () => {
		handle = await createTestDb({ migrate: false });
	});
	afterAll(async () => handle?.close());

	it('lists every migration file of the folder', () => {
		const files = readdirSync('migrations')
			.filter((f) => /^\d{4}_\d{2}_\d{2}_\d{4}_.+\.ts$/.test(f))
			.map((f) => f.replace(/\.ts$/, ''));
		expect(Object.keys(migrations).sort()).toEqual(files.sort());
	});

	it('go up, all the way down, and up again', async () => {
		const up = await migrateToLatest(handle.db);
		expect(up).toEqual(Object.keys(migrations).sort());
		const tables = await tableNames(handle);
		expect(tables).toContain('quarter_reports');
		expect(tables).toContain('indicator_targets');

		const down = await migrateToEmpty(handle.db);
		expect(down).toEqual(Object.keys(migrations).sort().reverse());
		expect(await tableNames(handle)).toEqual([]);

		expect(await migrateToLatest(handle.db)).toEqual(Object.keys(migrations).sort());
		expect(await tableNames(handle)).toEqual(tables);
		const { rows } = await sql<{ n: number }>`select count(*) as n from indicators`.execute(
			handle.db
		);
		expect(rows[0].n).toBe(10);
	});

	it('roll back a failing batch entirely and name the failing migration', async () => {
		const fresh = await createTestDb({ migrate: false });
		try {
			const broken = {
				...migrations,
				'2099_01_01_0001_broken': {
					up: async (db: Kysely<Database>) => {
						await sql`create table half_done (id int)`.execute(db);
						await sql`select * from table_that_does_not_exist`.execute(db);
					}
				}
			};
			await expect(migrateToLatest(fresh.db, broken)).rejects.toThrow(
				/Migratie 2099_01_01_0001_broken is mislukt.*ongewijzigd/
			);
			expect(await tableNames(fresh)).toEqual([]);
		} finally {
			await fresh.close();
		}
	});

	it('enforce the domain rules in the database itself', async () => {
		const db = handle.db;
		const atelier = await db
			.insertInto('ateliers')
			.values({
				slug: 'proef',
				name: 'Proef',
				active_from: '2020Q1',
				active_to: null,
				predecessor_id: null
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await expect(
			db
				.insertInto('quarter_reports')
				.values({
					atelier_id: atelier.id,
					quarter: '2020Q5',
					network_members: null,
					return_comment: null
				})
				.execute()
		).rejects.toThrow();
		const report = await db
			.insertInto('quarter_reports')
			.values({
				atelier_id: atelier.id,
				quarter: '2020Q1',
				network_members: null,
				return_comment: null
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		// one report per atelier per quarter
		await expect(
			db
				.insertInto('quarter_reports')
				.values({
					atelier_id: atelier.id,
					quarter: '2020Q1',
					network_members: null,
					return_comment: null
				})
				.execute()
		).rejects.toThrow();
		const activity = {
			report_id: report.id,
			date: '2020-02-01',
			title: 'Bijeenkomst',
			kind: 'kennisbijeenkomst' as const,
			location_id: null
		};
		await expect(
			db
				.insertInto('activities')
				.values({ ...activity, participants_total: -1 })
				.execute()
		).rejects.toThrow();
		// participants per group add up to at most the total
		await expect(
			db
				.insertInto('activities')
				.values({ ...activity, participants_total: 5, participants_bewoners: 6 })
				.execute()
		).rejects.toThrow();
		await expect(
			db
				.insertInto('activities')
				.values({ ...activity, report_id: 999_999 })
				.execute()
		).rejects.toThrow();
		await expect(
			db
				.insertInto('publications')
				.values({
					report_id: report.id,
					date: '2020-02-01',
					title: 'X',
					kind: 'rapport',
					url: 'javascript:alert(1)'
				})
				.execute()
		).rejects.toThrow();
		await db
			.insertInto('activities')
			.values({ ...activity, participants_total: 5 })
			.execute();
	});
});
