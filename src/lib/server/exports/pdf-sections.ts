import type { Content } from 'pdfmake/interfaces';
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
import type { IndicatorValues } from '../metrics/catalogue';
import type { UnitMetrics } from '../metrics/engine';
import type { reportHighlights } from '../metrics/sources';
import type { TargetValues } from '../metrics/targets';
import { trendSeries } from '../metrics/chart-series';
import { barsSvg, stackedColumnsSvg } from './charts';
import { chart, dateTime, h1, MUTED, num, table, type IndicatorName } from './pdf-blocks';
import {
	periodLabel,
	ruleText,
	SCOPE_TEXT,
	type ReportAudience,
	type ReportData
} from './report-data';
import { coverLogo } from './pdf-colophon';

// The sections both editions of the PDF report have, in the order they appear.

export type Highlight = Awaited<ReturnType<typeof reportHighlights>>[number];

export const AUDIENCE_TITLE: Record<ReportAudience, string> = {
	vws: 'Verantwoording aan het ministerie van VWS',
	programmaraad: 'Rapportage voor de programmaraad'
};

export function cover(data: ReportData, audience: ReportAudience, title: string): Content[] {
	const { metrics, werkplaats } = data;
	return [
		{ text: '', margin: [0, data.logo ? 76 : 180, 0, 0] },
		...coverLogo(data),
		{ text: werkplaats.name, fontSize: 14, color: MUTED, margin: [0, 0, 0, 8] },
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

export function figuresTable(
	indicators: ReportData['metrics']['indicators'],
	name: IndicatorName,
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

export function openQuartersNote(data: ReportData): Content {
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

export function unitSection(
	data: ReportData,
	unit: UnitMetrics,
	name: IndicatorName,
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

export function chartsSection(data: ReportData): Content[] {
	const { metrics } = data;
	const labels = metrics.quarters.map(quarterLabel);
	// the same series as the dashboard's charts: the largest ateliers and "overige"
	const trends = {
		bijeenkomsten: trendSeries(metrics, 'bijeenkomsten'),
		deelnemers: trendSeries(metrics, 'deelnemers')
	};
	return [
		h1('Verloop en verdeling'),
		chart(
			stackedColumnsSvg({
				title: 'Bijeenkomsten per kwartaal',
				labels,
				series: trends.bijeenkomsten,
				positionHeader: 'Kwartaal'
			}),
			'Bijeenkomsten per kwartaal',
			trends.bijeenkomsten
		),
		chart(
			stackedColumnsSvg({
				title: 'Deelnemers per kwartaal',
				labels,
				series: trends.deelnemers,
				positionHeader: 'Kwartaal'
			}),
			'Deelnemers per kwartaal',
			trends.deelnemers
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

export function appendix(data: ReportData, name: IndicatorName): Content[] {
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
