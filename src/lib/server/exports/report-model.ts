import type { Kysely } from 'kysely';
import { formatDate, formatNumber } from '../../format';
import {
	ACTIVITY_KINDS,
	PARTICIPANT_GROUPS,
	PUBLICATION_KIND_LABELS,
	PUBLICATION_KINDS,
	type ActivityKindCode,
	type ParticipantGroup,
	type PublicationKindCode
} from '../../labels';
import { quarterLabel } from '../../quarters';
import { QUARTER_STATE_LABELS } from '../../status-labels';
import type {
	PlanRow,
	ReportAtelierSection,
	ReportChart,
	ReportCouncil,
	ReportFigure,
	ReportHighlightView,
	ReportModel,
	ReportPublicationView
} from '../../components/report/model';
import type { Database } from '../db/types';
import type { IndicatorCode, IndicatorValues } from '../metrics/catalogue';
import {
	reportAtelierDetails,
	reportHighlights,
	reportPlaces,
	reportPublications
} from '../metrics/sources';
import type { TargetValues } from '../metrics/targets';
import { isAtelierActive } from '../metrics/scope';
import {
	EMPTY_NARRATIVE,
	getDifferenceThreshold,
	getNarrative,
	type Narrative
} from '../fixed-reports/narrative';
import { barsSvg, stackedColumnsSvg, type ChartSvg } from './charts';
import {
	periodLabel,
	ruleText,
	SCOPE_TEXT,
	type ReportAudience,
	type ReportData
} from './report-data';

// The report of issue 16 as data: what ReportDocument.svelte draws, for the preview page and,
// through Chromium, the PDF. Every number is the engine's (ReportData.metrics, .previous); the
// record lists (highlights, publications, places, kartrekkers) come from metrics/sources.ts.

export const AUDIENCE_TITLE: Record<ReportAudience, string> = {
	vws: 'Verantwoording aan het ministerie van VWS',
	programmaraad: 'Rapportage voor de programmaraad'
};

/** What the model needs beyond ReportData: the record lists and the narrative. */
export interface ReportExtras {
	highlights: Awaited<ReturnType<typeof reportHighlights>>;
	publications: Awaited<ReturnType<typeof reportPublications>>;
	places: Awaited<ReturnType<typeof reportPlaces>>;
	details: Awaited<ReturnType<typeof reportAtelierDetails>>;
	narrative: Narrative;
	threshold: number;
}

export async function loadReportExtras(
	db: Kysely<Database>,
	data: ReportData,
	audience: ReportAudience,
	narrative?: Narrative
): Promise<ReportExtras> {
	const { metrics } = data;
	const [highlights, publications, places, details, saved, threshold] = await Promise.all([
		reportHighlights(db, data.query),
		reportPublications(db, data.query),
		reportPlaces(db, data.query),
		reportAtelierDetails(
			db,
			metrics.units.flatMap((u) => u.ateliers.map((a) => a.id))
		),
		narrative
			? Promise.resolve(narrative)
			: getNarrative(db, { from: metrics.from, to: metrics.to, audience }),
		getDifferenceThreshold(db)
	]);
	return {
		highlights,
		publications,
		places,
		details,
		narrative: saved ?? EMPTY_NARRATIVE,
		threshold: threshold.percent
	};
}

const dateTime = new Intl.DateTimeFormat('nl-NL', {
	day: 'numeric',
	month: 'long',
	year: 'numeric',
	timeZone: 'Europe/Amsterdam'
});

/** "a, b en c" */
export function listInWords(items: string[]): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} en ${items.at(-1)}`;
}

const count = (n: number, one: string, many: string) =>
	`${formatNumber(n)} ${n === 1 ? one : many}`;

const ACTIVITY_WORDS: Record<ActivityKindCode, [string, string]> = {
	expertmeeting: ['expertmeeting', 'expertmeetings'],
	kennisbijeenkomst: ['kennisbijeenkomst', 'kennisbijeenkomsten'],
	themamiddag: ['themamiddag', 'themamiddagen'],
	symposium: ['symposium', 'symposia'],
	workshop: ['workshop', 'workshops'],
	leeratelierbijeenkomst: ['leeratelierbijeenkomst', 'leeratelierbijeenkomsten'],
	intervisie: ['intervisiebijeenkomst', 'intervisiebijeenkomsten'],
	overig: ['andere bijeenkomst', 'andere bijeenkomsten']
};
const GROUP_WORDS: Record<ParticipantGroup, [string, string]> = {
	professionals: ['professional', 'professionals'],
	bewoners: ['bewoner', 'bewoners'],
	studenten: ['student', 'studenten'],
	beleidsmedewerkers: ['beleidsmedewerker', 'beleidsmedewerkers'],
	onderzoekers_docenten: ['onderzoeker of docent', 'onderzoekers en docenten'],
	ervaringsdeskundigen: ['ervaringsdeskundige', 'ervaringsdeskundigen'],
	overig: ['niet ingedeeld', 'niet ingedeeld']
};
const PUBLICATION_WORDS: Record<PublicationKindCode, [string, string]> = {
	rapport: ['rapport', 'rapporten'],
	artikel: ['artikel', 'artikelen'],
	verslag: ['verslag', 'verslagen'],
	boekje: ['boekje', 'boekjes'],
	video: ['video', "video's"],
	website: ['website', 'websites'],
	presentatie: ['presentatie', 'presentaties']
};

/** "4 stadsdelen van Sittard-Geleen en 2 wijken in Stein" */
export function placesInWords(places: ReportExtras['places']): string {
	const byMunicipality = new Map<string, { kind: string; places: number }[]>();
	for (const p of places)
		byMunicipality.set(p.municipality, [...(byMunicipality.get(p.municipality) ?? []), p]);
	const parts = [...byMunicipality].map(([municipality, kinds]) => {
		const words = kinds.map((k) =>
			k.kind === 'stadsdeel'
				? count(k.places, 'stadsdeel', 'stadsdelen')
				: count(k.places, 'wijk', 'wijken')
		);
		const preposition = kinds.length === 1 && kinds[0].kind === 'stadsdeel' ? 'van' : 'in';
		return `${listInWords(words)} ${preposition} ${municipality}`;
	});
	return parts.length ? listInWords(parts) : 'geen wijken of stadsdelen';
}

function breakdownInWords<K extends string>(
	kinds: readonly K[],
	values: Record<K, number>,
	words: Record<K, [string, string]>
): string {
	const parts = kinds
		.filter((k) => values[k] > 0)
		.sort((a, b) => values[b] - values[a])
		.map((k) => count(values[k], words[k][0], words[k][1]));
	return parts.length ? listInWords(parts) : 'geen';
}

const safeUrl = (url: string | null | undefined): string | null =>
	url && /^https?:\/\/[^\s"<>]+$/i.test(url.trim()) ? url.trim() : null;

function chart(svg: ChartSvg, title: string): ReportChart {
	return {
		title,
		src: `data:image/svg+xml;base64,${Buffer.from(svg.svg).toString('base64')}`,
		alt: `${title}. ${svg.summary}`.trim(),
		width: svg.width,
		height: svg.height
	};
}

export function buildReportModel(
	data: ReportData,
	audience: ReportAudience,
	extras: ReportExtras
): ReportModel {
	const { metrics, werkplaats } = data;
	const { narrative } = extras;
	const name = (code: IndicatorCode) =>
		data.indicatorTexts.find((t) => t.code === code)?.name ??
		metrics.indicators.find((i) => i.code === code)!.name;
	const figures = (values: IndicatorValues, targets: TargetValues): ReportFigure[] =>
		metrics.indicators.map((i) => ({
			code: i.code,
			name: name(i.code),
			qualifier: i.unique ? 'uniek' : i.aggregation === 'last' ? 'stand' : null,
			value: values[i.code],
			target: targets[i.code] ?? null
		}));
	const period = periodLabel(metrics.from, metrics.to);

	// the comparison with the plan: werkplaats-wide targets exist for the whole werkplaats only
	const planRows: PlanRow[] = metrics.indicators.flatMap((i) => {
		const target = metrics.targets.total[i.code];
		if (target === undefined) return [];
		const value = metrics.total[i.code];
		const difference = Math.round((value - target) * 100) / 100;
		const ratio = target === 0 ? null : difference / target;
		const beyond =
			ratio === null ? difference !== 0 : Math.abs(ratio) * 100 > extras.threshold + 1e-9;
		return [
			{
				code: i.code,
				name: name(i.code),
				value,
				target,
				difference,
				ratio,
				beyond,
				explanation: narrative.explanations[i.code] ?? ''
			}
		];
	});

	const highlightView = (h: ReportExtras['highlights'][number]): ReportHighlightView => ({
		title: h.title,
		body: h.body,
		quote: h.quote ?? '',
		speaker: h.quote_speaker ?? '',
		role: h.quote_role ?? '',
		url: safeUrl(h.url),
		quarter: quarterLabel(h.quarter)
	});
	const publicationView = (p: ReportExtras['publications'][number]): ReportPublicationView => ({
		title: p.title,
		kind: PUBLICATION_KIND_LABELS[p.kind as PublicationKindCode] ?? p.kind,
		date: formatDate(p.date),
		authors: p.authors,
		url: safeUrl(p.url)
	});
	const detailsOf = new Map(extras.details.map((d) => [d.id, d]));
	const ateliers: ReportAtelierSection[] = metrics.units.map((u) => {
		const ids = new Set(u.ateliers.map((a) => a.id));
		const details = u.ateliers.map((a) => detailsOf.get(a.id)).filter((d) => d !== undefined);
		return {
			id: u.id,
			name: u.name,
			lineage: u.ateliers.length > 1 ? u.ateliers.map((a) => a.name).join(' → ') : null,
			theme: details.at(-1)?.theme ?? '',
			kartrekkers: [...new Set(details.flatMap((d) => d.kartrekkers))],
			figures: figures(u.values, metrics.targets.perUnit[u.id] ?? {}),
			highlights: extras.highlights.filter((h) => ids.has(h.atelier_id)).map(highlightView),
			publications: extras.publications.filter((p) => ids.has(p.atelier_id)).map(publicationView)
		};
	});

	const labels = metrics.quarters.map(quarterLabel);
	// the whole selection per quarter: one series, readable in print for any number of ateliers
	const trend = (code: 'bijeenkomsten' | 'deelnemers') => [
		{ label: 'Alle geselecteerde leerateliers', values: metrics.perQuarter.map((v) => v[code]) }
	];
	const charts: ReportChart[] = [
		chart(
			stackedColumnsSvg({
				title: 'Bijeenkomsten per kwartaal',
				labels,
				series: trend('bijeenkomsten'),
				positionHeader: 'Kwartaal'
			}),
			'Bijeenkomsten per kwartaal'
		),
		chart(
			stackedColumnsSvg({
				title: 'Deelnemers per kwartaal',
				labels,
				series: trend('deelnemers'),
				positionHeader: 'Kwartaal'
			}),
			'Deelnemers per kwartaal'
		),
		chart(
			barsSvg({
				title: 'Bijeenkomsten per soort',
				items: ACTIVITY_KINDS.map((k) => ({
					label: ACTIVITY_WORDS[k][1],
					value: metrics.breakdowns.activitiesByKind[k]
				})),
				labelHeader: 'Soort',
				valueHeader: 'Bijeenkomsten'
			}),
			'Bijeenkomsten per soort'
		)
	];

	const b = metrics.breakdowns;
	const inWords = [
		{
			label: 'Wijken en stadsdelen',
			text: `${count(metrics.total.wijken_stadsdelen, 'plek', 'plekken')}: ${placesInWords(extras.places)}.`
		},
		{
			label: 'Bijeenkomsten',
			text: `${count(metrics.total.bijeenkomsten, 'bijeenkomst', 'bijeenkomsten')}: ${breakdownInWords(ACTIVITY_KINDS, b.activitiesByKind, ACTIVITY_WORDS)}.`
		},
		{
			label: 'Deelnemers',
			text: `${count(metrics.total.deelnemers, 'deelnemer', 'deelnemers')}: ${breakdownInWords(PARTICIPANT_GROUPS, b.participantsByGroup, GROUP_WORDS)}.`
		},
		{
			label: 'Publicaties en producten',
			text: `${count(metrics.total.publicaties, 'publicatie of product', 'publicaties en producten')}: ${breakdownInWords(PUBLICATION_KINDS, b.publicationsByKind, PUBLICATION_WORDS)}.`
		}
	];

	const openQuarters = metrics.openQuarters.map((q) => ({
		quarter: quarterLabel(q.quarter),
		ateliers: q.ateliers.map((a) => `${a.name} (${QUARTER_STATE_LABELS[a.status]})`).join(', ')
	}));

	const w = werkplaats;
	const made = dateTime.format(data.generatedAt);
	return {
		title: `${w.name} in ${period}`,
		werkplaats: w.name,
		shortName: w.shortName,
		audience,
		audienceTitle: AUDIENCE_TITLE[audience],
		period,
		scope: SCOPE_TEXT[data.scope],
		selection:
			metrics.atelierIds === null
				? 'Alle leerateliers'
				: `Leerateliers: ${data.ateliers.map((a) => a.name).join(', ')}`,
		date: made,
		logo: data.logo
			? {
					src: `data:${data.logo.mime};base64,${data.logo.bytes.toString('base64')}`,
					alt: `Logo van ${w.name}`
				}
			: null,
		foreword: narrative.foreword,
		outlook: narrative.outlook,
		figures: figures(metrics.total, metrics.targets.total),
		inWords,
		charts,
		plan: { threshold: extras.threshold, available: planRows.length > 0, rows: planRows },
		ateliers,
		highlights: narrative.highlights.map((h) => ({
			title: h.title,
			body: h.body,
			quote: h.quote,
			speaker: h.speaker,
			role: h.role,
			url: safeUrl(h.url),
			quarter: null
		})),
		openQuarters,
		rules: metrics.indicators.map((i) => ({
			name: name(i.code),
			text: `${data.indicatorTexts.find((t) => t.code === i.code)?.definition ?? ''} ${ruleText(i.aggregation)}`.trim()
		})),
		status: `Dit rapport telt ${SCOPE_TEXT[data.scope]} van ${period}. Gemaakt op ${made} door ${data.generatedBy}. Studenten staan nooit met naam in een rapport.`,
		council: audience === 'programmaraad' ? council(data, name) : null,
		colophon: {
			name: w.name,
			lines: [
				...w.contactAddress.split(/\r?\n/),
				w.contactPhone && `Telefoon: ${w.contactPhone}`,
				w.contactEmail && `E-mail: ${w.contactEmail}`,
				w.contactWebsite && `Website: ${w.contactWebsite}`
			]
				.map((l) => l.trim())
				.filter(Boolean),
			fundingLine: w.fundingLine,
			made: 'Samengesteld met Jaarbeeld uit de kwartaalrapportages van de leerateliers.'
		},
		missing: {
			unexplained: planRows.filter((r) => r.beyond && !r.explanation.trim()).map((r) => r.name),
			openQuarters: metrics.openQuarters.length
		}
	};
}

function council(data: ReportData, name: (code: IndicatorCode) => string): ReportCouncil {
	const { metrics, previous } = data;
	const open = new Map<string, string>();
	for (const q of metrics.openQuarters)
		for (const a of q.ateliers) open.set(`${q.quarter}:${a.id}`, a.status);
	return {
		quarters: metrics.quarters.map(quarterLabel),
		trend: metrics.indicators.map((i) => ({
			name: name(i.code),
			values: metrics.perQuarter.map((v) => v[i.code])
		})),
		completeness: data.ateliers.map((a) => ({
			atelier: a.name,
			cells: metrics.quarters.map((q) =>
				isAtelierActive(a, q) ? (open.get(`${q}:${a.id}`) ?? 'goedgekeurd') : null
			)
		})),
		previous: {
			label: periodLabel(previous.from, previous.to),
			available: previous.available,
			rows: previous.available
				? metrics.indicators.map((i) => {
						const c = previous.changes[i.code]!;
						return {
							name: name(i.code),
							now: metrics.total[i.code],
							previous: c.previous,
							change: c.change,
							ratio: c.ratio
						};
					})
				: []
		}
	};
}
