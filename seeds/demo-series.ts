/**
 * Recurring demo meetings (expertmeetings, intervisie, leeratelierbijeenkomsten), described as
 * schedules and expanded by seeds/demo-build.ts. Invented except for what the brochure says about
 * them (monthly expertmeetings and two deelgroepen of Impact).
 */
import type { ActivityKind } from '../src/lib/server/db/types';
import { ZUYD_SITTARD, type ParticipantGroup } from './demo-activities';
import type { AtelierSlug, LocationName, OrganisationName } from './demo-data';

/**
 * Recurring meetings, expanded by seeds/demo-build.ts into one activity per month of the schedule
 * (on the nth weekday of the month; 1 = Monday). Titles rotate; participant counts come from a
 * seeded generator within [min, max], split over the groups by the given shares (which sum to at
 * most 1, so the groups never exceed the total).
 */
export interface DemoSeries {
	atelier: AtelierSlug;
	titles: readonly string[];
	kind: ActivityKind;
	/** 'YYYY-MM', both included. */
	from: string;
	to: string;
	everyMonths: number;
	skipMonths?: readonly number[];
	weekday: 1 | 2 | 3 | 4 | 5;
	nth: 1 | 2 | 3 | 4;
	/** Rotated per meeting. */
	places: readonly { location: LocationName; venue: string }[];
	/** Between the first lockdown and summer 2021 these meetings were held online. */
	onlineDuringCovid: boolean;
	participants: { min: number; max: number; mix: Partial<Record<ParticipantGroup, number>> };
	organisations: readonly OrganisationName[];
	description?: string;
}

export const COVID_ONLINE = { from: '2020-03-16', to: '2021-06-30' } as const;

const AT_ZUYD = [{ location: 'Sittard', venue: ZUYD_SITTARD }] as const;
const IN_THE_STADSDELEN = [
	{ location: 'Sittard', venue: ZUYD_SITTARD },
	{ location: 'Geleen', venue: 'Wijkcentrum Geleen' },
	{ location: 'Born', venue: 'Wijkcentrum Born' },
	{ location: 'Limbricht', venue: 'Wijkcentrum Limbricht' }
] as const;
const PROFESSIONALS_MIX = {
	professionals: 0.6,
	beleidsmedewerkers: 0.15,
	onderzoekersDocenten: 0.2
};

export const SERIES: readonly DemoSeries[] = [
	{
		// "Zo worden maandelijks expertmeetings georganiseerd" (not in the summer holiday).
		atelier: 'impact',
		titles: [
			'Expertmeeting: wat is de impact van sociaal werk?',
			'Expertmeeting: verantwoorden aan de gemeente',
			'Expertmeeting: de effectencalculator',
			'Expertmeeting: verhalen als onderbouwing',
			'Expertmeeting: outcome-afspraken in contracten',
			'Expertmeeting: ervaringen van inwoners meten',
			'Expertmeeting: de waarde van preventie',
			'Expertmeeting: samen met bewoners evalueren',
			'Expertmeeting: registratiedata benutten',
			'Expertmeeting: impact en professionele ruimte'
		],
		kind: 'expertmeeting',
		from: '2020-01',
		to: '2023-11',
		everyMonths: 1,
		skipMonths: [7, 8],
		weekday: 4,
		nth: 3,
		places: AT_ZUYD,
		onlineDuringCovid: true,
		participants: {
			min: 9,
			max: 18,
			mix: { professionals: 0.45, beleidsmedewerkers: 0.25, onderzoekersDocenten: 0.2 }
		},
		organisations: ['Credohuis', 'Trajekt']
	},
	{
		atelier: 'impact',
		titles: ['Intervisie deelgroep uitvoerende professionals'],
		kind: 'intervisie',
		from: '2021-03',
		to: '2023-09',
		everyMonths: 3,
		weekday: 2,
		nth: 2,
		places: AT_ZUYD,
		onlineDuringCovid: true,
		participants: { min: 6, max: 10, mix: { professionals: 0.9 } },
		organisations: ['Credohuis', 'Trajekt', 'MIK & PIW Groep']
	},
	{
		atelier: 'impact',
		titles: ['Intervisie deelgroep beleidsmakers'],
		kind: 'intervisie',
		from: '2021-03',
		to: '2023-09',
		everyMonths: 3,
		weekday: 3,
		nth: 2,
		places: AT_ZUYD,
		onlineDuringCovid: true,
		participants: { min: 5, max: 9, mix: { beleidsmedewerkers: 0.9 } },
		organisations: ['Gemeente Sittard-Geleen', 'Gemeente Stein', 'Gemeente Beek']
	},
	{
		atelier: 'samenlevingsopbouw',
		titles: [
			'Leeratelier: praktijkvragen uit de wijk',
			'Leeratelier: empowerment en structuren',
			'Leeratelier: de rol van de opbouwwerker',
			'Leeratelier: kritisch kijken naar beleid'
		],
		kind: 'leeratelierbijeenkomst',
		from: '2020-03',
		to: '2022-12',
		everyMonths: 3,
		weekday: 4,
		nth: 2,
		places: IN_THE_STADSDELEN,
		onlineDuringCovid: true,
		participants: { min: 10, max: 18, mix: PROFESSIONALS_MIX },
		organisations: ['Trajekt', 'Gemeente Sittard-Geleen']
	},
	{
		atelier: 'armoede',
		titles: [
			'Leeratelier: vroegsignalering',
			'Leeratelier: effectieve armoede-interventies',
			'Leeratelier: systeemoorzaken',
			'Leeratelier: casusbespreking'
		],
		kind: 'leeratelierbijeenkomst',
		from: '2020-03',
		to: '2022-12',
		everyMonths: 3,
		weekday: 2,
		nth: 3,
		places: AT_ZUYD,
		onlineDuringCovid: true,
		participants: {
			min: 9,
			max: 16,
			mix: { professionals: 0.5, beleidsmedewerkers: 0.2, ervaringsdeskundigen: 0.1 }
		},
		organisations: ['Burgerkracht Limburg', 'Gemeente Sittard-Geleen']
	},
	{
		atelier: 'integraal-werken-met-jeugd',
		titles: [
			'Leeratelier: keerpunten in de praktijk',
			'Leeratelier: schakelfiguren en passanten',
			'Leeratelier: onderwijs en jeugdhulp verbinden'
		],
		kind: 'leeratelierbijeenkomst',
		from: '2020-03',
		to: '2022-12',
		everyMonths: 3,
		weekday: 3,
		nth: 1,
		places: [
			{ location: 'Sittard', venue: ZUYD_SITTARD },
			{ location: 'Geleen', venue: 'Wijkcentrum Geleen' }
		],
		onlineDuringCovid: true,
		participants: { min: 8, max: 15, mix: PROFESSIONALS_MIX },
		organisations: ['LEVANTOgroep', 'MIK & PIW Groep']
	},

	// 2023: the new ateliers meet once a quarter, as far as their reports go.
	{
		atelier: 'veerkracht-en-onmacht',
		titles: ['Leeratelier: veerkracht in de wijk', 'Leeratelier: als het niet lukt'],
		kind: 'leeratelierbijeenkomst',
		from: '2023-03',
		to: '2023-12',
		everyMonths: 3,
		weekday: 4,
		nth: 2,
		places: [
			...IN_THE_STADSDELEN,
			{ location: 'Kerensheide', venue: 'Gemeenschapshuis Kerensheide' }
		],
		onlineDuringCovid: false,
		participants: { min: 10, max: 16, mix: PROFESSIONALS_MIX },
		organisations: ['Trajekt', 'Gemeente Sittard-Geleen', 'Gemeente Stein']
	},
	{
		atelier: 'over-leven-armoede',
		titles: ['Leeratelier: bestaanszekerheid', 'Leeratelier: tweedeling in de regio'],
		kind: 'leeratelierbijeenkomst',
		from: '2023-03',
		to: '2023-09',
		everyMonths: 3,
		weekday: 2,
		nth: 3,
		places: AT_ZUYD,
		onlineDuringCovid: false,
		participants: {
			min: 9,
			max: 15,
			mix: { professionals: 0.5, beleidsmedewerkers: 0.2, ervaringsdeskundigen: 0.15 }
		},
		organisations: ['Burgerkracht Limburg', 'DoorS20pen']
	},
	{
		atelier: 'kansrijk-met-jeugd',
		titles: ['Leeratelier: kansen op het pad naar volwassenheid'],
		kind: 'leeratelierbijeenkomst',
		from: '2023-03',
		to: '2023-12',
		everyMonths: 3,
		weekday: 3,
		nth: 1,
		places: AT_ZUYD,
		onlineDuringCovid: false,
		participants: { min: 8, max: 14, mix: PROFESSIONALS_MIX },
		organisations: ['LEVANTOgroep', 'MIK & PIW Groep']
	},
	{
		atelier: 'leiderschap',
		titles: ['Leeratelier: leiderschap zonder hiërarchie'],
		kind: 'leeratelierbijeenkomst',
		from: '2023-03',
		to: '2023-06',
		everyMonths: 3,
		weekday: 4,
		nth: 3,
		places: AT_ZUYD,
		onlineDuringCovid: false,
		participants: { min: 7, max: 12, mix: PROFESSIONALS_MIX },
		organisations: ['MIK & PIW Groep']
	},
	{
		atelier: 'interprofessionele-samenwerking',
		titles: ['Leeratelier: samen rond één gezin'],
		kind: 'leeratelierbijeenkomst',
		from: '2023-09',
		to: '2023-09',
		everyMonths: 3,
		weekday: 4,
		nth: 2,
		places: AT_ZUYD,
		onlineDuringCovid: false,
		participants: { min: 10, max: 14, mix: PROFESSIONALS_MIX },
		organisations: ['LEVANTOgroep', 'Trajekt']
	}
];
