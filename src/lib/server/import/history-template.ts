import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types';
import { log } from '../log';
import { locationLabel } from '../records/registries';
import { HISTORY_MARKER, HISTORY_SHEETS, historyColumns } from './history-sheets';
import { columns, ID_SHEET, INSTRUCTIONS_SHEET, LIST_SHEET } from './sheets';

/** Rows of the history sheets that carry dropdowns: many ateliers and quarters in one file. */
const HISTORY_ROWS = 5000;

const INSTRUCTIONS = [
	'Historische gegevens van de werkplaats',
	'',
	'Eén bestand voor alle ateliers en kwartalen van eerdere jaren. Per tabblad één regel per gegeven, vanaf regel 2; laat de kopregel staan.',
	'Elke regel begint met het atelier (naam of adres uit de lijst) en het kwartaal (bijvoorbeeld 2022Q4 of K4 2022). Het kwartaal moet voorbij zijn en binnen de actieve periode van het atelier liggen.',
	'De overige kolommen zijn die van het kwartaalsjabloon, met dezelfde regels: datums in het kwartaal (jjjj-mm-dd), hele aantallen, soorten, wijken en organisaties uit de keuzelijsten.',
	'Een nieuwe partnerorganisatie mag je typen op het tabblad Partners (vul dan het soort in); bij een bijeenkomst kun je haar daarna noemen.',
	'Studenten: naam of studentnummer uit het studentenoverzicht van het atelier.',
	'Tabblad Kwartalen: het aantal netwerkleden aan het eind van het kwartaal en of er geen activiteiten waren.',
	'',
	'Upload het bestand op Beheer → Historie. Eerst wordt elke regel gecontroleerd: bij één fout wordt niets opgeslagen en zie je per tabblad, regel en kolom wat er mis is.',
	'Ingelezen kwartalen zijn meteen goedgekeurd ("ingelezen uit historische gegevens") en tellen mee in de dashboards en rapporten.',
	'Een kwartaal dat al gegevens bevat, wordt nooit overschreven: het bestand wordt dan geweigerd en zulke kwartalen worden genoemd. Hetzelfde bestand nog eens uploaden voegt niets toe.'
];

/** Writes the history workbook template as a stream, with lists of ateliers and registries. */
export async function writeHistoryTemplate(db: Kysely<Database>): Promise<PassThrough> {
	const [ateliers, organisations, locations] = await Promise.all([
		db.selectFrom('ateliers').select(['name', 'slug']).orderBy('name').execute(),
		db.selectFrom('organisations').select('name').orderBy('name').execute(),
		db
			.selectFrom('locations')
			.select(['name', 'municipality'])
			.orderBy('municipality')
			.orderBy('name')
			.execute()
	]);
	const lists: Record<string, string[]> = {
		ateliers: ateliers.map((a) => a.slug),
		organisations: organisations.map((o) => o.name),
		locations: locations.map(locationLabel)
	};
	const listColumn: Record<string, string> = { ateliers: 'A', organisations: 'B', locations: 'C' };
	const stream = new PassThrough();
	const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: true });
	wb.creator = 'Jaarbeeld';

	const info = wb.addWorksheet(INSTRUCTIONS_SHEET);
	info.getColumn(1).width = 120;
	INSTRUCTIONS.forEach((line, i) => {
		const row = info.addRow([line]);
		if (i === 0) row.font = { bold: true, size: 14 };
		row.commit();
	});
	for (const a of ateliers) info.addRow([`Atelier: ${a.name} — adres: ${a.slug}`]).commit();
	info.commit();

	for (const { name, type } of HISTORY_SHEETS) {
		const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
		const cols = historyColumns(type);
		ws.columns = cols.map((c) => ({
			header: c.header,
			key: c.name,
			width: Math.max(14, c.header.length + 2)
		}));
		ws.getRow(1).font = { bold: true };
		const validations = (
			ws as unknown as {
				dataValidations: { add: (range: string, rule: ExcelJS.DataValidation) => void };
			}
		).dataValidations;
		const rows = (letter: string) => `${letter}2:${letter}${HISTORY_ROWS}`;
		const fromList = (list: string, error: string, block = true): ExcelJS.DataValidation => ({
			type: 'list',
			allowBlank: true,
			formulae: [
				`'${LIST_SHEET}'!$${listColumn[list]}$2:$${listColumn[list]}$${lists[list].length + 1}`
			],
			showErrorMessage: block,
			error
		});
		if (lists.ateliers.length)
			validations.add(rows('A'), fromList('ateliers', 'Kies een atelier uit de lijst.'));
		if (type !== 'details')
			columns(type).forEach(({ spec }, i) => {
				const letter = String.fromCharCode(67 + i);
				const options = spec.kind === 'checkbox' ? ['ja', 'nee'] : spec.list ? null : spec.options;
				if (options)
					validations.add(rows(letter), {
						type: 'list',
						allowBlank: true,
						formulae: [`"${options.join(',')}"`],
						showErrorMessage: true,
						error: `Kies uit: ${options.join(', ')}`
					});
				else if (spec.list && spec.list in listColumn && lists[spec.list].length)
					// a new partner organisation may be typed: warn, do not block
					validations.add(
						rows(letter),
						fromList(spec.list, 'Kies een waarde uit de lijst.', spec.name !== 'organisation')
					);
			});
		ws.getRow(1).commit();
		ws.commit();
	}

	const listSheet = wb.addWorksheet(LIST_SHEET, { state: 'hidden' });
	listSheet.addRow(['Ateliers', 'Organisaties', 'Wijken en stadsdelen']).commit();
	const longest = Math.max(0, ...Object.values(lists).map((l) => l.length));
	for (let i = 0; i < longest; i++)
		listSheet
			.addRow([
				lists.ateliers[i] ?? null,
				lists.organisations[i] ?? null,
				lists.locations[i] ?? null
			])
			.commit();
	listSheet.commit();

	const id = wb.addWorksheet(ID_SHEET, { state: 'veryHidden' });
	id.addRow([HISTORY_MARKER]).commit();
	await id.protect(HISTORY_MARKER, { selectLockedCells: false, selectUnlockedCells: false });
	id.commit();

	wb.commit().catch((e: unknown) => {
		log.error({ err: e }, 'history template export failed');
		stream.destroy(e as Error);
	});
	return stream;
}
