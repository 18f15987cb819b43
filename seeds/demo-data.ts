/**
 * Demo data for Jaarbeeld: the Werkplaats Sociaal Domein Zuyd as its brochure "Werkplaats Sociaal
 * Domein Zuyd in 2020-2022" describes it (/work/shared/reference/000_d76fc7dda52e091e.txt), plus
 * a half-finished 2023 so that the workflow screens have something to show.
 *
 * Taken from the brochure:
 * - the werkplaats, its 4 leerateliers of 2020-2022 and the 6 of 2023 (names only), the kartrekkers
 *   and the people quoted, with their roles; Raymond Clement as voorzitter Programmaraad;
 * - the figures it prints: 4 leerateliers, 13 openbare kennisbijeenkomsten in 2020-2022, wijkverhalen
 *   in 4 stadsdelen of Sittard-Geleen and since 2022 in two wijken of Stein, "tientallen bewoners en
 *   diverse professionals" every year, the themamiddag of 18 October 2022, the 2022 symposium of
 *   vierdejaarsstudenten Social Work, the workshopreeks for Gemeente Weert (verslag 14 October 2022),
 *   the online co-creatie series with the werkplaatsen of Utrecht, Arnhem and Nijmegen, the monthly
 *   expertmeetings and two deelgroepen of Impact;
 * - the organisations it names, every URL, and the quotes word for word (OCR slips fixed:
 *   "creéren" -> "creëren", hyphenation removed).
 *
 * Invented, because the brochure gives no figure or name for them:
 * - every participant count, the number of active students and the student rosters, the network
 *   members per quarter, reach per location, the yearly targets;
 * - exact dates and quarters (except 18 October 2022 and the verslag of 14 October 2022), meeting
 *   titles other than those the brochure mentions, venues;
 * - the names of the 4 stadsdelen: the brochure only says "4 stadsdelen van Sittard-Geleen"; we use
 *   Sittard, Geleen, Born and Limbricht. The two Stein wijken (Kerensheide, Nieuwdorp) and Elsloo
 *   (used only in 2023) are our choice too;
 * - everything of 2023 except the six atelier names: themes, reports, statuses, activities, and the
 *   kartrekkers of the two new ateliers, who get clearly fictional "Demo-kartrekker" names;
 * - the involvement of GGD Zuid Limburg and Gemeente Beek (plausible regional partners), and which
 *   partner took part in which atelier and quarter;
 * - which report carries werkplaats-wide items: Sabrina Keinemans' quote and the video about the
 *   werkwijze belong to no atelier in the brochure; they hang on Samenlevingsopbouw 2022Q4 (the
 *   atelier closest to her lectoraat Sociale Integratie).
 *
 * Attribution checked against the running text, not the page layout: "Empowerment is niet alleen een
 * kwestie van het individu" is said by Chantal van Lieshout, the professional-identity quote by
 * Petra Debets, and "Leven in armoede en onzekerheid leidt ertoe dat stress toeneemt" by Joost
 * Weling (the pull quote sits next to Leike Peeters' photo, but the text gives it to Joost).
 * The "Trots op: Verbinding beleid en uitvoeringspraktijk" text is cut off at the right edge in the
 * OCR; the ends of its lines are reconstructed. In the symposium text "onderwijs, onderzoek en
 * onderwijs" is corrected to "onderwijs, onderzoek en praktijk" (as Cindy Caanen puts it), and
 * "Integraal samenwerken met Jeugd" to the atelier's name "Integraal werken met jeugd".
 *
 * Everything is plain data: this file holds the werkplaats, ateliers, users, registries, reports
 * and targets; the meetings are in demo-activities.ts and demo-series.ts, the other records in
 * demo-records.ts, all re-exported from here. seeds/demo-build.ts expands the data into rows and
 * seeds/demo.ts inserts them.
 */
import type { Quarter } from '../src/lib/quarters';
import type {
	LocationKind,
	OrganisationKind,
	ReportStatus,
	Role
} from '../src/lib/server/db/types';

export * from './demo-activities';
export * from './demo-series';
export * from './demo-records';

// ---------------------------------------------------------------------------------------------
// Werkplaats

export const SETTINGS = {
	werkplaats_name: 'Werkplaats Sociaal Domein Zuyd',
	werkplaats_short_name: 'WSD Zuyd',
	quarter_due_months: 1
} as const;

export const SUBSIDY_PERIODS = [
	{ name: '2020-2022', start: '2020Q1', end: '2022Q4' },
	{ name: '2023-2026', start: '2023Q1', end: '2026Q4' }
] as const satisfies readonly { name: string; start: Quarter; end: Quarter }[];

// ---------------------------------------------------------------------------------------------
// Ateliers. Predecessors come before their successors so they can be inserted in that order.

export interface DemoAtelier {
	slug: string;
	name: string;
	theme: string;
	activeFrom: Quarter;
	activeTo: Quarter | null;
	predecessor: string | null;
}

export const ATELIERS = [
	{
		slug: 'samenlevingsopbouw',
		name: 'Samenlevingsopbouw',
		theme:
			'Samenlevingsopbouw houdt zich bezig met hoe mensen samenleven en draagt bij aan een rechtvaardige en duurzame samenleving.',
		activeFrom: '2020Q1',
		activeTo: '2022Q4',
		predecessor: null
	},
	{
		slug: 'armoede',
		name: 'Armoede',
		theme:
			'Het leeratelier wil de gevolgen van armoede bestrijden door samenwerking, met drie ankerpunten: vroegsignalering, effectieve armoede-interventies en inventarisatie van systeemoorzaken.',
		activeFrom: '2020Q1',
		activeTo: '2022Q4',
		predecessor: null
	},
	{
		slug: 'integraal-werken-met-jeugd',
		name: 'Integraal werken met jeugd',
		theme:
			'Het leeratelier is gericht op het pad dat jongeren afleggen naar volwassenheid, en op de keerpunten die daarin impact hebben op hun verdere leven.',
		activeFrom: '2020Q1',
		activeTo: '2022Q4',
		predecessor: null
	},
	{
		// Continues in 2023 under the same name, so it is one atelier without an end.
		slug: 'impact',
		name: 'Impact',
		theme:
			'Hoe breng je de impact van sociaal werk in beeld, op zo’n manier dat ook recht gedaan wordt aan het sociaal werk en de inspanningen van de betrokken professionals?',
		activeFrom: '2020Q1',
		activeTo: null,
		predecessor: null
	},
	{
		slug: 'interprofessionele-samenwerking',
		name: 'Interprofessionele samenwerking',
		theme:
			'Hoe professionals uit welzijn, zorg, onderwijs en gemeente samen sterker werken rond dezelfde inwoners.',
		activeFrom: '2023Q1',
		activeTo: null,
		predecessor: null
	},
	{
		slug: 'kansrijk-met-jeugd',
		name: 'Kansrijk met jeugd',
		theme:
			'Vervolg op Integraal werken met jeugd: hoe ouders, verzorgers en professionals jongeren begeleiden op hun pad naar volwassenheid.',
		activeFrom: '2023Q1',
		activeTo: null,
		predecessor: 'integraal-werken-met-jeugd'
	},
	{
		slug: 'leiderschap',
		name: 'Leiderschap',
		theme: 'Welk leiderschap vraagt het sociaal domein van professionals, teams en organisaties?',
		activeFrom: '2023Q1',
		activeTo: null,
		predecessor: null
	},
	{
		slug: 'over-leven-armoede',
		name: 'Over leven ten tijde van tweedeling: armoede',
		theme:
			'Vervolg op het Leeratelier Armoede: niet alleen interventies die acute en individuele noden wegnemen, ook de structurele oorzaken van armoede agenderen.',
		activeFrom: '2023Q1',
		activeTo: null,
		predecessor: 'armoede'
	},
	{
		slug: 'veerkracht-en-onmacht',
		name: 'Veerkracht en onmacht in gemeenschappen',
		theme:
			'Vervolg op Samenlevingsopbouw: sociale verbinding, veerkracht en onmacht in wijken en gemeenschappen.',
		activeFrom: '2023Q1',
		activeTo: null,
		predecessor: 'samenlevingsopbouw'
	}
] as const satisfies readonly DemoAtelier[];

export type AtelierSlug = (typeof ATELIERS)[number]['slug'];

// ---------------------------------------------------------------------------------------------
// Users. No passwords: accounts get them when authentication is added.

export interface DemoUser {
	email: string;
	name: string;
	role: Role;
	ateliers: readonly AtelierSlug[];
}

export const BEHEER_EMAIL = 'beheer@voorbeeld.nl';

export const USERS = [
	{ email: BEHEER_EMAIL, name: 'Beheer Werkplaats (demo)', role: 'management', ateliers: [] },
	{ email: 'raad@voorbeeld.nl', name: 'Raymond Clement', role: 'council', ateliers: [] },
	{
		email: 'samenlevingsopbouw@voorbeeld.nl',
		name: 'Chantal van Lieshout',
		role: 'kartrekker',
		ateliers: ['samenlevingsopbouw', 'veerkracht-en-onmacht']
	},
	{
		email: 'armoede@voorbeeld.nl',
		name: 'Joost Weling',
		role: 'kartrekker',
		ateliers: ['armoede', 'over-leven-armoede']
	},
	{
		email: 'jeugd@voorbeeld.nl',
		name: 'Cindy Caanen',
		role: 'kartrekker',
		ateliers: ['integraal-werken-met-jeugd', 'kansrijk-met-jeugd']
	},
	{
		email: 'impact@voorbeeld.nl',
		name: 'Michelle Heijen-van der Tier',
		role: 'kartrekker',
		ateliers: ['impact']
	},
	{
		email: 'interprofessioneel@voorbeeld.nl',
		name: 'Demo-kartrekker Interprofessionele samenwerking',
		role: 'kartrekker',
		ateliers: ['interprofessionele-samenwerking']
	},
	{
		email: 'leiderschap@voorbeeld.nl',
		name: 'Demo-kartrekker Leiderschap',
		role: 'kartrekker',
		ateliers: ['leiderschap']
	}
] as const satisfies readonly DemoUser[];

// ---------------------------------------------------------------------------------------------
// Registries

export const LOCATIONS = [
	{ municipality: 'Sittard-Geleen', name: 'Sittard', kind: 'stadsdeel' },
	{ municipality: 'Sittard-Geleen', name: 'Geleen', kind: 'stadsdeel' },
	{ municipality: 'Sittard-Geleen', name: 'Born', kind: 'stadsdeel' },
	{ municipality: 'Sittard-Geleen', name: 'Limbricht', kind: 'stadsdeel' },
	{ municipality: 'Stein', name: 'Kerensheide', kind: 'wijk' },
	{ municipality: 'Stein', name: 'Nieuwdorp', kind: 'wijk' },
	// Only used from 2023, so the 2020-2022 brochure figure (6 locations) stays exact.
	{ municipality: 'Stein', name: 'Elsloo', kind: 'wijk' }
] as const satisfies readonly { municipality: string; name: string; kind: LocationKind }[];

/** Location names are unique across municipalities here, so the name alone identifies one. */
export type LocationName = (typeof LOCATIONS)[number]['name'];

export const ORGANISATIONS = [
	{ name: 'Zuyd Hogeschool', kind: 'onderwijs', municipality: null },
	{ name: 'Trajekt', kind: 'welzijn', municipality: null },
	{ name: 'Burgerkracht Limburg', kind: 'burgers/ervaringsdeskundigen', municipality: null },
	{ name: 'DoorS20pen', kind: 'welzijn', municipality: null },
	{ name: 'LEVANTOgroep', kind: 'zorg', municipality: null },
	{ name: 'Credohuis', kind: 'zorg', municipality: null },
	{ name: 'MIK & PIW Groep', kind: 'welzijn', municipality: null },
	{ name: 'GGD Zuid Limburg', kind: 'zorg', municipality: null },
	{ name: 'Gemeente Sittard-Geleen', kind: 'gemeente', municipality: 'Sittard-Geleen' },
	{ name: 'Gemeente Stein', kind: 'gemeente', municipality: 'Stein' },
	{ name: 'Gemeente Weert', kind: 'gemeente', municipality: 'Weert' },
	{ name: 'Gemeente Beek', kind: 'gemeente', municipality: 'Beek' },
	{ name: 'Werkplaats Sociaal Domein Utrecht', kind: 'onderzoek', municipality: 'Utrecht' },
	{ name: 'Werkplaats Sociaal Domein Arnhem', kind: 'onderzoek', municipality: 'Arnhem' },
	{ name: 'Werkplaats Sociaal Domein Nijmegen', kind: 'onderzoek', municipality: 'Nijmegen' }
] as const satisfies readonly {
	name: string;
	kind: OrganisationKind;
	municipality: string | null;
}[];

export type OrganisationName = (typeof ORGANISATIONS)[number]['name'];

// ---------------------------------------------------------------------------------------------
// Quarter reports. 2020-2022: every quarter of the four ateliers, approved. The numbers are the
// network members per quarter (a stock that grows), 2020Q1 to 2022Q4.

export const NETWORK_MEMBERS_2020_2022: Record<
	'samenlevingsopbouw' | 'armoede' | 'integraal-werken-met-jeugd' | 'impact',
	readonly number[]
> = {
	samenlevingsopbouw: [22, 23, 25, 27, 29, 31, 33, 36, 39, 43, 46, 50],
	armoede: [18, 20, 21, 24, 26, 29, 31, 33, 37, 41, 45, 48],
	'integraal-werken-met-jeugd': [12, 13, 15, 16, 19, 21, 24, 26, 30, 33, 38, 42],
	impact: [20, 23, 26, 29, 33, 38, 41, 44, 48, 53, 57, 61]
};

export interface DemoReport {
	atelier: AtelierSlug;
	quarter: Quarter;
	status: ReportStatus;
	networkMembers: number;
	noActivities?: boolean;
	/** Set for 'teruggestuurd': management's reason, also kept in the status history. */
	returnComment?: string;
}

// 2023, as the demo stands in January 2024: Q1-Q2 approved, Q3 waiting or returned, Q4 partly
// started and partly missing. No reports after 2023.
export const REPORTS_2023: readonly DemoReport[] = [
	{ atelier: 'impact', quarter: '2023Q1', status: 'goedgekeurd', networkMembers: 62 },
	{ atelier: 'impact', quarter: '2023Q2', status: 'goedgekeurd', networkMembers: 64 },
	{ atelier: 'impact', quarter: '2023Q3', status: 'ingediend', networkMembers: 65 },
	{ atelier: 'impact', quarter: '2023Q4', status: 'concept', networkMembers: 67 },

	{
		atelier: 'interprofessionele-samenwerking',
		quarter: '2023Q1',
		status: 'goedgekeurd',
		networkMembers: 6,
		// A new atelier spends its first quarter on finding partners: an honest empty report.
		noActivities: true
	},
	{
		atelier: 'interprofessionele-samenwerking',
		quarter: '2023Q2',
		status: 'goedgekeurd',
		networkMembers: 9
	},
	{
		atelier: 'interprofessionele-samenwerking',
		quarter: '2023Q3',
		status: 'ingediend',
		networkMembers: 12
	},

	{ atelier: 'kansrijk-met-jeugd', quarter: '2023Q1', status: 'goedgekeurd', networkMembers: 42 },
	{ atelier: 'kansrijk-met-jeugd', quarter: '2023Q2', status: 'goedgekeurd', networkMembers: 44 },
	{ atelier: 'kansrijk-met-jeugd', quarter: '2023Q3', status: 'ingediend', networkMembers: 45 },
	{ atelier: 'kansrijk-met-jeugd', quarter: '2023Q4', status: 'concept', networkMembers: 47 },

	{ atelier: 'leiderschap', quarter: '2023Q1', status: 'goedgekeurd', networkMembers: 5 },
	{ atelier: 'leiderschap', quarter: '2023Q2', status: 'goedgekeurd', networkMembers: 8 },
	{
		atelier: 'leiderschap',
		quarter: '2023Q3',
		status: 'teruggestuurd',
		networkMembers: 10,
		returnComment:
			'Bij de bijeenkomst van 14 september ontbreekt de verdeling van de deelnemers over de groepen. Wil je die aanvullen en het kwartaal opnieuw indienen?'
	},

	{ atelier: 'over-leven-armoede', quarter: '2023Q1', status: 'goedgekeurd', networkMembers: 48 },
	{ atelier: 'over-leven-armoede', quarter: '2023Q2', status: 'goedgekeurd', networkMembers: 49 },
	{ atelier: 'over-leven-armoede', quarter: '2023Q3', status: 'ingediend', networkMembers: 51 },

	{
		atelier: 'veerkracht-en-onmacht',
		quarter: '2023Q1',
		status: 'goedgekeurd',
		networkMembers: 50
	},
	{
		atelier: 'veerkracht-en-onmacht',
		quarter: '2023Q2',
		status: 'goedgekeurd',
		networkMembers: 52
	},
	{
		atelier: 'veerkracht-en-onmacht',
		quarter: '2023Q3',
		status: 'goedgekeurd',
		networkMembers: 53
	},
	{ atelier: 'veerkracht-en-onmacht', quarter: '2023Q4', status: 'concept', networkMembers: 55 }
];

// ---------------------------------------------------------------------------------------------
// Yearly werkplaats-wide targets (atelier_id null), by indicator code of the catalogue. Not all are
// met (5 openbare kennisbijeenkomsten in 2022, against 4 held), so dashboards show a shortfall too.

export const TARGETS: Readonly<Record<string, Readonly<Record<number, number>>>> = {
	openbare_kennisbijeenkomsten: { 2020: 4, 2021: 4, 2022: 5, 2023: 5 },
	actieve_studenten: { 2020: 12, 2021: 15, 2022: 20, 2023: 15 },
	partnerorganisaties: { 2020: 8, 2021: 10, 2022: 12, 2023: 12 },
	publicaties: { 2020: 2, 2021: 2, 2022: 4, 2023: 3 },
	gesprekken_bewoners: { 2020: 40, 2021: 50, 2022: 60, 2023: 60 }
};
