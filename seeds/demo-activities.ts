/**
 * Demo meetings one by one: the 13 openbare kennisbijeenkomsten of 2020-2022 and the other meetings
 * the brochure mentions, plus a few of 2023. Dates, titles (where the brochure names none) and all
 * participant counts are invented; see the header of seeds/demo-data.ts.
 */
import type { ActivityKind } from '../src/lib/server/db/types';
import type { AtelierSlug, LocationName, OrganisationName } from './demo-data';

export interface Participants {
	total: number;
	professionals?: number;
	bewoners?: number;
	studenten?: number;
	beleidsmedewerkers?: number;
	onderzoekersDocenten?: number;
	ervaringsdeskundigen?: number;
}

export type ParticipantGroup = Exclude<keyof Participants, 'total'>;

/** One meeting; its quarter (and so its report) follows from the date. */
export interface DemoActivity {
	atelier: AtelierSlug;
	date: string;
	title: string;
	kind: ActivityKind;
	isPublic: boolean;
	participants: Participants;
	/** null for meetings outside the registered locations: online, or elsewhere (see venue). */
	location: LocationName | null;
	venue: string;
	organisations: readonly OrganisationName[];
	description?: string;
}

export const ONLINE_VENUE = 'Online (MS Teams)';
export const ZUYD_SITTARD = 'Zuyd Hogeschool, Ligne 1, Sittard';

/** The online series of Impact with the werkplaatsen of Utrecht, Arnhem and Nijmegen. */
function coCreatie(
	date: string,
	part: number,
	topic: string,
	participants: Participants
): DemoActivity {
	return {
		atelier: 'impact',
		date,
		title: `Co-creatie, beleid en impact van sociaal werk (${part}/3): ${topic}`,
		kind: 'kennisbijeenkomst',
		isPublic: true,
		participants,
		location: null,
		venue: 'Online, samen met de werkplaatsen van Utrecht, Arnhem en Nijmegen',
		organisations: [
			'Werkplaats Sociaal Domein Utrecht',
			'Werkplaats Sociaal Domein Arnhem',
			'Werkplaats Sociaal Domein Nijmegen'
		],
		description:
			'Online reeks over co-creatie tussen beleid en uitvoering, waarin de werkplaatsen van Zuyd, Utrecht, Arnhem en Nijmegen gezamenlijk optrokken.'
	};
}

/** Each year's wijkverhalen start with a preparatory meeting of the new cohort. */
function wijkverhalenStart(
	date: string,
	location: LocationName | null,
	venue: string,
	students: number
): DemoActivity {
	return {
		atelier: 'samenlevingsopbouw',
		date,
		title: `Start wijkverhalen ${date.slice(0, 4)}`,
		kind: 'overig',
		isPublic: false,
		participants: {
			total: students + 6,
			studenten: students,
			professionals: 4,
			onderzoekersDocenten: 2
		},
		location,
		venue,
		organisations: ['Gemeente Sittard-Geleen', 'Trajekt'],
		description: 'Tweedejaarsstudenten Sociaal Werk bereiden de gesprekken met bewoners voor.'
	};
}

/** The Armoede workshopreeks for Gemeente Weert, held in Weert (outside our locations). */
function weertWorkshop(date: string, part: number, topic: string): DemoActivity {
	return {
		atelier: 'armoede',
		date,
		title: `Workshopreeks Gemeente Weert (${part}/3): ${topic}`,
		kind: 'workshop',
		isPublic: false,
		participants: { total: 18, professionals: 11, beleidsmedewerkers: 6 },
		location: null,
		venue: 'Gemeente Weert',
		organisations: ['Gemeente Weert']
	};
}

/** The 13 openbare kennisbijeenkomsten of 2020-2022 (4, 5 and 4 per year). */
export const PUBLIC_KNOWLEDGE_MEETINGS_2020_2022: readonly DemoActivity[] = [
	{
		atelier: 'impact',
		date: '2020-02-13',
		title: 'Kick-off Leeratelier Impact: de waarde van sociaal werk zichtbaar maken',
		kind: 'kennisbijeenkomst',
		isPublic: true,
		participants: {
			total: 42,
			professionals: 18,
			beleidsmedewerkers: 10,
			onderzoekersDocenten: 8,
			studenten: 4
		},
		location: 'Sittard',
		venue: ZUYD_SITTARD,
		organisations: ['Zuyd Hogeschool', 'Credohuis', 'Trajekt', 'Gemeente Sittard-Geleen']
	},
	{
		atelier: 'samenlevingsopbouw',
		date: '2020-10-08',
		title: 'Opbouwwerk in tijden van COVID-19',
		kind: 'kennisbijeenkomst',
		isPublic: true,
		participants: {
			total: 35,
			professionals: 22,
			beleidsmedewerkers: 5,
			onderzoekersDocenten: 6,
			studenten: 2
		},
		location: null,
		venue: ONLINE_VENUE,
		organisations: ['Trajekt', 'Zuyd Hogeschool', 'Gemeente Sittard-Geleen'],
		description: 'Hoe houden opbouwwerkers contact met bewoners en groepen als samenkomen niet mag?'
	},
	{
		atelier: 'armoede',
		date: '2020-11-17',
		title: 'Stress-sensitief werken: wat armoede doet met beslissingen',
		kind: 'kennisbijeenkomst',
		isPublic: true,
		participants: {
			total: 48,
			professionals: 26,
			beleidsmedewerkers: 8,
			onderzoekersDocenten: 5,
			ervaringsdeskundigen: 4,
			studenten: 3
		},
		location: null,
		venue: ONLINE_VENUE,
		organisations: ['Burgerkracht Limburg', 'Zuyd Hogeschool', 'Gemeente Sittard-Geleen']
	},
	{
		atelier: 'integraal-werken-met-jeugd',
		date: '2020-12-03',
		title: 'Keerpunten in het leven van jongeren',
		kind: 'kennisbijeenkomst',
		isPublic: true,
		participants: {
			total: 31,
			professionals: 17,
			onderzoekersDocenten: 6,
			studenten: 5,
			beleidsmedewerkers: 2
		},
		location: null,
		venue: ONLINE_VENUE,
		organisations: ['LEVANTOgroep', 'Zuyd Hogeschool']
	},
	coCreatie('2021-02-11', 1, 'de vraag achter de verantwoording', {
		total: 64,
		professionals: 29,
		beleidsmedewerkers: 16,
		onderzoekersDocenten: 13
	}),
	coCreatie('2021-04-15', 2, 'impact samen in beeld brengen', {
		total: 58,
		professionals: 26,
		beleidsmedewerkers: 15,
		onderzoekersDocenten: 12
	}),
	coCreatie('2021-06-10', 3, 'van aantonen naar samen leren', {
		total: 61,
		professionals: 27,
		beleidsmedewerkers: 15,
		onderzoekersDocenten: 12
	}),
	{
		atelier: 'armoede',
		date: '2021-09-22',
		title: 'Vroegsignalering: betalingsachterstanden eerder zien en oppakken',
		kind: 'kennisbijeenkomst',
		isPublic: true,
		participants: {
			total: 38,
			professionals: 20,
			beleidsmedewerkers: 9,
			ervaringsdeskundigen: 3,
			onderzoekersDocenten: 4
		},
		location: 'Sittard',
		venue: ZUYD_SITTARD,
		organisations: ['Gemeente Sittard-Geleen', 'Trajekt', 'Burgerkracht Limburg']
	},
	{
		atelier: 'integraal-werken-met-jeugd',
		date: '2021-11-11',
		title: 'Schakelfiguren: passanten met een cruciale rol',
		kind: 'kennisbijeenkomst',
		isPublic: true,
		participants: {
			total: 33,
			professionals: 19,
			studenten: 6,
			onderzoekersDocenten: 5,
			beleidsmedewerkers: 2
		},
		location: 'Geleen',
		venue: 'Wijkcentrum Geleen',
		organisations: ['LEVANTOgroep', 'MIK & PIW Groep', 'GGD Zuid Limburg']
	},
	{
		atelier: 'samenlevingsopbouw',
		date: '2022-03-17',
		title: 'Wijkverhalen: wat bewoners vertellen over sociale verbinding',
		kind: 'kennisbijeenkomst',
		isPublic: true,
		participants: {
			total: 45,
			professionals: 14,
			bewoners: 12,
			studenten: 10,
			beleidsmedewerkers: 4,
			onderzoekersDocenten: 4
		},
		location: 'Geleen',
		venue: 'Wijkcentrum Geleen',
		organisations: ['Trajekt', 'Gemeente Sittard-Geleen', 'Gemeente Stein']
	},
	{
		atelier: 'impact',
		date: '2022-05-19',
		title: 'Ervaringen met de effectencalculator',
		kind: 'kennisbijeenkomst',
		isPublic: true,
		participants: {
			total: 40,
			professionals: 17,
			beleidsmedewerkers: 12,
			onderzoekersDocenten: 7,
			studenten: 2
		},
		location: 'Sittard',
		venue: ZUYD_SITTARD,
		organisations: ['Credohuis', 'Trajekt', 'Gemeente Sittard-Geleen', 'Gemeente Beek']
	},
	{
		atelier: 'armoede',
		date: '2022-09-27',
		title: 'Systeemoorzaken van armoede: een casus ontleed',
		kind: 'kennisbijeenkomst',
		isPublic: true,
		participants: {
			total: 36,
			professionals: 16,
			beleidsmedewerkers: 10,
			ervaringsdeskundigen: 4,
			onderzoekersDocenten: 4
		},
		location: 'Sittard',
		venue: ZUYD_SITTARD,
		organisations: ['Burgerkracht Limburg', 'Gemeente Sittard-Geleen', 'Gemeente Weert']
	},
	{
		atelier: 'samenlevingsopbouw',
		date: '2022-11-24',
		title: 'Empowerment en de structuren van de wijk',
		kind: 'kennisbijeenkomst',
		isPublic: true,
		participants: {
			total: 30,
			professionals: 15,
			bewoners: 5,
			beleidsmedewerkers: 4,
			onderzoekersDocenten: 3,
			studenten: 2
		},
		location: 'Born',
		venue: 'Wijkcentrum Born',
		organisations: ['Trajekt', 'Gemeente Sittard-Geleen']
	}
];

/** The other meetings the brochure mentions, and a few of our own (non-public, or 2023). */
export const OTHER_ACTIVITIES: readonly DemoActivity[] = [
	wijkverhalenStart('2020-02-06', 'Geleen', 'Wijkcentrum Geleen', 12),
	wijkverhalenStart('2021-02-04', null, ONLINE_VENUE, 14),
	wijkverhalenStart('2022-02-03', 'Sittard', ZUYD_SITTARD, 13),
	{
		atelier: 'samenlevingsopbouw',
		date: '2022-04-07',
		title: 'Wijkverhalen in Stein: start in Kerensheide en Nieuwdorp',
		kind: 'overig',
		isPublic: false,
		participants: { total: 19, studenten: 13, professionals: 4, beleidsmedewerkers: 2 },
		location: 'Kerensheide',
		venue: 'Gemeenschapshuis Kerensheide',
		organisations: ['Gemeente Stein']
	},
	weertWorkshop('2022-05-10', 1, 'systeeminvloeden herkennen'),
	weertWorkshop('2022-06-07', 2, 'een casus ontleed'),
	weertWorkshop('2022-09-06', 3, 'professioneel handelen versterken'),
	{
		atelier: 'armoede',
		date: '2022-10-06',
		title: 'Jongeren over rondkomen: in gesprek met beleidsmakers en uitvoerders',
		kind: 'overig',
		isPublic: false,
		participants: {
			total: 28,
			bewoners: 12,
			ervaringsdeskundigen: 3,
			beleidsmedewerkers: 6,
			professionals: 6
		},
		location: 'Sittard',
		venue: 'Jongerencentrum Sittard',
		organisations: ['Burgerkracht Limburg', 'DoorS20pen'],
		description: 'Project voor en door jongeren tussen de 14 en 24 jaar.'
	},
	{
		atelier: 'integraal-werken-met-jeugd',
		date: '2022-06-16',
		title: 'Symposium Met passie samen voor de jeugd',
		kind: 'symposium',
		isPublic: true,
		participants: {
			total: 85,
			professionals: 40,
			studenten: 30,
			onderzoekersDocenten: 8,
			beleidsmedewerkers: 5
		},
		location: 'Sittard',
		venue: ZUYD_SITTARD,
		organisations: ['LEVANTOgroep', 'MIK & PIW Groep', 'GGD Zuid Limburg'],
		description:
			'Georganiseerd door vierdejaarsstudenten Social Work in opdracht van het leeratelier.'
	},
	{
		atelier: 'integraal-werken-met-jeugd',
		date: '2022-10-18',
		title: 'Themamiddag keerpunten',
		kind: 'themamiddag',
		isPublic: true,
		participants: {
			total: 64,
			professionals: 28,
			bewoners: 10,
			studenten: 8,
			beleidsmedewerkers: 6,
			onderzoekersDocenten: 6,
			ervaringsdeskundigen: 4
		},
		location: 'Sittard',
		venue: ZUYD_SITTARD,
		organisations: ['LEVANTOgroep', 'MIK & PIW Groep', 'Gemeente Sittard-Geleen'],
		description:
			'Kennis uitwisselen over keerpunten met ervaringsdeskundigen, professionals, onderzoekers, beleidsmakers, studenten, docenten, ouders en verzorgers én jongeren zelf.'
	},

	// 2023
	{
		atelier: 'over-leven-armoede',
		date: '2023-03-16',
		title: 'Over leven ten tijde van tweedeling',
		kind: 'kennisbijeenkomst',
		isPublic: true,
		participants: {
			total: 44,
			professionals: 20,
			beleidsmedewerkers: 10,
			ervaringsdeskundigen: 5,
			onderzoekersDocenten: 5
		},
		location: 'Sittard',
		venue: ZUYD_SITTARD,
		organisations: ['Burgerkracht Limburg', 'Gemeente Sittard-Geleen']
	},
	{
		atelier: 'veerkracht-en-onmacht',
		date: '2023-04-13',
		title: 'Start wijkverhalen 2023, voor het eerst ook in Elsloo',
		kind: 'overig',
		isPublic: false,
		participants: { total: 17, studenten: 11, professionals: 4, onderzoekersDocenten: 2 },
		location: 'Elsloo',
		venue: 'Gemeenschapshuis Elsloo',
		organisations: ['Gemeente Stein']
	},
	{
		atelier: 'veerkracht-en-onmacht',
		date: '2023-05-25',
		title: 'Veerkracht en onmacht: wat de wijkverhalen ons leren',
		kind: 'kennisbijeenkomst',
		isPublic: true,
		participants: {
			total: 39,
			professionals: 13,
			bewoners: 9,
			studenten: 9,
			beleidsmedewerkers: 4,
			onderzoekersDocenten: 3
		},
		location: 'Geleen',
		venue: 'Wijkcentrum Geleen',
		organisations: ['Trajekt', 'Gemeente Sittard-Geleen', 'Gemeente Stein']
	},
	{
		atelier: 'interprofessionele-samenwerking',
		date: '2023-06-01',
		title: 'Startbijeenkomst Interprofessionele samenwerking',
		kind: 'leeratelierbijeenkomst',
		isPublic: false,
		participants: { total: 14, professionals: 9, onderzoekersDocenten: 3, beleidsmedewerkers: 2 },
		location: 'Sittard',
		venue: ZUYD_SITTARD,
		organisations: ['LEVANTOgroep', 'Trajekt']
	},
	{
		atelier: 'kansrijk-met-jeugd',
		date: '2023-06-21',
		title: 'Expertmeeting ouders, school en jeugdhulp',
		kind: 'expertmeeting',
		isPublic: false,
		participants: { total: 21, professionals: 12, bewoners: 3, onderzoekersDocenten: 4 },
		location: 'Geleen',
		venue: 'Wijkcentrum Geleen',
		organisations: ['LEVANTOgroep', 'GGD Zuid Limburg']
	},
	{
		// The meeting the 2023Q3 report was returned for: the groups are not filled in yet.
		atelier: 'leiderschap',
		date: '2023-09-14',
		title: 'Leiderschap in de wijk: wie neemt de regie?',
		kind: 'leeratelierbijeenkomst',
		isPublic: false,
		participants: { total: 16 },
		location: 'Sittard',
		venue: ZUYD_SITTARD,
		organisations: ['MIK & PIW Groep']
	},
	{
		atelier: 'impact',
		date: '2023-11-16',
		title: 'Impactevaluatie in de praktijk',
		kind: 'kennisbijeenkomst',
		isPublic: true,
		participants: {
			total: 37,
			professionals: 16,
			beleidsmedewerkers: 11,
			onderzoekersDocenten: 6
		},
		location: 'Sittard',
		venue: ZUYD_SITTARD,
		organisations: ['Credohuis', 'Gemeente Sittard-Geleen', 'Gemeente Stein']
	}
];
