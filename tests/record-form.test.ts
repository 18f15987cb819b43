import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import RecordForm from '../src/lib/components/records/RecordForm.svelte';
import type { DbHandle } from '../src/lib/server/db/connect';
import { importTemplate } from '../src/lib/server/import/import';
import { formValues } from '../src/lib/server/records/form';
import { quarterPage } from '../src/lib/server/records/quarter-page';
import { RECORD_TYPES, type RecordType } from '../src/lib/server/records/schemas';
import { saveRecord } from '../src/lib/server/records/service';
import { formDataOf, renderForm, type Control } from './helpers/form-html';
import { recordsFixture, type RecordsFixture } from './helpers/records';
import { downloadTemplate, fillTemplate } from './helpers/template';
import { createTestDb } from './helpers/test-db';

// Every value one path can write, the edit form shows and posts back: a record imported with every
// field filled, opened in its form and saved without touching anything (or touching one field),
// keeps all of its values.

describe('the edit form keeps what the import wrote', () => {
	let handle: DbHandle;
	let f: RecordsFixture;
	const QUARTER = '2024Q1';
	const ref = () => ({ atelierId: f.atelierId, quarter: QUARTER });
	const page = () =>
		quarterPage(handle.db, {
			user: f.kartrekker,
			ref: ref(),
			atelier: { id: f.atelierId, slug: 'rf-a', name: 'Atelier rf-a' }
		});

	/** The edit form of a record as the quarter page renders it. */
	async function editForm(type: RecordType, index = 0) {
		const data = await page();
		const item = data.records[type][index];
		const controls = renderForm(RecordForm, {
			type,
			id: item.id,
			version: item.version,
			values: item.values,
			errors: {},
			lists: { students: data.pickers.students, partners: data.pickers.partners }
		});
		return { item, controls };
	}

	/** Posts the form as the browser would, through the form's own parsing. */
	async function post(type: RecordType, controls: Control[]) {
		const form = formDataOf(controls);
		await saveRecord(
			handle.db,
			f.kartrekker,
			ref(),
			type,
			{ id: Number(form.get('id')), version: Number(form.get('version')) },
			formValues(form)
		);
	}

	beforeAll(async () => {
		handle = await createTestDb();
		f = await recordsFixture(handle.db, 'rf');
		await handle.db
			.updateTable('ateliers')
			.set({ slug: 'rf-a' })
			.where('id', '=', f.atelierId)
			.execute();
		await handle.db
			.insertInto('organisations')
			.values([
				{ name: 'LEVANTOgroep', normalized_name: 'levantogroep', kind: 'zorg' },
				{ name: 'GGD Zuid Limburg', normalized_name: 'ggdzuidlimburg', kind: 'zorg' }
			])
			.execute();
		const template = await downloadTemplate(
			handle.db,
			{ id: f.atelierId, slug: 'rf-a', name: 'Atelier rf-a' },
			QUARTER
		);
		// one row per sheet with every column filled; the activity's partners are in the register
		// but not partners of this quarter (only MIK & PIW Groep is)
		const file = await fillTemplate(template, {
			Bijeenkomsten: [
				[
					'2024-02-15',
					'Wijkgesprek',
					'Workshop',
					'ja',
					10,
					1,
					2,
					1,
					1,
					1,
					1,
					'Nieuwdorp',
					'Buurthuis',
					'Toelichting',
					'LEVANTOgroep; GGD Zuid Limburg'
				]
			],
			Studenten: [['Sanne', 'stage', 'In de wijk']],
			Partners: [['MIK & PIW Groep', '', '', 'gastheer']],
			Publicaties: [['2024-01-20', 'Verslag', 'verslag', 'https://www.zuyd.nl/v', 'Els']],
			Bereik: [['Geleen-Zuid (Sittard-Geleen)', 40, 12]],
			'Trots op': [['Trots', 'Tekst', 'Het werkt', 'Els', 'bewoner', 'https://zuyd.nl', 'ja']]
		});
		await importTemplate(handle.db, f.kartrekker, { ...ref(), slug: 'rf-a' }, file);
	});
	afterAll(async () => handle?.close());

	it('offers every organisation the activity holds, checked, and keeps them on an edit', async () => {
		const { item, controls } = await editForm('activity');
		const checked = controls.filter((c) => c.name === 'organisations' && c.kind === 'checkbox');
		expect(checked.map((c) => [c.value, c.checked])).toEqual([
			['MIK & PIW Groep', false],
			['GGD Zuid Limburg', true],
			['LEVANTOgroep', true]
		]);
		// change only the participants, as in the report of the bug
		controls.find((c) => c.name === 'participants_total')!.value = '12';
		await post('activity', controls);
		const after = (await page()).records.activity[0];
		expect(after.values).toEqual({
			...item.values,
			participants_total: '12'
		});
		expect(after.values.organisations).toEqual(['GGD Zuid Limburg', 'LEVANTOgroep']);
	});

	it('adds an organisation of the register through the search field, and unchecks one', async () => {
		const { controls } = await editForm('activity');
		controls.find((c) => c.kind === 'checkbox' && c.value === 'LEVANTOgroep')!.checked = false;
		controls.find((c) => c.name === 'organisations' && c.kind === 'text')!.value =
			'mik & piw groep';
		await post('activity', controls);
		expect((await page()).records.activity[0].values.organisations).toEqual([
			'GGD Zuid Limburg',
			'MIK & PIW Groep'
		]);
	});

	it('shows what was typed in the search field as checked boxes after a refused save', () => {
		const controls = renderForm(RecordForm, {
			type: 'activity' as const,
			id: null,
			version: null,
			values: { organisations: ['MIK & PIW Groep', 'LEVANTOgroep; Onbekend BV'] },
			errors: { organisations: 'Onbekende organisatie: Onbekend BV.' },
			lists: { students: [], partners: ['GGD Zuid Limburg', 'MIK & PIW Groep'] }
		});
		const boxes = controls.filter((c) => c.name === 'organisations' && c.kind === 'checkbox');
		expect(boxes.map((c) => [c.value, c.checked])).toEqual([
			['GGD Zuid Limburg', false],
			['MIK & PIW Groep', true],
			['LEVANTOgroep', true],
			['Onbekend BV', true]
		]);
		expect(controls.find((c) => c.name === 'organisations' && c.kind === 'text')!.value).toBe('');
	});

	it.each(RECORD_TYPES)('saving a %s untouched changes nothing', async (type) => {
		const { item, controls } = await editForm(type);
		await post(type, controls);
		const after = (await page()).records[type][0];
		expect(after.values).toEqual(item.values);
		expect(after.version).toBe(item.version + 1);
	});
});
