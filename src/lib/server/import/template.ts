import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { quarterDates, quarterLabel } from '../../quarters';
import type { Database } from '../db/types';
import { locationLabel } from '../records/registries';
import { log } from '../log';
import {
	columns,
	ID_SHEET,
	INSTRUCTIONS_SHEET,
	LIST_SHEET,
	MARKER,
	SHEETS,
	TEMPLATE_ROWS
} from './sheets';
import { MAX_ROWS_PER_SHEET } from './zip-limits';

type Validations = { add: (range: string, rule: ExcelJS.DataValidation) => void };

const INSTRUCTIONS = (atelier: string, quarter: string) => {
	const { start, end } = quarterDates(quarter);
	return [
		`Kwartaalsjabloon ${atelier}, ${quarterLabel(quarter)}`,
		'',
		'Vul per tabblad één regel per gegeven in, vanaf regel 2. Laat de kopregel staan.',
		`Hoogstens ${MAX_ROWS_PER_SHEET.toLocaleString('nl-NL')} regels per tabblad; meer gegevens verdeel je over meer bestanden.`,
		'Formules mogen, maar een cel met een foutwaarde (zoals #DEEL/0!) of een formule zonder uitkomst wordt geweigerd.',
		`Datums liggen in dit kwartaal: van ${start} tot en met ${end} (schrijf jjjj-mm-dd).`,
		'Aantallen zijn hele getallen van 0 of meer (1250 of 1.250); de deelnemers per groep zijn samen niet meer dan het totaal.',
		'Kies soorten, wijken en organisaties uit de keuzelijst. Een nieuwe partnerorganisatie mag je typen; vul dan ook het soort in.',
		'Partnerorganisaties bij een bijeenkomst: namen uit het tabblad Partners of het register, gescheiden door ;',
		'Studenten: naam of studentnummer uit het studentenoverzicht van het atelier.',
		'Webadressen beginnen met http:// of https://.',
		'',
		'Upload het bestand op de kwartaalpagina. Eerst wordt elke regel gecontroleerd: bij één fout wordt niets opgeslagen en zie je per tabblad, regel en kolom wat er mis is.',
		'Regels die precies zo al in het kwartaal staan, worden overgeslagen: twee keer hetzelfde bestand uploaden maakt geen dubbele gegevens.',
		'Dit sjabloon hoort alleen bij dit atelier en dit kwartaal; een sjabloon van een ander kwartaal wordt geweigerd.'
	];
};

/** Writes the template of one quarter as a stream (exceljs WorkbookWriter). */
export async function writeTemplate(
	db: Kysely<Database>,
	atelier: { id: number; slug: string; name: string },
	quarter: string
): Promise<PassThrough> {
	const [organisations, locations, students] = await Promise.all([
		db.selectFrom('organisations').select('name').orderBy('name').execute(),
		db
			.selectFrom('locations')
			.select(['name', 'municipality'])
			.orderBy('municipality')
			.orderBy('name')
			.execute(),
		db
			.selectFrom('atelier_students as a')
			.innerJoin('students as s', 's.id', 'a.student_id')
			.select(['s.display_name', 's.student_number'])
			.where('a.atelier_id', '=', atelier.id)
			.orderBy('s.display_name')
			.execute()
	]);
	const lists: Record<string, string[]> = {
		organisations: organisations.map((o) => o.name),
		locations: locations.map(locationLabel),
		students: students.map((s) => s.student_number ?? s.display_name)
	};
	const stream = new PassThrough();
	const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: true });
	wb.creator = 'Jaarbeeld';

	const info = wb.addWorksheet(INSTRUCTIONS_SHEET);
	info.getColumn(1).width = 120;
	INSTRUCTIONS(atelier.name, quarter).forEach((line, i) => {
		const row = info.addRow([line]);
		if (i === 0) row.font = { bold: true, size: 14 };
		row.commit();
	});
	info.commit();

	const listColumn: Record<string, string> = { organisations: 'A', locations: 'B', students: 'C' };
	for (const { name, type } of SHEETS) {
		const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
		const cols = columns(type);
		ws.columns = cols.map((c) => ({
			header: c.header,
			key: c.spec.name,
			width: Math.max(14, c.header.length + 2)
		}));
		ws.getRow(1).font = { bold: true };
		// WorksheetWriter has data validations; exceljs' types only list them on Worksheet
		const validations = (ws as unknown as { dataValidations: Validations }).dataValidations;
		cols.forEach(({ spec }, i) => {
			const letter = String.fromCharCode(65 + i);
			const range = `${letter}2:${letter}${TEMPLATE_ROWS}`;
			const options = spec.kind === 'checkbox' ? ['ja', 'nee'] : spec.list ? null : spec.options;
			if (options)
				validations.add(range, {
					type: 'list',
					allowBlank: true,
					formulae: [`"${options.join(',')}"`],
					showErrorMessage: true,
					errorTitle: 'Ongeldige keuze',
					error: `Kies uit: ${options.join(', ')}`
				});
			else if (spec.list && lists[spec.list].length)
				validations.add(range, {
					type: 'list',
					allowBlank: true,
					formulae: [
						`'${LIST_SHEET}'!$${listColumn[spec.list]}$2:$${listColumn[spec.list]}$${lists[spec.list].length + 1}`
					],
					// a new partner organisation may be typed: warn, do not block
					showErrorMessage: spec.name === 'organisation' ? false : true,
					error: 'Kies een waarde uit de lijst.'
				});
		});
		ws.getRow(1).commit();
		ws.commit();
	}

	const listSheet = wb.addWorksheet(LIST_SHEET, { state: 'hidden' });
	listSheet.addRow(['Organisaties', 'Wijken en stadsdelen', 'Studenten']).commit();
	const longest = Math.max(...Object.values(lists).map((l) => l.length));
	for (let i = 0; i < longest; i++)
		listSheet
			.addRow([
				lists.organisations[i] ?? null,
				lists.locations[i] ?? null,
				lists.students[i] ?? null
			])
			.commit();
	listSheet.commit();

	// The identity of the template: a very hidden, protected sheet.
	const id = wb.addWorksheet(ID_SHEET, { state: 'veryHidden' });
	id.addRow([MARKER]).commit();
	id.addRow([atelier.slug]).commit();
	id.addRow([quarter]).commit();
	await id.protect(MARKER, { selectLockedCells: false, selectUnlockedCells: false });
	id.commit();

	wb.commit().catch((e: unknown) => {
		log.error({ err: e }, 'template export failed');
		stream.destroy(e as Error);
	});
	return stream;
}
