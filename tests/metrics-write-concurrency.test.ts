import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../src/lib/server/db/connect';
import { cachedMetrics } from '../src/lib/server/metrics/cache';
import { computeMetrics, type MetricsQuery } from '../src/lib/server/metrics/engine';
import { insertRecord, parseRecord, saveRecord } from '../src/lib/server/records/service';
import { openForEdit } from '../src/lib/server/reports/report';
import { recordsFixture, validActivity, type RecordsFixture } from './helpers/records';
import { createTestDb, usingPostgres } from './helpers/test-db';

// Saves to different ateliers must not queue behind each other (issue 15): a save holds its own
// report's lock and nothing shared. Proved with lock_timeout, not with timing: the second
// connection gives up on any lock wait longer than LOCK_TIMEOUT, so if the save had to wait for
// the open transaction it fails with "canceling statement due to lock timeout" (55P03).
const LOCK_TIMEOUT = '3s';

describe.skipIf(!usingPostgres)('concurrent saves on PostgreSQL', () => {
	let handle: DbHandle;
	let impatient: DbHandle;
	let f: RecordsFixture;
	const quarter = '2024Q1';
	beforeAll(async () => {
		handle = await createTestDb();
		f = await recordsFixture(handle.db, 'cw');
		const url = new URL(handle.url!);
		url.searchParams.set('options', `-c lock_timeout=${LOCK_TIMEOUT}`);
		impatient = await openDatabase({ databaseUrl: url.toString() });
	});
	afterAll(async () => {
		await impatient?.close();
		await handle?.close();
	});

	/** A save to atelier A left open: its report locked, its record written, not committed. */
	async function openSave() {
		const trx = await handle.db.startTransaction().execute();
		const ref = { atelierId: f.atelierId, quarter };
		const report = await openForEdit(trx, f.boss, ref);
		const parsed = parseRecord('activity', quarter, validActivity);
		const prepared = await parsed.prepare(trx, { atelierId: f.atelierId, actorId: f.boss.id });
		await insertRecord(trx, f.boss.id, report, 'activity', prepared);
		return trx;
	}

	it('a save to another atelier does not wait for an open save', async () => {
		// both reports exist and carry a record, so neither save is the first of its report
		for (const atelierId of [f.atelierId, f.otherAtelierId])
			await saveRecord(
				handle.db,
				f.boss,
				{ atelierId, quarter },
				'activity',
				{ id: null, version: null },
				validActivity
			);
		const open = await openSave();
		try {
			const saved = await saveRecord(
				impatient.db,
				f.boss,
				{ atelierId: f.otherAtelierId, quarter },
				'activity',
				{ id: null, version: null },
				{ ...validActivity, title: 'Ander atelier' }
			);
			expect(saved).toBeGreaterThan(0);
			// the control: a save to the same report does wait, and gives up
			await expect(
				saveRecord(
					impatient.db,
					f.boss,
					{ atelierId: f.atelierId, quarter },
					'activity',
					{ id: null, version: null },
					validActivity
				)
			).rejects.toMatchObject({ code: '55P03' });
		} finally {
			await open.commit().execute();
		}
		// and the cache, read after both, equals a recomputation
		const query: MetricsQuery = {
			from: quarter,
			to: quarter,
			atelierIds: null,
			scope: 'approved+submitted'
		};
		const concepts = await handle.db
			.updateTable('quarter_reports')
			.set({ status: 'ingediend' })
			.where('quarter', '=', quarter)
			.execute();
		expect(concepts.length).toBe(1);
		const cached = await cachedMetrics(handle.db, query);
		expect(cached).toEqual(await computeMetrics(handle.db, query));
		expect(cached.total.bijeenkomsten).toBe(4);
	});
});
