import { RECORD_FIELDS, type FieldSpec, type RecordType } from '../../records/fields';

/** The sheets of the template, in order: name and record type. */
export const SHEETS: { name: string; type: RecordType }[] = [
	{ name: 'Bijeenkomsten', type: 'activity' },
	{ name: 'Studenten', type: 'student' },
	{ name: 'Partners', type: 'partner' },
	{ name: 'Publicaties', type: 'publication' },
	{ name: 'Bereik', type: 'reach' },
	{ name: 'Trots op', type: 'highlight' }
];

export const ID_SHEET = 'Sjabloon-id';
export const LIST_SHEET = 'Lijsten';
export const INSTRUCTIONS_SHEET = 'Instructies';
export const MARKER = 'jaarbeeld-kwartaalsjabloon-v1';
export const MAX_BYTES = 10 * 1024 * 1024;
/** Rows of the record sheets that carry dropdowns. */
export const TEMPLATE_ROWS = 500;

/** The column header of a field in the template. */
export function header(spec: FieldSpec): string {
	if (spec.kind === 'partners') return `${spec.label} (gescheiden door ;)`;
	if (spec.kind === 'checkbox') return `${spec.label} (ja/nee)`;
	if (spec.kind === 'date') return `${spec.label} (jjjj-mm-dd)`;
	if (spec.name === 'student') return 'Student (naam of studentnummer)';
	return spec.label;
}

export function columns(type: RecordType): { spec: FieldSpec; header: string }[] {
	return RECORD_FIELDS[type].map((spec) => ({ spec, header: header(spec) }));
}
