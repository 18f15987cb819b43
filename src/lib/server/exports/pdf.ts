import type { Kysely } from 'kysely';
import { createRequire } from 'node:module';
import { dirname, resolve, sep } from 'node:path';
import type { Content, TDocumentDefinitions, TableCell } from 'pdfmake/interfaces';
import { formatNumber } from '../../format';
import {
	ACTIVITY_KIND_LABELS,
	ACTIVITY_KINDS,
	PARTICIPANT_GROUP_LABELS,
	PARTICIPANT_GROUPS,
	PUBLICATION_KIND_LABELS,
	PUBLICATION_KINDS
} from '../../labels';
import { quarterLabel } from '../../quarters';
import { QUARTER_STATE_LABELS } from '../../status-labels';
import type { Database } from '../db/types';
import type { IndicatorCode, IndicatorValues } from '../metrics/catalogue';
import type { UnitMetrics } from '../metrics/engine';
import type { TargetValues } from '../metrics/targets';
import { barsSvg, seriesColour, stackedColumnsSvg, type ChartSvg } from './charts';
import { isAtelierActive } from '../metrics/scope';
import { reportHighlights } from '../metrics/sources';
import {
	periodLabel,
	periodSlug,
	ruleText,
	SCOPE_TEXT,
	type ReportAudience,
	type ReportData
} from './report-data';

const require = createRequire(import.meta.url);
const pdfmake = require('pdfmake') as typeof import('pdfmake');
const FONT_DIR = dirname(require.resolve('pdfmake/fonts/Roboto/Roboto-Regular.ttf'));
pdfmake.addFonts({
	Roboto: {
		normal: `${FONT_DIR}/Roboto-Regular.ttf`,
		bold: `${FONT_DIR}/Roboto-Medium.ttf`,
		italics: `${FONT_DIR}/Roboto-Italic.ttf`,
		bolditalics: `${FONT_DIR}/Roboto-MediumItalic.ttf`
	}
});
// Nothing in a report is fetched: no URLs at all, and on disk only the bundled Roboto.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => resolve(path).startsWith(FONT_DIR + sep));

const CONTENT_WIDTH = 595.28 - 2 * 56;
const MUTED = '#5a6470';

const dateTime = new Intl.DateTimeFormat('nl-NL', {
	dateStyle: 'long',
	timeZone: 'Europe/Amsterdam'
});
const percent = new Intl.NumberFormat('nl-NL', {
	style: 'percent',
	maximumFractionDigits: 1,
	signDisplay: 'exceptZero'
});
const signed = new Intl.NumberFormat('nl-NL', { signDisplay: 'exceptZero' });

type Highlight = Awaited<ReturnType<typeof reportHighlights>>[number];

const AUDIENCE_TITLE: Record<ReportAudience, string> = {
	vws: 'Verantwoording aan het ministerie van VWS',
	programmaraad: 'Rapportage voor de programmaraad'
};

/** The PDF report for the funder (VWS) or the programme council, as a Buffer. */
export async function renderReport(
	db: Kysely<Database>,
	data: ReportData,
	audience: ReportAudience
): Promise<Buffer> {
	const highlights = await reportHighlights(db, data.query);
	const doc = reportDocument(data, audience, highlights);
	return pdfmake.createPdf(doc).getBuffer();
}

export function reportDocument(
	data: ReportData,
	audience: ReportAudience,
	highlights: Highlight[]
): TDocumentDefinitions {
	const { metrics, werkplaats } = data;
	const slug = periodSlug(metrics.from, metrics.to);
	const title = `Jaarbeeld ${slug}`;
	const name = (code: IndicatorCode) =>
		data.indicatorTexts.find((t) => t.code === code)?.name ??
		metrics.indicators.find((i) => i.code === code)!.name;
	const council = audience === 'programmaraad';

	const content: Content[] = [
		...cover(data, audience, title),
		{ toc: { title: { text: 'Inhoud', style: 'h1' } } },
		h1('De periode in cijfers'),
		{
			text: `${periodLabel(metrics.from, metrics.to)}, ${SCOPE_TEXT[data.scope]}. Getallen met „uniek” tellen ieder één keer over de hele periode en alle leerateliers samen.`,
			style: 'lead'
		},
		figuresTable(metrics.indicators, name, metrics.total, metrics.targets.total),
		openQuartersNote(data),
		...metrics.units.flatMap((u) => unitSection(data, u, name, highlights)),
		...chartsSection(data),
		...(council
			? [...trendSection(data, name), ...completeness(data), ...comparison(data, name)]
			: []),
		...appendix(data, name)
	];

	return {
		pageSize: 'A4',
		pageOrientation: 'portrait',
		pageMargins: [56, 64, 56, 56],
		info: {
			title: `${title} ${werkplaats.shortName}`,
			author: werkplaats.name,
			subject: AUDIENCE_TITLE[audience],
			creator: 'Jaarbeeld'
		},
		header: (page) =>
			page === 1
				? ''
				: {
						columns: [
							{ text: werkplaats.name },
							{ text: `${title} · ${council ? 'programmaraad' : 'VWS'}`, alignment: 'right' }
						],
						margin: [56, 28, 56, 0],
						fontSize: 8,
						color: MUTED
					},
		footer: (page, pages) =>
			page === 1
				? ''
				: {
						text: `Pagina ${page} van ${pages}`,
						alignment: 'center',
						fontSize: 8,
						color: MUTED,
						margin: [0, 20, 0, 0]
					},
		content,
		defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2 },
		styles: {
			h1: { fontSize: 18, bold: true, margin: [0, 0, 0, 8], color: '#12324a' },
			h2: { fontSize: 13, bold: true, margin: [0, 12, 0, 6], color: '#12324a' },
			lead: { color: MUTED, margin: [0, 0, 0, 10] },
			th: { bold: true, fillColor: '#dce6f0' },
			small: { fontSize: 8, color: MUTED },
			quote: { italics: true, margin: [12, 4, 0, 2] }
		}
	};
}

function h1(text: string, pageBreak = true): Content {
	return {
		text,
		style: 'h1',
		tocItem: true,
		...(pageBreak ? { pageBreak: 'before' as const } : {})
	};
}

function cover(data: ReportData, audience: ReportAudience, title: string): Content[] {
	const { metrics, werkplaats } = data;
	return [
		{ text: werkplaats.name, fontSize: 14, color: MUTED, margin: [0, 180, 0, 8] },
		{ text: title, fontSize: 32, bold: true, color: '#12324a' },
		{ text: AUDIENCE_TITLE[audience], fontSize: 16, margin: [0, 8, 0, 24] },
		{ text: `Periode: ${periodLabel(metrics.from, metrics.to)}` },
		{
			text:
				metrics.atelierIds === null
					? 'Alle leerateliers'
					: `Leerateliers: ${data.ateliers.map((a) => a.name).join(', ')}`
		},
		{ text: `Gegevens: ${SCOPE_TEXT[data.scope]}` },
		{
			text: `Gemaakt op ${dateTime.format(data.generatedAt)}`,
			margin: [0, 24, 0, 0],
			color: MUTED
		},
		{ text: '', pageBreak: 'after' }
	];
}

const num = (v: number | undefined) => (v === undefined ? '–' : formatNumber(v));

function table(
	headers: string[],
	rows: TableCell[][],
	widths: (string | number)[],
	fontSize = 9
): Content {
	return {
		table: {
			headerRows: 1,
			widths,
			body: [
				headers.map((h, i) => ({ text: h, style: 'th', alignment: i === 0 ? 'left' : 'right' })),
				...rows
			]
		},
		layout: 'lightHorizontalLines',
		fontSize,
		margin: [0, 0, 0, 10]
	};
}

function figuresTable(
	indicators: ReportData['metrics']['indicators'],
	name: (c: IndicatorCode) => string,
	values: IndicatorValues,
	targets: TargetValues
): Content {
	return table(
		['Indicator', 'Waarde', 'Streefwaarde'],
		indicators.map((i) => [
			{
				text: `${name(i.code)}${i.unique ? ' (uniek)' : i.aggregation === 'last' ? ' (stand)' : ''}`
			},
			{ text: formatNumber(values[i.code]), alignment: 'right', bold: true },
			{ text: num(targets[i.code]), alignment: 'right' }
		]),
		['*', 80, 80]
	);
}

function openQuartersNote(data: ReportData): Content {
	const open = data.metrics.openQuarters;
	if (open.length === 0)
		return { text: 'Alle kwartalen van de selectie zijn goedgekeurd.', style: 'small' };
	return {
		stack: [
			{ text: 'Nog niet goedgekeurd (niet meegeteld):', style: 'small', bold: true },
			{
				ul: open.map(
					(q) =>
						`${quarterLabel(q.quarter)}: ${q.ateliers.map((a) => `${a.name} (${QUARTER_STATE_LABELS[a.status]})`).join(', ')}`
				),
				style: 'small'
			}
		]
	};
}

function unitSection(
	data: ReportData,
	unit: UnitMetrics,
	name: (c: IndicatorCode) => string,
	highlights: Highlight[]
): Content[] {
	const ids = new Set(unit.ateliers.map((a) => a.id));
	const own = highlights.filter((h) => ids.has(h.atelier_id));
	const section: Content[] = [
		h1(`Leeratelier ${unit.name}`),
		...(unit.ateliers.length > 1
			? [{ text: `Lijn van: ${unit.ateliers.map((a) => a.name).join(' → ')}`, style: 'lead' }]
			: []),
		figuresTable(
			data.metrics.indicators,
			name,
			unit.values,
			data.metrics.targets.perUnit[unit.id] ?? {}
		)
	];
	if (own.length) {
		section.push({ text: 'Trots op', style: 'h2' });
		for (const h of own)
			section.push({
				stack: [
					{ text: h.title, bold: true },
					{ text: `${quarterLabel(h.quarter)}`, style: 'small' },
					...(h.body
						? [{ text: h.body, margin: [0, 2, 0, 0] as [number, number, number, number] }]
						: []),
					...(h.quote
						? [
								{ text: `“${h.quote}”`, style: 'quote' },
								{
									text: `— ${[h.quote_speaker, h.quote_role].filter(Boolean).join(', ')}`,
									style: 'small',
									margin: [12, 0, 0, 0] as [number, number, number, number]
								}
							]
						: [])
				],
				margin: [0, 0, 0, 10],
				unbreakable: true
			});
	}
	return section;
}

function chart(c: ChartSvg, title: string, legend?: string[]): Content {
	const width = Math.min(
		CONTENT_WIDTH,
		c.width * 0.75 > CONTENT_WIDTH ? CONTENT_WIDTH : c.width * 0.9
	);
	return {
		stack: [
			{ text: title, style: 'h2' },
			{ text: c.summary, style: 'small', margin: [0, 0, 0, 4] },
			{ svg: c.svg, width },
			...(legend && legend.length
				? [
						{
							columns: [
								{
									width: '*',
									text: legend.flatMap((l, i) => [
										{ text: '■ ', color: seriesColour(i), fontSize: 12 },
										{ text: `${l}   `, fontSize: 8 }
									])
								}
							],
							margin: [0, 4, 0, 0] as [number, number, number, number]
						}
					]
				: [])
		],
		unbreakable: true,
		margin: [0, 0, 0, 12]
	};
}

function chartsSection(data: ReportData): Content[] {
	const { metrics } = data;
	const labels = metrics.quarters.map(quarterLabel);
	const trend = (code: 'bijeenkomsten' | 'deelnemers') =>
		metrics.units.map((u) => ({ label: u.name, values: u.perQuarter.map((v) => v[code]) }));
	const series = metrics.units.map((u) => u.name);
	return [
		h1('Verloop en verdeling'),
		chart(
			stackedColumnsSvg({
				title: 'Bijeenkomsten per kwartaal',
				labels,
				series: trend('bijeenkomsten'),
				positionHeader: 'Kwartaal'
			}),
			'Bijeenkomsten per kwartaal',
			series
		),
		chart(
			stackedColumnsSvg({
				title: 'Deelnemers per kwartaal',
				labels,
				series: trend('deelnemers'),
				positionHeader: 'Kwartaal'
			}),
			'Deelnemers per kwartaal',
			series
		),
		chart(
			barsSvg({
				title: 'Bijeenkomsten per soort',
				items: ACTIVITY_KINDS.map((k) => ({
					label: ACTIVITY_KIND_LABELS[k],
					value: metrics.breakdowns.activitiesByKind[k]
				})),
				labelHeader: 'Soort',
				valueHeader: 'Bijeenkomsten'
			}),
			'Bijeenkomsten per soort'
		),
		chart(
			barsSvg({
				title: 'Deelnemers per groep',
				items: PARTICIPANT_GROUPS.map((g) => ({
					label: PARTICIPANT_GROUP_LABELS[g],
					value: metrics.breakdowns.participantsByGroup[g]
				})),
				labelHeader: 'Groep',
				valueHeader: 'Deelnemers'
			}),
			'Deelnemers per groep'
		),
		chart(
			barsSvg({
				title: 'Publicaties en producten per soort',
				items: PUBLICATION_KINDS.map((k) => ({
					label: PUBLICATION_KIND_LABELS[k],
					value: metrics.breakdowns.publicationsByKind[k]
				})),
				labelHeader: 'Soort',
				valueHeader: 'Publicaties'
			}),
			'Publicaties en producten per soort'
		)
	];
}

function trendSection(data: ReportData, name: (c: IndicatorCode) => string): Content[] {
	const { metrics } = data;
	const chunks: number[][] = [];
	metrics.quarters.forEach((_, i) => {
		if (i % 4 === 0) chunks.push([]);
		chunks[chunks.length - 1].push(i);
	});
	return [
		h1('Verloop per kwartaal'),
		{
			text: 'Per kwartaal, alle geselecteerde leerateliers samen. Bij unieke indicatoren is het periodetotaal niet de som van de kwartalen; bij netwerkleden telt de stand.',
			style: 'lead'
		},
		...chunks.map((chunk) =>
			table(
				['Indicator', ...chunk.map((i) => quarterLabel(metrics.quarters[i]))],
				metrics.indicators.map((rule) => [
					{ text: name(rule.code) },
					...chunk.map((i) => ({
						text: formatNumber(metrics.perQuarter[i][rule.code]),
						alignment: 'right' as const
					}))
				]),
				['*', ...chunk.map(() => 60)]
			)
		)
	];
}

const STATUS_MARK = {
	goedgekeurd: 'G',
	ingediend: 'I',
	concept: 'C',
	teruggestuurd: 'T',
	ontbreekt: '–'
} as const;

/** Quarters per completeness table: two years, so the columns fit the page's width. */
export const COMPLETENESS_QUARTERS = 8;

/** Consecutive pieces of at most `size` items. */
function chunked<T>(items: readonly T[], size: number): T[][] {
	const chunks: T[][] = [];
	for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
	return chunks;
}

function completeness(data: ReportData): Content[] {
	const { metrics } = data;
	const open = new Map<string, keyof typeof STATUS_MARK>();
	for (const q of metrics.openQuarters)
		for (const a of q.ateliers) open.set(`${q.quarter}:${a.id}`, a.status);
	const cell = (a: ReportData['ateliers'][number], q: string): TableCell => {
		const status = isAtelierActive(a, q) ? (open.get(`${q}:${a.id}`) ?? 'goedgekeurd') : null;
		return {
			text: status ? STATUS_MARK[status] : '',
			alignment: 'center' as const,
			fillColor: status === 'goedgekeurd' ? '#e3f1e6' : status ? '#fbe9d9' : undefined
		};
	};
	// One table per two years (any period fits the page's width); within a table only the
	// ateliers active in its quarters, and a table longer than a page repeats its header row.
	const tables = chunked(metrics.quarters, COMPLETENESS_QUARTERS).flatMap((quarters): Content[] => {
		const ateliers = data.ateliers.filter((a) =>
			isAtelierActive(a, quarters[0], quarters[quarters.length - 1])
		);
		if (ateliers.length === 0) return [];
		return [
			{
				table: {
					headerRows: 1,
					dontBreakRows: true,
					// the name column, then the quarters; each cell has 8pt padding and a 1pt line
					widths: [
						110,
						...quarters.map(
							() => (CONTENT_WIDTH - 110 - (COMPLETENESS_QUARTERS + 1) * 9) / COMPLETENESS_QUARTERS
						)
					],
					body: [
						[
							{ text: 'Leeratelier', style: 'th' },
							...quarters.map((q) => ({
								text: quarterLabel(q),
								style: 'th',
								alignment: 'center' as const
							}))
						],
						...ateliers.map((a) => [{ text: a.name }, ...quarters.map((q) => cell(a, q))])
					]
				},
				fontSize: 7,
				margin: [0, 0, 0, 10]
			}
		];
	});
	return [
		h1('Volledigheid'),
		{
			text: 'Status van de kwartaalrapportages per leeratelier. G goedgekeurd, I ingediend, C concept, T teruggestuurd, – ontbreekt; leeg: niet actief. Alleen goedgekeurde kwartalen tellen mee in de rapportage voor de programmaraad en VWS.',
			style: 'lead'
		},
		...tables
	];
}

function comparison(data: ReportData, name: (c: IndicatorCode) => string): Content[] {
	const { metrics, previous } = data;
	const prevLabel = periodLabel(previous.from, previous.to);
	if (!previous.available)
		return [
			h1('Vergelijking met de vorige periode'),
			{
				text: `Geen vergelijking: in ${prevLabel} was geen van de geselecteerde leerateliers actief.`,
				style: 'lead'
			}
		];
	const rows = metrics.indicators.map((i) => {
		const c = previous.changes[i.code]!;
		return [
			{ text: name(i.code) },
			{ text: formatNumber(metrics.total[i.code]), alignment: 'right' as const },
			{ text: formatNumber(c.previous), alignment: 'right' as const },
			{ text: signed.format(c.change), alignment: 'right' as const },
			{
				text: c.ratio === null ? '–' : percent.format(c.ratio),
				alignment: 'right' as const
			}
		];
	});
	return [
		h1('Vergelijking met de vorige periode'),
		{
			text: `${periodLabel(metrics.from, metrics.to)} tegenover ${prevLabel}, dezelfde leerateliers${metrics.groupByLineage ? ' en lijnen' : ''} en dezelfde gegevens (${SCOPE_TEXT[data.scope]}).`,
			style: 'lead'
		},
		table(['Indicator', 'Deze periode', 'Vorige periode', 'Verschil', 'Verschil (%)'], rows, [
			'*',
			62,
			62,
			52,
			58
		])
	];
}

function appendix(data: ReportData, name: (c: IndicatorCode) => string): Content[] {
	const { metrics } = data;
	return [
		h1('Bijlage: indicatoren en gegevensstatus'),
		{ text: 'Rekenregels', style: 'h2' },
		table(
			['Indicator', 'Definitie en rekenregel'],
			metrics.indicators.map((i) => [
				{ text: name(i.code), bold: true },
				{
					text: `${data.indicatorTexts.find((t) => t.code === i.code)?.definition ?? ''} ${ruleText(i.aggregation)}`.trim()
				}
			]),
			[130, '*']
		),
		{ text: 'Gegevensstatus', style: 'h2' },
		{
			text: `Deze rapportage telt ${SCOPE_TEXT[data.scope]} van ${periodLabel(metrics.from, metrics.to)}. Gemaakt op ${dateTime.format(data.generatedAt)} door ${data.generatedBy}. Studenten staan nooit met naam in een rapportage.`
		},
		{ text: ' ' },
		openQuartersNote(data)
	];
}
