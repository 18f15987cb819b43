import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../src/lib/server/db/connect';
import { HISTORY_COMMENT, importHistory } from '../src/lib/server/import/history-import';
import { ATELIER_HEADER, QUARTER_HEADER } from '../src/lib/server/import/history-sheets';
import { writeHistoryTemplate } from '../src/lib/server/import/history-template';
import { ImportFileError } from '../src/lib/server/import/read';
import { importTemplate, ImportProblems } from '../src/lib/server/import/import';
import { writeTemplate } from '../src/lib/server/import/template';
import { RECORD_TYPES } from '../src/lib/records/fields';
import { DEFINITIONS } from '../src/lib/server/records/kinds';
import { collect, downloadTemplate, fillTemplate } from './helpers/template';
import { computeMetrics } from '../src/lib/server/metrics/engine';
import { actingAs, expectRefused, recordsFixture, type RecordsFixture } from './helpers/records';
import { createTestDb } from './helpers/test-db';
import { tableChecksums } from './helpers/table-checksums';

const meeting = (atelier: string, quarter: string, date: string, title: string, orgs = '') => [
	atelier,
	quarter,
	date,
	title,
	'kennisbijeenkomst',
	'ja',
	20,
	8,
	10,
	0,
	0,
	0,
	2,
	'Geleen-Zuid (Sittard-Geleen)',
	'Buurthuis',
	'',
	orgs
];

describe('the history import', () => {
	let handle: DbHandle;
	let f: RecordsFixture;
	let template: Buffer;
	const previousToday = process.env.JAARBEELD_TODAY;
	const db = () => handle.db;
	const good = () => ({
		Kwartalen: [['h-a', '2023Q2', 12, 'nee']],
		Partners: [['h-a', 'K1 2023', 'Stichting Historie', 'welzijn', 'Stein', 'gastheer']],
		Bijeenkomsten: [
			meeting(
				'Atelier h-a',
				'2023Q1',
				'2023-02-15',
				'Wijkgesprek',
				'Stichting Historie; MIK & PIW Groep'
			)
		],
		Studenten: [['h-a', '2023Q1', 'h123', 'stage', '']],
		Publicaties: [['h-a', '2023Q2', '2023-05-01', 'Verslag', 'verslag', '', 'Els']],
		Bereik: [['h-b', '2023Q3', 'Nieuwdorp (Stein)', 40, 12]],
		'Trots op': [['h-b', '2023Q3', 'Trots', 'Tekst', '', '', '', '', 'ja']]
	});
	const reports = () =>
		db()
			.selectFrom('quarter_reports')
			.select(['atelier_id', 'quarter', 'status', 'network_members'])
			.orderBy('atelier_id')
			.orderBy('quarter')
			.execute();

	beforeAll(async () => {
		process.env.JAARBEELD_TODAY = '2025-06-01';
		handle = await createTestDb();
		f = await recordsFixture(handle.db, 'h');
		await db()
			.updateTable('ateliers')
			.set({ active_to: '2024Q4' })
			.where('id', '=', f.otherAtelierId)
			.execute();
		template = await collect(await writeHistoryTemplate(handle.db));
	});
	afterAll(async () => {
		process.env.JAARBEELD_TODAY = previousToday;
		await handle?.close();
	});

	it('writes a template: a sheet per record kind, atelier and quarter first, the ateliers listed', async () => {
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(template as never);
		expect(wb.worksheets.map((w) => w.name)).toEqual([
			'Instructies',
			'Kwartalen',
			'Partners',
			'Bijeenkomsten',
			'Studenten',
			'Publicaties',
			'Bereik',
			'Trots op',
			'Lijsten',
			'Sjabloon-id'
		]);
		const acts = wb.getWorksheet('Bijeenkomsten')!;
		expect([acts.getCell('A1').value, acts.getCell('B1').value, acts.getCell('C1').value]).toEqual([
			ATELIER_HEADER,
			QUARTER_HEADER,
			'Datum (jjjj-mm-dd)'
		]);
		expect(acts.getCell('A2').dataValidation?.formulae?.[0]).toContain('Lijsten');
		expect(acts.getCell('E2').dataValidation?.formulae?.[0]).toContain('kennisbijeenkomst');
		const list = wb.getWorksheet('Lijsten')!;
		expect([list.getCell('A2').value, list.getCell('A3').value]).toEqual(['h-a', 'h-b']);
	});

	it('refuses everyone but management, and a file that is not a history workbook', async () => {
		const bytes = await fillTemplate(template, good());
		await expectRefused(importHistory(db(), f.kartrekker, bytes), 403);
		await expectRefused(importHistory(db(), f.council, bytes), 403);
		const quarter = await collect(
			await writeTemplate(db(), { id: f.atelierId, slug: 'h-a', name: 'A' }, '2023Q1')
		);
		await expect(importHistory(db(), f.boss, new Uint8Array(quarter))).rejects.toBeInstanceOf(
			ImportFileError
		);
		expect(await reports()).toEqual([]);
	});

	it('refuses a file with problems as a whole, each by sheet, row and column', async () => {
		const before = await tableChecksums(db());
		const bad = await fillTemplate(template, {
			...good(),
			Bijeenkomsten: [
				meeting('h-a', '2023Q4', '2023-11-01', 'Goed'),
				meeting('onbekend', '2023Q1', '2023-02-01', 'Wie?'),
				meeting('h-a', '2022Q4', '2022-11-01', 'Te vroeg'),
				meeting('h-b', '2025Q2', '2025-05-01', 'Nog niet voorbij'),
				meeting('h-b', '2025Q1', '2025-01-10', 'Na het einde'),
				meeting('h-a', '2023Q3', '2023-12-01', 'Buiten het kwartaal')
			]
		});
		const e = await importHistory(db(), f.boss, bad).catch((x: unknown) => x);
		expect(e).toBeInstanceOf(ImportProblems);
		const problems = (e as ImportProblems).problems.map((p) => [
			p.sheet,
			p.row,
			p.column,
			p.message
		]);
		expect(problems).toEqual([
			['Bijeenkomsten', 3, ATELIER_HEADER, expect.stringContaining('Onbekend atelier “onbekend”')],
			['Bijeenkomsten', 4, QUARTER_HEADER, expect.stringContaining('buiten de actieve periode')],
			['Bijeenkomsten', 5, QUARTER_HEADER, expect.stringContaining('nog niet voorbij')],
			['Bijeenkomsten', 6, QUARTER_HEADER, expect.stringContaining('K1 2023 – K4 2024')],
			['Bijeenkomsten', 7, 'Datum (jjjj-mm-dd)', expect.stringContaining('in K3 2023 liggen')]
		]);
		expect(await tableChecksums(db())).toEqual(before);
	});

	it('imports many ateliers and quarters as approved, with the history entry, counted by the engine', async () => {
		const result = await importHistory(db(), f.boss, await fillTemplate(template, good()));
		expect(result).toEqual({ quarters: 3, created: 7, skipped: 0 });
		expect(await reports()).toEqual([
			{ atelier_id: f.atelierId, quarter: '2023Q1', status: 'goedgekeurd', network_members: null },
			{ atelier_id: f.atelierId, quarter: '2023Q2', status: 'goedgekeurd', network_members: 12 },
			{
				atelier_id: f.otherAtelierId,
				quarter: '2023Q3',
				status: 'goedgekeurd',
				network_members: null
			}
		]);
		const history = await db()
			.selectFrom('report_status_history')
			.select(['to_status', 'comment', 'actor_user_id'])
			.where('to_status', '=', 'goedgekeurd')
			.execute();
		expect(history).toEqual(
			Array(3).fill({
				to_status: 'goedgekeurd',
				comment: HISTORY_COMMENT,
				actor_user_id: f.boss.id
			})
		);
		// the council's scope (approved only) counts them
		const engine = await computeMetrics(db(), {
			from: '2023Q1',
			to: '2023Q4',
			atelierIds: null,
			scope: 'approved'
		});
		expect(engine.total).toMatchObject({
			bijeenkomsten: 1,
			deelnemers: 20,
			actieve_studenten: 1,
			partnerorganisaties: 2,
			publicaties: 1,
			gesprekken_bewoners: 40,
			netwerkleden: 12
		});
		expect(
			await db()
				.selectFrom('organisations')
				.select('kind')
				.where('name', '=', 'Stichting Historie')
				.execute()
		).toEqual([{ kind: 'welzijn' }]);
		const audit = await db()
			.selectFrom('audit_log')
			.select(['actor_id', 'after'])
			.where('entity', '=', 'history_import')
			.execute();
		expect(audit).toHaveLength(1);
		expect(audit[0].after).toMatchObject({ quarters: 3, created: 7 });
	});

	it('adds nothing when the same file is uploaded again', async () => {
		const before = await tableChecksums(db());
		const again = await importHistory(db(), f.boss, await fillTemplate(template, good()));
		expect(again).toEqual({ quarters: 0, created: 0, skipped: 7 });
		const after = await tableChecksums(db());
		expect(after).toEqual(before);
	});

	it('never overwrites a quarter that holds data: the file is refused and the quarter named', async () => {
		await actingAs(db(), f.outsider, { atelierId: f.otherAtelierId, quarter: '2024Q1' }).add(
			'highlight',
			{
				title: 'Al ingevuld'
			}
		);
		// an existing report without any data is filled like a new one
		await db()
			.insertInto('quarter_reports')
			.values({ atelier_id: f.otherAtelierId, quarter: '2024Q2' })
			.execute();
		const before = await tableChecksums(db());
		const file = await fillTemplate(template, {
			Bijeenkomsten: [
				meeting('h-b', '2024Q2', '2024-04-10', 'Leeg kwartaal'),
				meeting('h-b', '2024Q1', '2024-02-10', 'Botst')
			]
		});
		const e = await importHistory(db(), f.boss, file).catch((x: unknown) => x);
		expect(e).toBeInstanceOf(ImportProblems);
		expect((e as ImportProblems).problems).toEqual([
			{
				sheet: 'Bijeenkomsten',
				row: 3,
				column: '',
				message: expect.stringContaining('K1 2024 bevat al gegevens (status concept)')
			}
		]);
		expect(await tableChecksums(db())).toEqual(before);

		const ok = await fillTemplate(template, {
			Bijeenkomsten: [meeting('h-b', '2024Q2', '2024-04-10', 'Leeg kwartaal')]
		});
		expect(await importHistory(db(), f.boss, ok)).toEqual({ quarters: 1, created: 1, skipped: 0 });
		const filled = await db()
			.selectFrom('quarter_reports')
			.select('status')
			.where('atelier_id', '=', f.otherAtelierId)
			.where('quarter', '=', '2024Q2')
			.executeTakeFirstOrThrow();
		expect(filled.status).toBe('goedgekeurd');
	});

	it('two managers uploading the same file at once: one imports it, the other adds nothing', async () => {
		const file = await fillTemplate(template, {
			Bijeenkomsten: [meeting('h-a', '2024Q3', '2024-08-10', 'Tegelijk')]
		});
		const results = await Promise.all([
			importHistory(db(), f.boss, file),
			importHistory(db(), f.boss, file)
		]);
		expect(results.map((r) => r.quarters).sort()).toEqual([0, 1]);
		const rows = await db()
			.selectFrom('activities')
			.select('id')
			.where('title', '=', 'Tegelijk')
			.execute();
		expect(rows).toHaveLength(1);
	});

	it('stores every value the quarter import stores, for the same rows', async () => {
		await db()
			.insertInto('atelier_students')
			.values({
				atelier_id: f.otherAtelierId,
				student_id: (
					await db()
						.selectFrom('students')
						.select('id')
						.where('student_number', '=', 'h123')
						.executeTakeFirstOrThrow()
				).id
			})
			.execute();
		const rows = {
			Partners: [['Partner Gelijk', 'onderzoek', 'Beek', 'adviseur']],
			Bijeenkomsten: [
				[
					'2024-11-05',
					'Alles ingevuld',
					'workshop',
					'ja',
					30,
					5,
					6,
					7,
					3,
					2,
					1,
					'Nieuwdorp (Stein)',
					'Wijkcentrum',
					'Uitleg',
					'Partner Gelijk; MIK & PIW Groep'
				]
			],
			Studenten: [['h123', 'onderzoek', 'Interviews']],
			Publicaties: [['2024-12-01', 'Boekje', 'boekje', 'https://example.org/boekje', 'Els, Jan']],
			Bereik: [['Geleen-Zuid (Sittard-Geleen)', 15, 4]],
			'Trots op': [['Trots', 'Verhaal', 'Het werkt', 'Els', 'bewoner', 'https://example.org', 'ja']]
		};
		const quarterFile = await fillTemplate(
			await downloadTemplate(db(), { id: f.atelierId, slug: 'h-a', name: 'A' }, '2024Q4'),
			rows
		);
		await importTemplate(
			db(),
			f.kartrekker,
			{ atelierId: f.atelierId, quarter: '2024Q4', slug: 'h-a' },
			quarterFile
		);
		const history = Object.fromEntries(
			Object.entries(rows).map(([sheet, list]) => [sheet, list.map((r) => ['h-b', '2024Q4', ...r])])
		);
		await importHistory(db(), f.boss, await fillTemplate(template, history));
		const stored = async (atelierId: number) => {
			const report = await db()
				.selectFrom('quarter_reports')
				.select('id')
				.where('atelier_id', '=', atelierId)
				.where('quarter', '=', '2024Q4')
				.executeTakeFirstOrThrow();
			const values: Record<string, unknown> = {};
			for (const type of RECORD_TYPES)
				values[type] = (await DEFINITIONS[type].load(db(), report.id)).map((r) => r.values);
			return values;
		};
		const viaQuarter = await stored(f.atelierId);
		expect(Object.values(viaQuarter).every((v) => (v as unknown[]).length === 1)).toBe(true);
		expect(await stored(f.otherAtelierId)).toEqual(viaQuarter);
	});
});
