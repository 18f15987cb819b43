import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../src/lib/server/db/connect';
import { importTemplate, ImportProblems } from '../src/lib/server/import/import';
import { ImportFileError } from '../src/lib/server/import/read';
import { ID_SHEET } from '../src/lib/server/import/sheets';
import { writeTemplate } from '../src/lib/server/import/template';
import { ActionError } from '../src/lib/server/errors';
import { recordsFixture, type RecordsFixture } from './helpers/records';
import { createTestDb } from './helpers/test-db';
import { collect, fillTemplate } from './helpers/template';

describe('Excel template and import', () => {
	let handle: DbHandle;
	let f: RecordsFixture;
	let template: Buffer;
	const atelier = () => ({ id: f.atelierId, slug: 'i-a', name: 'Atelier i-a' });
	const ref = (quarter = '2024Q1') => ({ atelierId: f.atelierId, quarter, slug: 'i-a' });
	const count = async (
		table:
			| 'activities'
			| 'publications'
			| 'partner_involvements'
			| 'reach'
			| 'highlights'
			| 'student_participations'
	) => (await handle.db.selectFrom(table).select('id').execute()).length;

	const activity = [
		new Date(Date.UTC(2024, 1, 15)),
		'Wijkgesprek',
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
		'Mooi',
		'MIK & PIW Groep'
	];
	const good = {
		Bijeenkomsten: [activity, ['2024-03-01', 'Intervisie', 'intervisie', 'nee', 6]],
		Studenten: [['i123', 'stage', 'Stage in de wijk']],
		Partners: [
			['MIK & PIW Groep', '', '', 'gastheer'],
			['Stichting Nieuw', 'welzijn', 'Stein', '']
		],
		Publicaties: [['2024-01-20', 'Verslag', 'verslag', 'https://www.zuyd.nl/verslag', 'Els']],
		Bereik: [['Nieuwdorp (Stein)', 40, 12]],
		'Trots op': [['Trots', 'Tekst', 'Het werkt', 'Els', 'bewoner', '', 'ja']]
	};

	beforeAll(async () => {
		handle = await createTestDb();
		f = await recordsFixture(handle.db, 'i');
		await handle.db
			.updateTable('ateliers')
			.set({ slug: 'i-a' })
			.where('id', '=', f.atelierId)
			.execute();
		template = await collect(await writeTemplate(handle.db, atelier(), '2024Q1'));
	});
	afterAll(async () => handle?.close());

	it('writes a template with instructions, a sheet per record type, dropdowns and a hidden id', async () => {
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(template as never);
		expect(wb.worksheets.map((w) => w.name)).toEqual([
			'Instructies',
			'Bijeenkomsten',
			'Studenten',
			'Partners',
			'Publicaties',
			'Bereik',
			'Trots op',
			'Lijsten',
			ID_SHEET
		]);
		expect(wb.getWorksheet(ID_SHEET)!.state).toBe('veryHidden');
		expect(wb.getWorksheet(ID_SHEET)!.getCell('A3').value).toBe('2024Q1');
		const acts = wb.getWorksheet('Bijeenkomsten')!;
		expect(acts.getCell('A1').value).toBe('Datum (jjjj-mm-dd)');
		expect(acts.getCell('C2').dataValidation?.formulae?.[0]).toContain('kennisbijeenkomst');
		expect(acts.getCell('L2').dataValidation?.formulae?.[0]).toContain('Lijsten');
		expect(String(wb.getWorksheet('Instructies')!.getCell('A1').value)).toContain('K1 2024');
	});

	it('refuses a file with errors in several sheets: nothing stored, every problem listed', async () => {
		const bad = await fillTemplate(template, {
			Bijeenkomsten: [
				activity,
				['2024-05-01', '', 'feest', 'nee', 3],
				['2024-02-01', 'Te veel', 'workshop', 'nee', 3, 5]
			],
			Publicaties: [['2024-01-20', 'Verslag', 'verslag', 'ftp://x', '']],
			Bereik: [['Nieuwdorp (Stein)', -4, 1]]
		});
		const e = (await importTemplate(handle.db, f.kartrekker, ref(), bad).catch(
			(x) => x
		)) as ImportProblems;
		expect(e).toBeInstanceOf(ImportProblems);
		const text = e.problems.map((p) => `${p.sheet}|${p.row}|${p.column}`);
		expect(text).toEqual(
			expect.arrayContaining([
				'Bijeenkomsten|3|Datum (jjjj-mm-dd)',
				'Bijeenkomsten|3|Titel',
				'Bijeenkomsten|3|Soort bijeenkomst',
				'Bijeenkomsten|4|Deelnemers totaal',
				'Publicaties|2|Webadres',
				'Bereik|2|Gesprekken met bewoners'
			])
		);
		expect(await count('activities')).toBe(0);
		expect(await handle.db.selectFrom('quarter_reports').select('id').execute()).toEqual([]);
	});

	it('refuses rows that only fail against the registries (unknown student): nothing stored', async () => {
		const bad = await fillTemplate(template, { ...good, Studenten: [['Onbekend', 'stage', '']] });
		const e = (await importTemplate(handle.db, f.kartrekker, ref(), bad).catch(
			(x) => x
		)) as ImportProblems;
		expect(e.problems).toEqual([
			expect.objectContaining({
				sheet: 'Studenten',
				row: 2,
				column: 'Student (naam of studentnummer)'
			})
		]);
		expect(await count('activities')).toBe(0);
		expect(await count('partner_involvements')).toBe(0);
		expect(
			await handle.db
				.selectFrom('organisations')
				.select('id')
				.where('name', '=', 'Stichting Nieuw')
				.execute()
		).toEqual([]);
	});

	it('stores a valid file in one go, and a second upload of it adds nothing', async () => {
		const file = await fillTemplate(template, good);
		expect(await importTemplate(handle.db, f.kartrekker, ref(), file)).toEqual({
			created: 8,
			skipped: 0
		});
		expect(await count('activities')).toBe(2);
		expect(await count('student_participations')).toBe(1);
		expect(await count('partner_involvements')).toBe(2);
		const orgs = await handle.db
			.selectFrom('activity_organisations')
			.select('organisation_id')
			.execute();
		expect(orgs).toHaveLength(1);
		expect(await importTemplate(handle.db, f.kartrekker, ref(), file)).toEqual({
			created: 0,
			skipped: 8
		});
		expect(await count('activities')).toBe(2);
		expect(await count('highlights')).toBe(1);
	});

	it("accepts an activity partner that is new in the same file's Partners tab", async () => {
		// the Instructies sheet: "namen uit het tabblad Partners of het register"
		const q2 = await collect(await writeTemplate(handle.db, atelier(), '2024Q2'));
		const file = await fillTemplate(q2, {
			Bijeenkomsten: [
				[
					'2024-04-10',
					'Kennismaken',
					'overig',
					'nee',
					5,
					0,
					0,
					0,
					0,
					0,
					0,
					'',
					'',
					'',
					'Buurtteam Oost; MIK & PIW Groep'
				]
			],
			Partners: [['Buurtteam Oost', 'welzijn', 'Sittard-Geleen', 'nieuw dit kwartaal']]
		});
		expect(await importTemplate(handle.db, f.kartrekker, ref('2024Q2'), file)).toEqual({
			created: 2,
			skipped: 0
		});
		const linked = await handle.db
			.selectFrom('activity_organisations as ao')
			.innerJoin('activities as a', 'a.id', 'ao.activity_id')
			.innerJoin('organisations as o', 'o.id', 'ao.organisation_id')
			.select('o.name')
			.where('a.title', '=', 'Kennismaken')
			.orderBy('o.name')
			.execute();
		expect(linked.map((o) => o.name)).toEqual(['Buurtteam Oost', 'MIK & PIW Groep']);
		// the same file again: nothing new, the activity is recognised with its partners
		expect(await importTemplate(handle.db, f.kartrekker, ref('2024Q2'), file)).toEqual({
			created: 0,
			skipped: 2
		});
	});

	it('still refuses an activity partner that is in neither the register nor the Partners tab', async () => {
		const q3 = await collect(await writeTemplate(handle.db, atelier(), '2024Q3'));
		const file = await fillTemplate(q3, {
			Bijeenkomsten: [
				['2024-07-10', 'Zomer', 'overig', 'nee', 5, 0, 0, 0, 0, 0, 0, '', '', '', 'Nergens BV']
			],
			Partners: [['Ergens BV', 'zorg', '', '']]
		});
		const e = (await importTemplate(handle.db, f.kartrekker, ref('2024Q3'), file).catch(
			(x) => x
		)) as ImportProblems;
		expect(e.problems).toEqual([
			expect.objectContaining({
				sheet: 'Bijeenkomsten',
				row: 2,
				message: expect.stringMatching(/Onbekende organisatie: Nergens BV/)
			})
		]);
		expect(
			await handle.db
				.selectFrom('organisations')
				.select('id')
				.where('name', '=', 'Ergens BV')
				.execute()
		).toEqual([]);
	});

	it('stores the rows set-based with an audit entry each, and refuses a partner twice in a file', async () => {
		const quarter = '2024Q4';
		const q4 = await collect(await writeTemplate(handle.db, atelier(), quarter));
		const many = Array.from({ length: 40 }, (_, i) => [
			new Date(Date.UTC(2024, 9, 1 + (i % 28))),
			`Bijeenkomst ${i}`,
			'workshop',
			'nee',
			10 + i,
			0,
			0,
			0,
			0,
			0,
			0,
			'',
			'',
			'',
			i % 2 ? 'MIK & PIW Groep' : ''
		]);
		const twice = await fillTemplate(q4, {
			Bijeenkomsten: many,
			Partners: [
				['MIK & PIW Groep', '', '', 'gastheer'],
				['MIK & PIW Groep', '', '', 'financier']
			]
		});
		const e = (await importTemplate(handle.db, f.kartrekker, ref(quarter), twice).catch(
			(x) => x
		)) as ImportProblems;
		expect(e.problems).toEqual([
			expect.objectContaining({
				sheet: 'Partners',
				row: 3,
				message: 'Deze organisatie staat al bij de partners van dit kwartaal.'
			})
		]);
		const ok = await fillTemplate(q4, { Bijeenkomsten: many });
		expect(await importTemplate(handle.db, f.kartrekker, ref(quarter), ok)).toEqual({
			created: 40,
			skipped: 0
		});
		const report = await handle.db
			.selectFrom('quarter_reports')
			.select('id')
			.where('atelier_id', '=', f.atelierId)
			.where('quarter', '=', quarter)
			.executeTakeFirstOrThrow();
		const stored = await handle.db
			.selectFrom('activities')
			.select(['id', 'title', 'participants_total'])
			.where('report_id', '=', report.id)
			.orderBy('id')
			.execute();
		expect(stored.map((a) => [a.title, a.participants_total])).toEqual(
			many.map((row) => [row[1], row[4]])
		);
		const links = await handle.db
			.selectFrom('activity_organisations')
			.select('activity_id')
			.where(
				'activity_id',
				'in',
				stored.map((a) => a.id)
			)
			.execute();
		expect(links.map((l) => l.activity_id).sort((a, b) => a - b)).toEqual(
			stored.filter((_, i) => i % 2).map((a) => a.id)
		);
		const audit = await handle.db
			.selectFrom('audit_log')
			.select(['entity_id', 'after'])
			.where('report_id', '=', report.id)
			.where('entity', '=', 'activities')
			.where('action', '=', 'create')
			.execute();
		expect(audit.map((a) => Number(a.entity_id)).sort((a, b) => a - b)).toEqual(
			stored.map((a) => a.id)
		);
		expect(audit.every((a) => a.after !== null)).toBe(true);
		// the summaries the triggers keep match the records
		const summary = await handle.db
			.selectFrom('metrics_report_activities')
			.select((eb) => [
				eb.fn.sum<number>('activities').as('n'),
				eb.fn.sum<number>('participants_total').as('p')
			])
			.where('report_id', '=', report.id)
			.executeTakeFirstOrThrow();
		expect(Number(summary.n)).toBe(40);
		expect(Number(summary.p)).toBe(many.reduce((sum, row) => sum + (row[4] as number), 0));
	});

	it('refuses a corrupt file, a renamed .csv, a file over 10 MB and an empty upload', async () => {
		const corrupt = new Uint8Array(template.subarray(0, 2000));
		const csv = new TextEncoder().encode('Datum;Titel\n2024-02-01;Test\n');
		const big = new Uint8Array(10 * 1024 * 1024 + 1);
		big.set([0x50, 0x4b, 0x03, 0x04]);
		for (const [bytes, message] of [
			[corrupt, /beschadigd/],
			[csv, /geen Excel-bestand/],
			[big, /groter dan 10 MB/],
			[new Uint8Array(0), /Kies een bestand/]
		] as const) {
			const e = await importTemplate(handle.db, f.kartrekker, ref(), bytes).catch((x) => x);
			expect(e).toBeInstanceOf(ImportFileError);
			expect((e as Error).message).toMatch(message);
		}
	});

	it("refuses another quarter's or another atelier's template, and a workbook without id", async () => {
		const q2 = await collect(await writeTemplate(handle.db, atelier(), '2024Q2'));
		const other = await collect(
			await writeTemplate(handle.db, { id: f.otherAtelierId, slug: 'i-b', name: 'B' }, '2024Q1')
		);
		for (const t of [q2, other]) {
			const e = await importTemplate(
				handle.db,
				f.kartrekker,
				ref(),
				await fillTemplate(t, { 'Trots op': [['x']] })
			).catch((x) => x);
			expect((e as Error).message).toMatch(/ander atelier of kwartaal/);
		}
		const plain = new ExcelJS.Workbook();
		plain.addWorksheet('Bijeenkomsten').addRow(['x']);
		const e = await importTemplate(
			handle.db,
			f.kartrekker,
			ref(),
			new Uint8Array(await plain.xlsx.writeBuffer())
		).catch((x) => x);
		expect((e as Error).message).toMatch(/geen Jaarbeeld-kwartaalsjabloon/);
	});

	it('refuses an import into a submitted quarter and by a kartrekker of another atelier', async () => {
		const file = await fillTemplate(template, { 'Trots op': [['Nieuw hoogtepunt']] });
		const outsider = await importTemplate(handle.db, f.outsider, ref(), file).catch((x) => x);
		expect((outsider as ActionError).status).toBe(403);
		await handle.db.updateTable('quarter_reports').set({ status: 'ingediend' }).execute();
		const locked = await importTemplate(handle.db, f.kartrekker, ref(), file).catch((x) => x);
		expect((locked as ActionError).status).toBe(409);
		expect(await count('highlights')).toBe(1);
	});
});
