import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../src/lib/server/auth/guards';
import type { DbHandle } from '../src/lib/server/db/connect';
import { ConflictError } from '../src/lib/server/errors';
import { renderReport } from '../src/lib/server/exports/pdf';
import { loadReportData } from '../src/lib/server/exports/report-data';
import { workbookStream } from '../src/lib/server/exports/xlsx';
import { loadDashboard, type DashboardSelection } from '../src/lib/server/metrics/dashboard';
import { loadIndicatorTexts, updateIndicatorText } from '../src/lib/server/metrics/indicator-texts';
import { atelier, user } from './helpers/auth';
import { sessionUser } from './helpers/demo-db';
import { popplerRead, readWorkbook, streamToBuffer } from './helpers/export-readers';
import { createTestDb } from './helpers/test-db';
import { refusal } from './helpers/refusal';

const SELECTION: DashboardSelection = {
	from: '2023Q1',
	to: '2023Q4',
	ateliers: [],
	lineage: false
};

describe('indicator names, definitions and hiding', () => {
	let handle: DbHandle;
	let boss: SessionUser;
	let boss2: SessionUser;
	let kartrekker: SessionUser;
	beforeAll(async () => {
		handle = await createTestDb();
		const a = await atelier(handle.db, 'zuid');
		boss = sessionUser('management', [], await user(handle.db, 'm@i.nl', 'management'));
		boss2 = sessionUser('management', [], await user(handle.db, 'm2@i.nl', 'management'));
		kartrekker = sessionUser(
			'kartrekker',
			[a],
			await user(handle.db, 'k@i.nl', 'kartrekker', undefined, [a])
		);
	});
	afterAll(async () => handle?.close());

	const text = async (code: string) =>
		(await loadIndicatorTexts(handle.db)).find((t) => t.code === code)!;

	it('saves a new name and definition that the dashboard, workbook and PDF print', async () => {
		const db = handle.db;
		const before = await text('gesprekken_bewoners');
		await updateIndicatorText(db, boss, 'gesprekken_bewoners', before.version, {
			name: 'Keukentafelgesprekken',
			definition: 'Gesprekken met bewoners aan de keukentafel.',
			hidden: false
		});
		expect(await text('gesprekken_bewoners')).toEqual({
			code: 'gesprekken_bewoners',
			name: 'Keukentafelgesprekken',
			definition: 'Gesprekken met bewoners aan de keukentafel.',
			hidden: false,
			version: before.version + 1
		});
		const dashboard = await loadDashboard(db, boss, { ...SELECTION }, '2026-12-01');
		expect(dashboard.indicatorTexts.find((t) => t.code === 'gesprekken_bewoners')?.name).toBe(
			'Keukentafelgesprekken'
		);
		const data = await loadReportData(db, boss, { ...SELECTION });
		const { sheets } = await readWorkbook(await streamToBuffer(workbookStream(db, data)));
		const notes = sheets.find((s) => s.name === 'Toelichting')!;
		const row = notes.rows.find((r) => r?.[1] === 'Keukentafelgesprekken');
		expect(String(row?.[2])).toContain('Gesprekken met bewoners aan de keukentafel.');
		const pdf = (await popplerRead(await renderReport(db, data, 'vws'))).text;
		expect(pdf).toContain('Keukentafelgesprekken');
		const audit = await db
			.selectFrom('audit_log')
			.select(['action', 'before', 'after'])
			.where('entity', '=', 'indicator')
			.executeTakeFirstOrThrow();
		expect(audit).toEqual({
			action: 'update',
			before: {
				name: 'Gesprekken met bewoners',
				definition: 'Som van de gesprekken met bewoners.',
				hidden: false
			},
			after: {
				name: 'Keukentafelgesprekken',
				definition: 'Gesprekken met bewoners aan de keukentafel.',
				hidden: false
			}
		});
	});

	it('leaves a hidden indicator out of the dashboard, the workbook and the PDF', async () => {
		const db = handle.db;
		const t = await text('netwerkleden');
		await updateIndicatorText(db, boss, 'netwerkleden', t.version, {
			name: 'Netwerkleden',
			definition: t.definition,
			hidden: true
		});
		const dashboard = await loadDashboard(db, boss, { ...SELECTION }, '2026-12-01');
		const codes = dashboard.metrics.indicators.map((i) => i.code);
		expect(codes).not.toContain('netwerkleden');
		expect(codes).toHaveLength(9);
		const data = await loadReportData(db, boss, { ...SELECTION });
		expect(data.metrics.indicators.map((i) => i.code)).toEqual(codes);
		const { sheets } = await readWorkbook(await streamToBuffer(workbookStream(db, data)));
		const everything = JSON.stringify(sheets.map((s) => s.rows));
		expect(everything).not.toContain('Netwerkleden');
		expect(everything).toContain('Keukentafelgesprekken');
		const pdf = (await popplerRead(await renderReport(db, data, 'programmaraad'))).text;
		expect(pdf).not.toContain('Netwerkleden');

		// shown again: back everywhere
		await updateIndicatorText(db, boss, 'netwerkleden', t.version + 1, {
			name: 'Netwerkleden',
			definition: t.definition,
			hidden: false
		});
		const again = await loadDashboard(db, boss, { ...SELECTION }, '2026-12-01');
		expect(again.metrics.indicators.map((i) => i.code)).toContain('netwerkleden');
	});

	it('gives the second manager the conflict view; refuses empty texts and other roles', async () => {
		const db = handle.db;
		const t = await text('bijeenkomsten');
		await updateIndicatorText(db, boss, 'bijeenkomsten', t.version, {
			name: 'Bijeenkomsten (alle)',
			definition: t.definition,
			hidden: false
		});
		const conflict = await refusal(
			updateIndicatorText(db, boss2, 'bijeenkomsten', t.version, {
				name: 'Ontmoetingen',
				definition: t.definition,
				hidden: true
			})
		);
		expect(conflict).toBeInstanceOf(ConflictError);
		expect((conflict as ConflictError).current).toEqual({
			values: { name: 'Bijeenkomsten (alle)', definition: t.definition, hidden: '' },
			version: t.version + 1
		});
		expect((await text('bijeenkomsten')).name).toBe('Bijeenkomsten (alle)');
		const empty = await refusal(
			updateIndicatorText(db, boss, 'bijeenkomsten', t.version + 1, {
				name: ' ',
				definition: '',
				hidden: false
			})
		);
		expect(empty.errors).toEqual({
			name: 'Vul een naam in voor deze indicator.',
			definition: 'Vul een definitie in: wat telt mee?'
		});
		const refused = await refusal(
			updateIndicatorText(db, kartrekker, 'bijeenkomsten', t.version + 1, {
				name: 'x',
				definition: 'y',
				hidden: false
			})
		);
		expect(refused.status).toBe(403);
		const unknown = await refusal(
			updateIndicatorText(db, boss, 'bestaat_niet', 1, {
				name: 'x',
				definition: 'y',
				hidden: false
			})
		);
		expect((unknown as ConflictError).current).toBeNull();
	});
});
