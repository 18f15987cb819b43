import type { Kysely } from 'kysely';
import { createRequire } from 'node:module';
import { dirname, resolve, sep } from 'node:path';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Database } from '../db/types';
import type { IndicatorCode } from '../metrics/catalogue';
import { reportHighlights } from '../metrics/sources';
import { h1, MUTED } from './pdf-blocks';
import { comparison, completeness, trendSection } from './pdf-council';
import {
	appendix,
	AUDIENCE_TITLE,
	chartsSection,
	cover,
	figuresTable,
	openQuartersNote,
	unitSection,
	type Highlight
} from './pdf-sections';
import {
	periodLabel,
	periodSlug,
	SCOPE_TEXT,
	type ReportAudience,
	type ReportData
} from './report-data';

// The PDF report: pdfmake with the bundled fonts, the document assembled from its sections
// (pdf-sections.ts for both editions, pdf-council.ts for the programme council's).

export { COMPLETENESS_QUARTERS } from './pdf-council';

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
