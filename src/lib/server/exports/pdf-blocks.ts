import type { Content, TableCell } from 'pdfmake/interfaces';
import { formatNumber } from '../../format';
import type { IndicatorCode } from '../metrics/catalogue';
import { legendSwatches, type ChartSvg } from './charts';

// The building blocks every section of the PDF report uses: page geometry, number formats,
// headings, tables and charts.

export const CONTENT_WIDTH = 595.28 - 2 * 56;
export const MUTED = '#5a6470';

export const dateTime = new Intl.DateTimeFormat('nl-NL', {
	dateStyle: 'long',
	timeZone: 'Europe/Amsterdam'
});
export const percent = new Intl.NumberFormat('nl-NL', {
	style: 'percent',
	maximumFractionDigits: 1,
	signDisplay: 'exceptZero'
});
export const signed = new Intl.NumberFormat('nl-NL', { signDisplay: 'exceptZero' });

/** An indicator's name as this werkplaats calls it. */
export type IndicatorName = (code: IndicatorCode) => string;

export const num = (v: number | undefined) => (v === undefined ? '–' : formatNumber(v));

/** Consecutive pieces of at most `size` items. */
export function chunked<T>(items: readonly T[], size: number): T[][] {
	const chunks: T[][] = [];
	for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
	return chunks;
}

export function h1(text: string, pageBreak = true): Content {
	return {
		text,
		style: 'h1',
		tocItem: true,
		...(pageBreak ? { pageBreak: 'before' as const } : {})
	};
}

export function table(
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

export function chart(
	c: ChartSvg,
	title: string,
	legend?: { label: string; rest?: boolean }[]
): Content {
	const width = Math.min(
		CONTENT_WIDTH,
		c.width * 0.75 > CONTENT_WIDTH ? CONTENT_WIDTH : c.width * 0.9
	);
	return {
		stack: [
			{ text: title, style: 'h2' },
			{ text: c.summary, style: 'small', margin: [0, 0, 0, 4] },
			{ svg: c.svg, width },
			...(legend && legend.length ? [legendBlock(legend)] : [])
		],
		unbreakable: true,
		margin: [0, 0, 0, 12]
	};
}

/** The legend under a stacked chart: three series a row, each with its swatch (fill and pattern). */
function legendBlock(legend: { label: string; rest?: boolean }[]): Content {
	const swatches = legendSwatches(legend);
	const PER_ROW = 3;
	const rows: Content[] = [];
	for (let i = 0; i < legend.length; i += PER_ROW)
		rows.push({
			columns: Array.from({ length: PER_ROW }, (_, j) => {
				const k = i + j;
				if (k >= legend.length) return { text: '', width: '*' };
				return {
					width: '*',
					columns: [
						{ svg: swatches[k], width: 9, height: 9 },
						{ text: legend[k].label, fontSize: 8, margin: [4, 0, 0, 0] }
					]
				};
			}),
			columnGap: 8,
			margin: [0, 2, 0, 0]
		} as Content);
	return { stack: rows, margin: [0, 4, 0, 0] };
}
