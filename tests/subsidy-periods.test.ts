import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../src/lib/server/auth/guards';
import type { DbHandle } from '../src/lib/server/db/connect';
import { ConflictError } from '../src/lib/server/errors';
import { periodPresets } from '../src/lib/server/metrics/dashboard';
import { choosePeriod } from '../src/lib/server/ateliers/period-choice';
import {
	createSubsidyPeriod,
	deleteSubsidyPeriod,
	updateSubsidyPeriod
} from '../src/lib/server/settings/periods';
import { listSubsidyPeriods } from '../src/lib/server/settings/werkplaats';
import { atelier, user } from './helpers/auth';
import { sessionUser } from './helpers/demo-db';
import { createTestDb } from './helpers/test-db';
import { refusal } from './helpers/refusal';

const period = (name: string, startQuarter: string, endQuarter: string) => ({
	name,
	startQuarter,
	endQuarter
});

describe('subsidy periods', () => {
	let handle: DbHandle;
	let boss: SessionUser;
	let boss2: SessionUser;
	let council: SessionUser;
	beforeAll(async () => {
		handle = await createTestDb();
		await atelier(handle.db, 'noord');
		boss = sessionUser('management', [], await user(handle.db, 'm@p.nl', 'management'));
		boss2 = sessionUser('management', [], await user(handle.db, 'm2@p.nl', 'management'));
		council = sessionUser('council', [], await user(handle.db, 'c@p.nl', 'council'));
	});
	afterAll(async () => handle?.close());

	it('adds periods of whole quarters that become the presets of the dashboard and ateliers page', async () => {
		const db = handle.db;
		const first = await createSubsidyPeriod(db, boss, period('2020-2022', '2020Q1', '2022Q4'));
		await createSubsidyPeriod(db, boss, period(' 2023-2026 ', '2023Q1', '2026Q4'));
		expect(await listSubsidyPeriods(db)).toEqual([
			{ id: first, name: '2020-2022', startQuarter: '2020Q1', endQuarter: '2022Q4', version: 1 },
			expect.objectContaining({ name: '2023-2026', startQuarter: '2023Q1', endQuarter: '2026Q4' })
		]);
		const presets = await periodPresets(db, '2026-12-01');
		expect(presets.slice(0, 2)).toEqual([
			{ label: '2020-2022', from: '2020Q1', to: '2022Q4' },
			{ label: '2023-2026', from: '2023Q1', to: '2026Q4' }
		]);
		expect(choosePeriod(await listSubsidyPeriods(db), null, '2024-05-01')?.period?.name).toBe(
			'2023-2026'
		);
		const audit = await db
			.selectFrom('audit_log')
			.select(['action', 'after', 'actor_id'])
			.where('entity', '=', 'subsidy_period')
			.execute();
		expect(audit).toHaveLength(2);
		expect(audit[0]).toMatchObject({
			action: 'create',
			actor_id: boss.id,
			after: { name: '2020-2022', startQuarter: '2020Q1', endQuarter: '2022Q4' }
		});
	});

	it('refuses overlap, a name in use, a backwards range and anything but quarters', async () => {
		const db = handle.db;
		const overlap = await refusal(createSubsidyPeriod(db, boss, period('x', '2022Q4', '2023Q2')));
		expect(overlap.status).toBe(409);
		expect(overlap.errors.startQuarter).toBe(
			'Deze periode overlapt met 2020-2022 (K1 2020 – K4 2022). Periodes mogen elkaar niet overlappen.'
		);
		const inside = await refusal(createSubsidyPeriod(db, boss, period('x', '2024Q2', '2024Q3')));
		expect(inside.errors.startQuarter).toMatch(/overlapt met 2023-2026/);
		const name = await refusal(
			createSubsidyPeriod(db, boss, period('2020-2022', '2030Q1', '2030Q4'))
		);
		expect(name.errors).toEqual({ name: 'Er is al een periode met deze naam.' });
		const backwards = await refusal(createSubsidyPeriod(db, boss, period('y', '2031Q3', '2031Q1')));
		expect(backwards.errors).toEqual({ endQuarter: 'Het laatste kwartaal ligt vóór het eerste.' });
		const notQuarters = await refusal(
			createSubsidyPeriod(db, boss, period('', '2031-03-01', '2031Q5'))
		);
		expect(notQuarters.errors).toEqual({
			name: 'Geef de periode een naam, bijvoorbeeld 2023-2026.',
			startQuarter: 'Kies het eerste kwartaal.',
			endQuarter: 'Kies het laatste kwartaal.'
		});
		expect(
			(await refusal(createSubsidyPeriod(db, council, period('z', '2040Q1', '2040Q4')))).status
		).toBe(403);
		expect(await listSubsidyPeriods(db)).toHaveLength(2);
	});

	it('serialises two overlapping additions: one is stored, the other refused', async () => {
		const db = handle.db;
		const outcomes = await Promise.allSettled([
			createSubsidyPeriod(db, boss, period('2027-2029', '2027Q1', '2029Q4')),
			createSubsidyPeriod(db, boss2, period('2028-2030', '2028Q1', '2030Q4'))
		]);
		expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
		const later = (await listSubsidyPeriods(db)).filter((p) => p.startQuarter >= '2027Q1');
		expect(later).toHaveLength(1);
		await deleteSubsidyPeriod(db, boss, later[0].id, later[0].version);
	});

	it('renames and moves a period on the version shown; the second manager gets the conflict', async () => {
		const db = handle.db;
		const [p] = await listSubsidyPeriods(db);
		await updateSubsidyPeriod(db, boss, p.id, p.version, period('2019-2022', '2019Q1', '2022Q4'));
		const conflict = await refusal(
			updateSubsidyPeriod(db, boss2, p.id, p.version, period('Oud', '2020Q1', '2022Q4'))
		);
		expect(conflict).toBeInstanceOf(ConflictError);
		expect((conflict as ConflictError).current).toEqual({
			values: { name: '2019-2022', startQuarter: '2019Q1', endQuarter: '2022Q4' },
			version: p.version + 1
		});
		// its own range does not count as an overlap, the neighbour's does
		const into = await refusal(
			updateSubsidyPeriod(db, boss, p.id, p.version + 1, period('2019-2023', '2019Q1', '2023Q1'))
		);
		expect(into.errors.startQuarter).toMatch(/overlapt met 2023-2026/);
		expect((await listSubsidyPeriods(db))[0]).toMatchObject({ name: '2019-2022', version: 2 });
	});

	it('removes a period on the version shown, audited; a stale page cannot remove it', async () => {
		const db = handle.db;
		const [p] = await listSubsidyPeriods(db);
		expect(await refusal(deleteSubsidyPeriod(db, boss, p.id, p.version - 1))).toBeInstanceOf(
			ConflictError
		);
		await deleteSubsidyPeriod(db, boss, p.id, p.version);
		const gone = await refusal(deleteSubsidyPeriod(db, boss2, p.id, p.version));
		expect((gone as ConflictError).current).toBeNull();
		expect((await listSubsidyPeriods(db)).map((x) => x.name)).toEqual(['2023-2026']);
		const last = await db
			.selectFrom('audit_log')
			.select(['action', 'before', 'after'])
			.where('entity', '=', 'subsidy_period')
			.where('entity_id', '=', String(p.id))
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		expect(last).toEqual({
			action: 'delete',
			before: { name: '2019-2022', startQuarter: '2019Q1', endQuarter: '2022Q4' },
			after: null
		});
	});
});
