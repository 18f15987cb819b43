// What each record form shows: shared by the quarter page, the Excel template and its import.

import {
	ACTIVITY_KINDS,
	PARTICIPANT_GROUP_LABELS,
	PUBLICATION_KINDS,
	RECORDED_PARTICIPANT_GROUPS
} from '../labels';

export { ACTIVITY_KINDS, PUBLICATION_KINDS };

export const RECORD_TYPES = [
	'activity',
	'student',
	'partner',
	'publication',
	'reach',
	'highlight'
] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/**
 * The sections of the quarter page in the order a kartrekker works: the partners first, because
 * an activity ticks its partner organisations from them.
 */
export const SECTION_ORDER: readonly RecordType[] = [
	'partner',
	'activity',
	'student',
	'publication',
	'reach',
	'highlight'
];

export interface FieldSpec {
	name: string;
	label: string;
	kind:
		'text' | 'date' | 'count' | 'url' | 'textarea' | 'select' | 'checkbox' | 'picker' | 'partners';
	options?: readonly string[];
	/** For pickers: which list of names to offer. */
	list?: 'organisations' | 'locations' | 'students';
	required?: boolean;
	hint?: string;
}

export const STUDENT_ACTIVITIES = [
	'wijkverhalen',
	'stage',
	'afstuderen',
	'symposium',
	'onderzoek',
	'overig'
] as const;
export const ORGANISATION_KINDS = [
	'welzijn',
	'zorg',
	'gemeente',
	'onderwijs',
	'onderzoek',
	'burgers/ervaringsdeskundigen'
] as const;

/** Per kind: the section title, the word for one, and the heading of the form that adds one
 * (Dutch: "nieuwe bijeenkomst" but "nieuw bereik", so it is spelled out, not derived). */
export const RECORD_TITLES: Record<RecordType, { plural: string; singular: string; add: string }> =
	{
		activity: { plural: 'Bijeenkomsten', singular: 'bijeenkomst', add: 'Nieuwe bijeenkomst' },
		student: {
			plural: 'Studenten',
			singular: 'studentdeelname',
			add: 'Nieuwe studentdeelname'
		},
		partner: {
			plural: 'Partnerorganisaties',
			singular: 'partnerorganisatie',
			add: 'Nieuwe partnerorganisatie'
		},
		publication: {
			plural: 'Publicaties en producten',
			singular: 'publicatie',
			add: 'Nieuwe publicatie'
		},
		reach: { plural: 'Bereik per wijk of stadsdeel', singular: 'bereik', add: 'Nieuw bereik' },
		highlight: { plural: 'Trots op', singular: 'hoogtepunt', add: 'Nieuw hoogtepunt' }
	};

const count = (name: string, label: string): FieldSpec => ({ name, label, kind: 'count' });

export const RECORD_FIELDS: Record<RecordType, FieldSpec[]> = {
	activity: [
		{ name: 'date', label: 'Datum', kind: 'date', required: true },
		{ name: 'title', label: 'Titel', kind: 'text', required: true },
		{
			name: 'kind',
			label: 'Soort bijeenkomst',
			kind: 'select',
			options: ACTIVITY_KINDS,
			required: true
		},
		{ name: 'is_public', label: 'Openbaar', kind: 'checkbox' },
		count('participants_total', 'Deelnemers totaal'),
		...RECORDED_PARTICIPANT_GROUPS.map((group) =>
			count(group, `waarvan ${PARTICIPANT_GROUP_LABELS[group].toLowerCase()}`)
		),
		{
			name: 'location',
			label: 'Wijk of stadsdeel',
			kind: 'picker',
			list: 'locations',
			hint: 'Typ om te zoeken.'
		},
		{ name: 'venue', label: 'Locatie (gebouw)', kind: 'text' },
		{ name: 'description', label: 'Toelichting', kind: 'textarea' },
		{ name: 'organisations', label: 'Betrokken partnerorganisaties', kind: 'partners' }
	],
	student: [
		{ name: 'student', label: 'Student', kind: 'select', list: 'students', required: true },
		{
			name: 'activity',
			label: 'Wat deed de student',
			kind: 'select',
			options: STUDENT_ACTIVITIES,
			required: true
		},
		{ name: 'description', label: 'Toelichting', kind: 'textarea' }
	],
	partner: [
		{
			name: 'organisation',
			label: 'Organisatie',
			kind: 'picker',
			list: 'organisations',
			required: true,
			hint: 'Typ om te zoeken in het register. Staat ze er niet in, vul dan ook het soort in.'
		},
		{
			name: 'organisation_kind',
			label: 'Soort (alleen voor een nieuwe organisatie)',
			kind: 'select',
			options: ORGANISATION_KINDS
		},
		{ name: 'municipality', label: 'Gemeente (alleen voor een nieuwe organisatie)', kind: 'text' },
		{ name: 'role', label: 'Rol in dit kwartaal', kind: 'text' }
	],
	publication: [
		{ name: 'date', label: 'Datum', kind: 'date', required: true },
		{ name: 'title', label: 'Titel', kind: 'text', required: true },
		{ name: 'kind', label: 'Soort', kind: 'select', options: PUBLICATION_KINDS, required: true },
		{ name: 'url', label: 'Webadres', kind: 'url' },
		{ name: 'authors', label: 'Auteurs', kind: 'text' }
	],
	reach: [
		{
			name: 'location',
			label: 'Wijk of stadsdeel',
			kind: 'picker',
			list: 'locations',
			required: true,
			hint: 'Typ om te zoeken.'
		},
		count('resident_conversations', 'Gesprekken met bewoners'),
		count('professionals_reached', 'Professionals bereikt')
	],
	highlight: [
		{ name: 'title', label: 'Titel', kind: 'text', required: true },
		{ name: 'body', label: 'Tekst', kind: 'textarea' },
		{ name: 'quote', label: 'Citaat (optioneel)', kind: 'textarea' },
		{ name: 'quote_speaker', label: 'Van wie is het citaat', kind: 'text' },
		{ name: 'quote_role', label: 'Rol van de spreker', kind: 'text' },
		{ name: 'url', label: 'Webadres', kind: 'url' },
		{ name: 'in_report', label: 'Opnemen in het verslag aan de financier', kind: 'checkbox' }
	]
};
