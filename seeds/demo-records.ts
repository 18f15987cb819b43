/**
 * The other demo records: students and what they did, partner involvements, reach, publications
 * and highlights. URLs, quotes and "Trots op" texts come from the brochure; rosters, quarters and
 * numbers are invented (see the header of seeds/demo-data.ts).
 */
import type { Quarter } from '../src/lib/quarters';
import type { PublicationKind, StudentActivity } from '../src/lib/server/db/types';
import type { AtelierSlug, LocationName, OrganisationName } from './demo-data';

// Students. Pseudonymous roster entries ("Student 2021-07"), no real people. Groups are numbered
// from 1; `prefix` makes display names and student numbers unique.

export const STUDENT_GROUPS = {
	/** Tweedejaars Sociaal Werk who collect the wijkverhalen, a new cohort every year. */
	wijkverhalen2020: { prefix: '2020-', size: 12 },
	wijkverhalen2021: { prefix: '2021-', size: 14 },
	wijkverhalen2022: { prefix: '2022-', size: 13 },
	wijkverhalen2023: { prefix: '2023-', size: 11 },
	/** Vierdejaars Social Work who organised the 2022 symposium. */
	symposium2022: { prefix: '2022-V', size: 8 },
	/** Individual stage, afstudeer and onderzoek students ("Student I-03"). */
	overig: { prefix: 'I-', size: 8 }
} as const satisfies Record<string, { prefix: string; size: number }>;

export type StudentGroup = keyof typeof STUDENT_GROUPS;

/** Picks students of a group by number; `'all'` takes the whole group. */
export interface StudentPick {
	group: StudentGroup;
	numbers: readonly number[] | 'all';
}

export interface DemoStudentWork {
	atelier: AtelierSlug;
	quarters: readonly Quarter[];
	activity: StudentActivity;
	students: StudentPick;
	description: string;
}

// Some students appear in two ateliers (same roster entry), so "unique students" is smaller than
// the sum over the ateliers, and participation in two quarters of a year counts once per year.
export const STUDENT_WORK: readonly DemoStudentWork[] = [
	{
		atelier: 'samenlevingsopbouw',
		quarters: ['2020Q1', '2020Q2'],
		activity: 'wijkverhalen',
		students: { group: 'wijkverhalen2020', numbers: 'all' },
		description: 'Gesprekken met bewoners in de stadsdelen van Sittard-Geleen'
	},
	{
		atelier: 'samenlevingsopbouw',
		quarters: ['2021Q1', '2021Q2'],
		activity: 'wijkverhalen',
		students: { group: 'wijkverhalen2021', numbers: 'all' },
		description: 'Gesprekken met bewoners in de stadsdelen van Sittard-Geleen'
	},
	{
		atelier: 'samenlevingsopbouw',
		quarters: ['2022Q1', '2022Q2'],
		activity: 'wijkverhalen',
		students: { group: 'wijkverhalen2022', numbers: 'all' },
		description: 'Gesprekken met bewoners in Sittard-Geleen en, voor het eerst, in Stein'
	},
	{
		atelier: 'veerkracht-en-onmacht',
		quarters: ['2023Q1', '2023Q2'],
		activity: 'wijkverhalen',
		students: { group: 'wijkverhalen2023', numbers: 'all' },
		description: 'Gesprekken met bewoners in Sittard-Geleen en Stein'
	},
	{
		atelier: 'integraal-werken-met-jeugd',
		quarters: ['2022Q1', '2022Q2'],
		activity: 'symposium',
		students: { group: 'symposium2022', numbers: 'all' },
		description: 'Organisatie van het symposium Met passie samen voor de jeugd'
	},
	{
		atelier: 'armoede',
		quarters: ['2020Q3', '2020Q4'],
		activity: 'stage',
		students: { group: 'overig', numbers: [1] },
		description: 'Stage bij het leeratelier: literatuur over stress-sensitief werken'
	},
	{
		atelier: 'impact',
		quarters: ['2021Q1', '2021Q2'],
		activity: 'afstuderen',
		students: { group: 'overig', numbers: [2, 3] },
		description: 'Afstudeeronderzoek naar het gebruik van de effectencalculator'
	},
	{
		atelier: 'integraal-werken-met-jeugd',
		quarters: ['2021Q3', '2021Q4'],
		activity: 'onderzoek',
		students: { group: 'overig', numbers: [4, 5] },
		description: 'Literatuuronderzoek naar keerpunten en schakelfiguren'
	},
	{
		// Wijkverhalen students of 2021 who came back for their derdejaarsstage.
		atelier: 'armoede',
		quarters: ['2022Q1', '2022Q2'],
		activity: 'stage',
		students: { group: 'wijkverhalen2021', numbers: [3, 8] },
		description: 'Derdejaarsstage: casusanalyse van systeeminvloeden'
	},
	{
		// A symposium student who graduated on impact measurement.
		atelier: 'impact',
		quarters: ['2022Q3', '2022Q4'],
		activity: 'afstuderen',
		students: { group: 'symposium2022', numbers: [3] },
		description: 'Afstudeeronderzoek naar impactevaluatie in het jongerenwerk'
	},
	{
		atelier: 'kansrijk-met-jeugd',
		quarters: ['2023Q1', '2023Q2'],
		activity: 'stage',
		students: { group: 'wijkverhalen2022', numbers: [5, 11] },
		description: 'Stage in het jongerenwerk'
	},
	{
		atelier: 'leiderschap',
		quarters: ['2023Q2'],
		activity: 'onderzoek',
		students: { group: 'overig', numbers: [6] },
		description: 'Interviews met teamleiders over gedeeld leiderschap'
	},
	{
		atelier: 'over-leven-armoede',
		quarters: ['2023Q3'],
		activity: 'stage',
		students: { group: 'overig', numbers: [7, 8] },
		description: 'Stage: jongeren over rondkomen'
	}
];

// ---------------------------------------------------------------------------------------------
// Partners: one involvement row per report of the atelier within [from, to].

/**
 * The partners of one atelier over [from, to]: one involvement row per existing report in that
 * range. A partner row may narrow the range with its own from and to.
 */
export interface DemoPartnerGroup {
	atelier: AtelierSlug;
	from: Quarter;
	to: Quarter;
	partners: readonly (
		readonly [OrganisationName, string] | readonly [OrganisationName, string, Quarter, Quarter]
	)[];
}

const ZUYD_ROLE = 'Onderzoek (lectoraat) en onderwijs (Sociaal Werk)';

export const PARTNERS: readonly DemoPartnerGroup[] = [
	{
		atelier: 'samenlevingsopbouw',
		from: '2020Q1',
		to: '2022Q4',
		partners: [
			['Zuyd Hogeschool', ZUYD_ROLE],
			['Trajekt', 'Opbouwwerkers in het leeratelier'],
			['Gemeente Sittard-Geleen', 'Beleid en wijkprofessionals; wijkverhalen'],
			['Gemeente Stein', 'Wijkverhalen in Kerensheide en Nieuwdorp', '2022Q1', '2022Q4']
		]
	},
	{
		atelier: 'veerkracht-en-onmacht',
		from: '2023Q1',
		to: '2023Q4',
		partners: [
			['Zuyd Hogeschool', ZUYD_ROLE],
			['Trajekt', 'Opbouwwerkers in het leeratelier'],
			['Gemeente Sittard-Geleen', 'Wijkverhalen'],
			['Gemeente Stein', 'Wijkverhalen']
		]
	},
	{
		atelier: 'armoede',
		from: '2020Q1',
		to: '2022Q4',
		partners: [
			['Zuyd Hogeschool', ZUYD_ROLE],
			['Burgerkracht Limburg', 'Stem van de mensen die in armoede leven'],
			['Gemeente Sittard-Geleen', 'Armoedebeleid en schuldhulpverlening'],
			['Trajekt', 'Sociaal werkers in het leeratelier', '2021Q1', '2022Q4'],
			['DoorS20pen', 'Jongerenproject (14-24 jaar)', '2022Q1', '2022Q4'],
			['Gemeente Weert', 'Opdrachtgever workshopreeks', '2022Q2', '2022Q4']
		]
	},
	{
		atelier: 'over-leven-armoede',
		from: '2023Q1',
		to: '2023Q4',
		partners: [
			['Zuyd Hogeschool', ZUYD_ROLE],
			['Burgerkracht Limburg', 'Stem van de mensen die in armoede leven'],
			['DoorS20pen', 'Jongerenproject (14-24 jaar)'],
			['Gemeente Sittard-Geleen', 'Armoedebeleid']
		]
	},
	{
		atelier: 'integraal-werken-met-jeugd',
		from: '2020Q1',
		to: '2022Q4',
		partners: [
			['Zuyd Hogeschool', ZUYD_ROLE],
			['LEVANTOgroep', 'Praktijkpartner jeugdzorg'],
			['Gemeente Sittard-Geleen', 'Jeugdbeleid'],
			['MIK & PIW Groep', 'Jongerenwerk en kinderopvang', '2020Q3', '2022Q4'],
			['GGD Zuid Limburg', 'Jeugdgezondheidszorg', '2021Q1', '2022Q4']
		]
	},
	{
		atelier: 'kansrijk-met-jeugd',
		from: '2023Q1',
		to: '2023Q4',
		partners: [
			['Zuyd Hogeschool', ZUYD_ROLE],
			['LEVANTOgroep', 'Praktijkpartner jeugdzorg'],
			['MIK & PIW Groep', 'Jongerenwerk en kinderopvang'],
			['GGD Zuid Limburg', 'Jeugdgezondheidszorg']
		]
	},
	{
		atelier: 'impact',
		from: '2020Q1',
		to: '2023Q4',
		partners: [
			['Zuyd Hogeschool', ZUYD_ROLE],
			['Credohuis', 'Deelgroep uitvoerende professionals'],
			['Trajekt', 'Deelgroep uitvoerende professionals'],
			['Gemeente Sittard-Geleen', 'Deelgroep beleidsmakers'],
			['MIK & PIW Groep', 'Deelgroep uitvoerende professionals', '2021Q1', '2023Q4'],
			['Gemeente Stein', 'Deelgroep beleidsmakers', '2021Q1', '2023Q4'],
			['Gemeente Beek', 'Deelgroep beleidsmakers', '2021Q1', '2023Q4'],
			['Werkplaats Sociaal Domein Utrecht', 'Online reeks co-creatie', '2021Q1', '2021Q2'],
			['Werkplaats Sociaal Domein Arnhem', 'Online reeks co-creatie', '2021Q1', '2021Q2'],
			['Werkplaats Sociaal Domein Nijmegen', 'Online reeks co-creatie', '2021Q1', '2021Q2']
		]
	},
	{
		atelier: 'interprofessionele-samenwerking',
		from: '2023Q2',
		to: '2023Q4',
		partners: [
			['Zuyd Hogeschool', ZUYD_ROLE],
			['LEVANTOgroep', 'Praktijkpartner'],
			['Trajekt', 'Praktijkpartner']
		]
	},
	{
		atelier: 'leiderschap',
		from: '2023Q1',
		to: '2023Q4',
		partners: [
			['Zuyd Hogeschool', ZUYD_ROLE],
			['MIK & PIW Groep', 'Teamleiders in het leeratelier']
		]
	}
];

// ---------------------------------------------------------------------------------------------
// Reach: wijkverhalen conversations, recorded in the Q2 report of each year (the spring semester
// in which the tweedejaars hold them). [location, resident conversations, professionals reached]

export interface DemoReach {
	atelier: AtelierSlug;
	quarter: Quarter;
	perLocation: readonly (readonly [LocationName, number, number])[];
}

export const REACH: readonly DemoReach[] = [
	{
		atelier: 'samenlevingsopbouw',
		quarter: '2020Q2',
		perLocation: [
			['Sittard', 14, 3],
			['Geleen', 12, 4],
			['Born', 9, 2],
			['Limbricht', 8, 2]
		]
	},
	{
		atelier: 'samenlevingsopbouw',
		quarter: '2021Q2',
		perLocation: [
			['Sittard', 16, 4],
			['Geleen', 15, 3],
			['Born', 11, 3],
			['Limbricht', 10, 2]
		]
	},
	{
		atelier: 'samenlevingsopbouw',
		quarter: '2022Q2',
		perLocation: [
			['Sittard', 13, 3],
			['Geleen', 14, 4],
			['Born', 10, 2],
			['Limbricht', 9, 3],
			['Kerensheide', 12, 3],
			['Nieuwdorp', 10, 2]
		]
	},
	{
		atelier: 'veerkracht-en-onmacht',
		quarter: '2023Q2',
		perLocation: [
			['Sittard', 11, 3],
			['Geleen', 12, 3],
			['Born', 8, 2],
			['Limbricht', 7, 2],
			['Kerensheide', 9, 2],
			['Nieuwdorp', 8, 2],
			['Elsloo', 10, 3]
		]
	}
];

// ---------------------------------------------------------------------------------------------
// Publications and products, with the brochure's URLs.

export interface DemoPublication {
	atelier: AtelierSlug;
	date: string;
	title: string;
	kind: PublicationKind;
	url: string | null;
	authors: string;
}

const WIJKVERHALEN_AUTHORS = 'Tweedejaarsstudenten Sociaal Werk en Leeratelier Samenlevingsopbouw';

export const PUBLICATIONS: readonly DemoPublication[] = [
	{
		atelier: 'samenlevingsopbouw',
		date: '2020-12-10',
		title: 'Opbouwwerk in tijden van COVID-19',
		kind: 'artikel',
		url: 'https://www.wsdzuyd.nl/etalage-werk/opbouwwerk-in-tijden-van-covid-19/',
		authors: 'Leeratelier Samenlevingsopbouw'
	},
	{
		atelier: 'samenlevingsopbouw',
		date: '2020-12-17',
		title: 'Werkplaats Sprekend Sittard-Geleen',
		kind: 'boekje',
		url: 'https://www.zuyd.nl/binaries/content/assets/zuyd/onderzoek/rapporten--presentaties/werkplaats-sprekend-sittard-geleen.pdf',
		authors: WIJKVERHALEN_AUTHORS
	},
	{
		atelier: 'samenlevingsopbouw',
		date: '2022-12-08',
		title: 'Sprekend Sittard-Geleen 2021-2022',
		kind: 'boekje',
		url: 'https://www.wsdzuyd.nl/etalage-werk/sprekend-sittard-geleen-2021-2022/',
		authors: WIJKVERHALEN_AUTHORS
	},
	{
		// Werkplaats-wide; see the header for why it sits with Samenlevingsopbouw.
		atelier: 'samenlevingsopbouw',
		date: '2022-11-10',
		title: 'Video over de werkwijze van de Werkplaats Sociaal Domein Zuyd',
		kind: 'video',
		url: 'https://zuyd.mediasite.com/Mediasite/Play/4ec48c0c54f2475d8df7d9bc1b6daf1e1d',
		authors: 'Werkplaats Sociaal Domein Zuyd'
	},
	{
		atelier: 'armoede',
		date: '2022-10-14',
		title: 'Verslag naar aanleiding van Workshopreeks Gemeente Weert',
		kind: 'verslag',
		url: 'https://www.wsdzuyd.nl/wp-content/uploads/2022/10/20221014-Verslag-naar-aanleiding-van-Workshopreeks-Gemeente-Weert.pdf',
		authors: 'Leeratelier Armoede'
	},
	{
		atelier: 'impact',
		date: '2022-06-02',
		title: 'WSD - ervaringen effectencalculator',
		kind: 'rapport',
		url: 'https://www.zuyd.nl/binaries/content/assets/zuyd/onderzoek/rapporten--presentaties/wsd---ervaringen-effectencalculator.pdf',
		authors: 'Leeratelier Impact'
	},
	{
		atelier: 'impact',
		date: '2022-06-23',
		title: 'Ervaringen met de effectencalculator',
		kind: 'artikel',
		url: 'https://www.wsdzuyd.nl/etalage-werk/ervaringen-met-de-effectencalculator/',
		authors: 'Leeratelier Impact'
	},
	{
		atelier: 'impact',
		date: '2022-09-15',
		title: 'Impactevaluatie',
		kind: 'artikel',
		url: 'https://www.wsdzuyd.nl/etalage-werk/impactevaluatie/',
		authors: 'Leeratelier Impact'
	},
	{
		atelier: 'integraal-werken-met-jeugd',
		date: '2022-06-30',
		title: 'Met passie samen voor de jeugd',
		kind: 'artikel',
		url: 'https://www.wsdzuyd.nl/etalage-werk/met-passie-samen-voor-de-jeugd/',
		authors: 'Vierdejaarsstudenten Social Work'
	},
	{
		atelier: 'veerkracht-en-onmacht',
		date: '2023-06-29',
		title: 'Wijkverhalen 2023 (concept)',
		kind: 'boekje',
		url: null,
		authors: WIJKVERHALEN_AUTHORS
	}
];

// ---------------------------------------------------------------------------------------------
// Highlights ("Trots op") and quotes. in_report marks what the brochure printed.

export interface DemoHighlight {
	atelier: AtelierSlug;
	quarter: Quarter;
	title: string;
	body: string;
	quote?: { text: string; speaker: string; role: string };
	url?: string;
	inReport: boolean;
}

const JOOST = { speaker: 'Joost Weling', role: 'docent-onderzoeker bij Zuyd Hogeschool' };
const TOM = { speaker: 'Tom Houben', role: 'projectleider bij zorgorganisatie LEVANTOgroep' };

export const HIGHLIGHTS: readonly DemoHighlight[] = [
	// Samenlevingsopbouw
	{
		atelier: 'samenlevingsopbouw',
		quarter: '2020Q4',
		title: 'Empowerment is meer dan het individu',
		body: 'Empowerment, het proces waardoor iemand gestimuleerd wordt zelfstandig te beslissen en te handelen en voor zichzelf op te komen, heeft ook te maken met de structuren waarmee dat individu geconfronteerd wordt.',
		quote: {
			text: 'Empowerment is niet alleen een kwestie van het individu.',
			speaker: 'Chantal van Lieshout',
			role: 'onderzoeker bij Zuyd Hogeschool'
		},
		url: 'https://www.wsdzuyd.nl/etalage-werk/opbouwwerk-in-tijden-van-covid-19/',
		inReport: true
	},
	{
		atelier: 'samenlevingsopbouw',
		quarter: '2022Q2',
		title: 'Trots op: Wijkverhalen',
		body: 'Bijdragen aan sociale verbinding in de wijk, en de rol van professionals daarin, is een belangrijk thema in het leeratelier Samenlevingsopbouw van de werkplaats. Om te begrijpen hoe inwoners van een wijk of stadsdeel deze verbinding ervaren, worden al enkele jaren wijkverhalen opgehaald door tweedejaars studenten Sociaal Werk. Zij doen dit in Sittard-Geleen en sinds 2022 ook Stein. Professionals uit de gemeente, onderzoekers van het lectoraat en docenten en studenten werken samen om zoveel mogelijk inwoners te bereiken en hun ervaringen op te tekenen. De wijkverhalen leren veel over sociale verbinding en hoe deze tot stand komt, en worden ieder jaar gebundeld in een boekje dat breed gedeeld wordt. Bovendien inspireert het initiatief tot nieuwe activiteiten in het kader van het leeratelier.',
		url: 'https://www.zuyd.nl/binaries/content/assets/zuyd/onderzoek/rapporten--presentaties/werkplaats-sprekend-sittard-geleen.pdf',
		inReport: true
	},
	{
		atelier: 'samenlevingsopbouw',
		quarter: '2022Q3',
		title: 'Een kritische blik hoort erbij',
		body: 'Het leeratelier helpt opbouwwerkers meer grip te krijgen op hun vak en laat zien dat een kritische blik op beleid goed is: het vak beperkt zich niet tot uitvoering.',
		quote: {
			text: 'De verbinding met het leeratelier en de hogeschool helpt je bij het creëren van je professionele identiteit.',
			speaker: 'Petra Debets',
			role: 'opbouwwerker bij welzijnsorganisatie Trajekt'
		},
		inReport: true
	},
	{
		// Werkplaats-wide; see the header for why it sits with Samenlevingsopbouw.
		atelier: 'samenlevingsopbouw',
		quarter: '2022Q4',
		title: 'De Werkplaats als kennismakelaar',
		body: 'Een samenwerkingsverband waar onderzoekers, docenten, professionals uit de praktijk van welzijn en zorg en beleidsmedewerkers van gemeenten elkaar ontmoeten om zich samen te buigen over de opgaven in het sociale domein die steeds groter worden.',
		quote: {
			text: 'De Werkplaats is een kennismakelaar.',
			speaker: 'Sabrina Keinemans',
			role: 'lector Sociale Integratie bij Zuyd Hogeschool'
		},
		url: 'https://zuyd.mediasite.com/Mediasite/Play/4ec48c0c54f2475d8df7d9bc1b6daf1e1d',
		inReport: true
	},

	// Armoede
	{
		atelier: 'armoede',
		quarter: '2020Q4',
		title: 'Armoede is een hydra',
		body: 'Zelfs Herakles kon dit veelkoppige monster niet alleen verslaan: als hij één kop afhakte, groeiden er op dezelfde plek twee nieuwe. Daarom wil het leeratelier de gevolgen van armoede bestrijden door samenwerking.',
		quote: { text: 'Armoede is een hydra.', ...JOOST },
		inReport: true
	},
	{
		atelier: 'armoede',
		quarter: '2020Q4',
		title: 'Stress en beslissingen',
		body: 'Een effectieve armoede-interventie is bijvoorbeeld stress-sensitief werken. Een goede vertrouwensband bepaalt voor zeventig procent het succes van een interventie.',
		quote: { text: 'Leven in armoede en onzekerheid leidt ertoe dat stress toeneemt.', ...JOOST },
		inReport: true
	},
	{
		atelier: 'armoede',
		quarter: '2022Q4',
		title: 'Niet alleen over mensen in armoede praten',
		body: 'Vanuit Burgerkracht Limburg, samen met het Leeratelier Armoede en DoorS20pen, loopt een project voor en door jongeren tussen de 14 en 24 jaar, waarin beleidsmakers en uitvoerders op een laagdrempelige manier in contact komen met mensen die in armoede leven.',
		quote: {
			text: 'De grootste toegevoegde waarde van het leeratelier ligt voor mij in kennisdeling.',
			speaker: 'Leike Peeters',
			role: 'adviseur bij Burgerkracht Limburg'
		},
		inReport: true
	},
	{
		atelier: 'armoede',
		quarter: '2022Q4',
		title: 'Workshopreeks Gemeente Weert',
		body: 'Het leeratelier analyseerde onder andere de uitoefening van systeeminvloeden aan de hand van een specifieke casus. En er werden workshops georganiseerd om het professioneel handelen op dit punt te versterken.',
		url: 'https://www.wsdzuyd.nl/wp-content/uploads/2022/10/20221014-Verslag-naar-aanleiding-van-Workshopreeks-Gemeente-Weert.pdf',
		inReport: true
	},

	// Integraal werken met jeugd
	{
		atelier: 'integraal-werken-met-jeugd',
		quarter: '2021Q2',
		title: 'Het pad dat jongeren afleggen',
		body: 'Samenwerken met het leeratelier kan in drie schillen: een keer naar een expertmeeting komen, samen een specifiek vraagstuk verdiepen, of een langere, duurzame samenwerking rond structurele vraagstukken.',
		quote: {
			text: 'Ruimte en tijd maken inspireert. Je hebt elkaar nodig.',
			speaker: 'Cindy Caanen',
			role: 'docent-onderzoeker bij Zuyd Hogeschool'
		},
		inReport: false
	},
	{
		atelier: 'integraal-werken-met-jeugd',
		quarter: '2021Q4',
		title: 'Keerpunten en schakelfiguren',
		body: 'Met een goed steunsysteem hoeft een keerpunt geen negatieve uitwerking te hebben. Ook een docent of jongerenwerker kan een schakelfiguur zijn, als die zich van zijn rol bewust is en iets doet.',
		quote: {
			text: 'Veel betrokkenen zijn passanten in het leven van jongeren. Maar ook een passant kan een cruciale rol spelen.',
			...TOM
		},
		inReport: true
	},
	{
		atelier: 'integraal-werken-met-jeugd',
		quarter: '2022Q1',
		title: 'Een verademing',
		body: 'In het leeratelier ijk je en maak je tijd voor wat belangrijk is, zonder beheersmatige dwang.',
		quote: {
			text: 'Wat ik een verademing vind, is dat je in het leeratelier uit de waan van de dag stapt.',
			...TOM
		},
		inReport: true
	},
	{
		atelier: 'integraal-werken-met-jeugd',
		quarter: '2022Q2',
		title: 'Trots op: Symposium',
		body: 'Vierdejaarsstudenten Social Work organiseerden een symposium in 2022 in opdracht van het leeratelier Integraal werken met jeugd. Daarin participeerden ook veel professionals uit het jeugddomein. Deze samenwerking tussen onderwijs, onderzoek en praktijk is iets waar we trots op zijn.',
		url: 'https://www.wsdzuyd.nl/etalage-werk/met-passie-samen-voor-de-jeugd/',
		inReport: true
	},
	{
		atelier: 'integraal-werken-met-jeugd',
		quarter: '2022Q4',
		title: 'Themamiddag 18 oktober 2022',
		body: 'Op 18 oktober 2022 was er een themamiddag met zorgprofessionals van het Leeratelier Integraal werken met jeugd, over keerpunten in het leven van jongeren.',
		inReport: true
	},

	// Impact
	{
		atelier: 'impact',
		quarter: '2021Q2',
		title: 'Trots op: Verbinding beleid en uitvoeringspraktijk',
		body: 'Sociaal werkers wordt steeds vaker gevraagd om hun maatschappelijke impact inzichtelijk te maken. Dit raakt het hart van hun werk: het gaat over professionaliteit, effectiviteit en de onderbouwing van het sociaal werk. Maar het vraagt ook om passende methoden om impact in kaart te brengen, én om samenwerking tussen beleid en uitvoeringspraktijk. De werkplaats is er trots op dat deze verbinding tot stand is gekomen in het leeratelier impact, waarin een dialoog tussen beleid en uitvoering tot stand is gebracht. Met als mooi wapenfeit een reeks online bijeenkomsten over co-creatie, beleid en impact van het sociaal werk, waarin de werkplaatsen van Zuyd, Utrecht, Arnhem en Nijmegen gezamenlijk optrokken.',
		inReport: true
	},
	{
		atelier: 'impact',
		quarter: '2022Q2',
		title: 'Wat is succesvol?',
		body: 'Twee deelgroepen, een voor uitvoerende professionals en een voor beleidsmakers van gemeenten, praten als in een soort intervisiegroep over de vraagstukken waar zij tegenaan lopen. Beide groepen werken samen en er is ruimte voor eigen leervragen.',
		quote: {
			text: 'Wat is succesvol, wie bepaalt wat succesvol is? Die discussie in het leeratelier helpt mij als deelnemer.',
			speaker: 'Joyce Crombach',
			role: 'kwaliteitsmanager bij het Credohuis'
		},
		url: 'https://www.wsdzuyd.nl/etalage-werk/ervaringen-met-de-effectencalculator/',
		inReport: true
	},
	{
		atelier: 'impact',
		quarter: '2022Q3',
		title: 'Niet alleen aantonen, ook samen leren',
		body: 'In het leeratelier deelden we onder andere ervaringen en expertise met diverse vormen van impactevaluatie.',
		quote: {
			text: 'Uiteindelijk moet legitimering bijdragen aan het doel van praktijk en beleid: van betekenis zijn voor mensen in een kwetsbare situatie.',
			speaker: 'Michelle Heijen-van der Tier',
			role: 'docent-onderzoeker bij Zuyd Hogeschool'
		},
		url: 'https://www.wsdzuyd.nl/etalage-werk/impactevaluatie/',
		inReport: false
	},

	// 2023 (invented)
	{
		atelier: 'kansrijk-met-jeugd',
		quarter: '2023Q1',
		title: 'Van Integraal werken met jeugd naar Kansrijk met jeugd',
		body: 'Het leeratelier gaat verder onder een nieuwe naam en houdt zijn netwerk van jeugdprofessionals vast.',
		inReport: false
	},
	{
		atelier: 'veerkracht-en-onmacht',
		quarter: '2023Q2',
		title: 'Wijkverhalen nu ook in Elsloo',
		body: 'De tweedejaars spraken dit jaar voor het eerst ook bewoners in Elsloo.',
		inReport: false
	}
];
