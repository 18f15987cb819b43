import type { Content, TableCell } from 'pdfmake/interfaces';
import { formatNumber } from '../../format';
import { quarterLabel } from '../../quarters';
import { isAtelierActive } from '../metrics/scope';
import {
	CONTENT_WIDTH,
	chunked,
	h1,
	percent,
	signed,
	table,
	type IndicatorName
} from './pdf-blocks';
import { periodLabel, SCOPE_TEXT, type ReportData } from './report-data';

// The sections only the programme council's edition has: the trend per quarter, the
// completeness of the quarter reports and the comparison with the previous period.

export function trendSection(data: ReportData, name: IndicatorName): Content[] {
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

export function completeness(data: ReportData): Content[] {
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

export function comparison(data: ReportData, name: IndicatorName): Content[] {
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
