import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../src/lib/server/db/connect';
import { renderReport } from '../src/lib/server/exports/pdf';
import { loadReportData } from '../src/lib/server/exports/report-data';
import { workbookStream } from '../src/lib/server/exports/xlsx';
import { loadDashboard, type DashboardSelection } from '../src/lib/server/metrics/dashboard';
import { sessionUser } from './helpers/demo-db';
import { rowOf } from './helpers/export-checks';
import { popplerRead, readWorkbook, streamToBuffer } from './helpers/export-readers';
import { referenceMetrics, type RefWorld } from './helpers/metrics-reference';
import { createTestDb } from './helpers/test-db';

// The previous period is computed with the grouping of the current one. A line Armoede -> Kansrijk
// -> Over leven plus one other atelier: per line, the previous period's Netwerkleden is the line's
// last value (31) plus the other atelier's (32), not every predecessor's last value as well.

const boss = sessionUser('management', [], 1);
const council = sessionUser('council', [], 2);
const period = { from: '2023Q1', to: '2023Q4' } as const;

describe('the comparison with the previous period', { timeout: 120_000 }, () => {
	let handle: DbHandle;
	const world: RefWorld = { ateliers: [], reports: [] };

	beforeAll(async () => {
		handle = await createTestDb();
		const { db } = handle;
		const add = async (
			slug: string,
			name: string,
			from: string,
			to: string | null,
			predecessorId: number | null
		) => {
			const { id } = await db
				.insertInto('ateliers')
				.values({ slug, name, active_from: from, active_to: to, predecessor_id: predecessorId })
				.returning('id')
				.executeTakeFirstOrThrow();
			world.ateliers.push({ id, name, activeFrom: from, activeTo: to, predecessorId });
			return id;
		};
		const armoede = await add('armoede', 'Armoede', '2022Q1', '2022Q1', null);
		const kansrijk = await add('kansrijk', 'Kansrijk', '2022Q2', '2022Q2', armoede);
		const overLeven = await add('over-leven', 'Over leven', '2022Q3', null, kansrijk);
		const wijk = await add('wijk', 'Samen in de wijk', '2022Q1', null, null);
		const reports: [number, string, number][] = [
			[armoede, '2022Q1', 34],
			[kansrijk, '2022Q2', 21],
			[overLeven, '2022Q4', 31],
			[wijk, '2022Q4', 32],
			[overLeven, '2023Q4', 40],
			[wijk, '2023Q3', 35]
		];
		for (const [atelierId, quarter, network] of reports) {
			await db
				.insertInto('quarter_reports')
				.values({
					atelier_id: atelierId,
					quarter,
					status: 'goedgekeurd',
					network_members: network
				})
				.execute();
			world.reports.push({
				atelierId,
				quarter,
				status: 'goedgekeurd',
				network,
				activities: [],
				studentIds: [],
				partnerOrgIds: [],
				publicationKinds: [],
				reach: []
			});
		}
	});
	afterAll(async () => handle?.close());

	const reference = (lineage: boolean, from: string, to: string) =>
		referenceMetrics(world, {
			from,
			to,
			atelierIds: null,
			scope: 'approved',
			groupByLineage: lineage
		}).total.netwerkleden;

	it('groups the previous period by line when the current one is (dashboard card)', async () => {
		const selection: DashboardSelection = { ...period, ateliers: [], lineage: true };
		const d = await loadDashboard(handle.db, boss, selection, '2024-01-15');
		expect(d.metrics.total.netwerkleden).toBe(75);
		expect(reference(true, '2022Q1', '2022Q4')).toBe(63);
		expect(d.previous.total.netwerkleden).toBe(63);
		expect(d.previous.changes.netwerkleden).toEqual({
			previous: 63,
			change: 12,
			ratio: 12 / 63
		});
		// by atelier, every atelier is a unit of its own in both periods
		const byAtelier = await loadDashboard(
			handle.db,
			boss,
			{ ...selection, lineage: false },
			'2024-01-15'
		);
		expect(byAtelier.previous.total.netwerkleden).toBe(reference(false, '2022Q1', '2022Q4'));
		expect(byAtelier.previous.total.netwerkleden).toBe(118);
	});

	it('shows the same previous period in the workbook and the council PDF', async () => {
		const selection: DashboardSelection = { ...period, ateliers: ['over-leven'], lineage: true };
		const data = await loadReportData(handle.db, council, selection, { approvedOnly: true });
		const { sheets } = await readWorkbook(await streamToBuffer(workbookStream(handle.db, data)));
		const row = rowOf(
			sheets.find((s) => s.name === 'In cijfers')!,
			'Netwerkleden'
		);
		// the line alone: 40 now, 31 (Over leven's last value of 2022) before
		expect([row[3], row[5], row[6], row[7]]).toEqual([40, 31, 9, 9 / 31]);
		const { text } = await popplerRead(await renderReport(handle.db, data, 'programmaraad'));
		const cmp = text.slice(text.lastIndexOf('Vergelijking met de vorige periode'));
		expect(cmp).toMatch(/Netwerkleden\s+40\s+31\s+\+9\s+\+29\s?%/);
	});

	it('has no comparison on any channel when nothing selected was active before', async () => {
		const selection: DashboardSelection = {
			from: '2022Q1',
			to: '2022Q4',
			ateliers: [],
			lineage: true
		};
		const d = await loadDashboard(handle.db, boss, selection, '2024-01-15');
		expect(d.previous.available).toBe(false);
		expect(Object.values(d.previous.changes).every((c) => c === null)).toBe(true);
		const data = await loadReportData(handle.db, council, selection, { approvedOnly: true });
		const { sheets } = await readWorkbook(await streamToBuffer(workbookStream(handle.db, data)));
		const row = rowOf(
			sheets.find((s) => s.name === 'In cijfers')!,
			'Netwerkleden'
		);
		expect(row[3]).toBe(63);
		expect(row.slice(5, 8).filter((v) => v !== null && v !== undefined)).toEqual([]);
		const { text } = await popplerRead(await renderReport(handle.db, data, 'programmaraad'));
		expect(text.slice(text.lastIndexOf('Vergelijking met de vorige periode'))).toMatch(
			/Geen vergelijking: in K1 2021 – K4 2021 was geen/
		);
	});
});
