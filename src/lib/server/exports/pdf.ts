import type { Kysely } from 'kysely';
import { render } from 'svelte/server';
import ReportDocument from '../../components/report/ReportDocument.svelte';
import type { ReportModel } from '../../components/report/model';
import { REPORT_CSS as reportCss } from '../../components/report/report-styles';
import type { Database } from '../db/types';
import type { Narrative } from '../fixed-reports/narrative';
import { htmlToPdf } from './chromium';
import { buildReportModel, loadReportExtras } from './report-model';
import type { ReportAudience, ReportData } from './report-data';

// The PDF report: the same document the preview page shows (ReportDocument.svelte with
// report.css), rendered on the server to HTML and printed by Chromium into a tagged PDF.

const escapeHtml = (s: string) =>
	s.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);

/** The report as a standalone HTML document: styles inline, images as data: URLs, no scripts. */
export function reportHtml(model: ReportModel): string {
	const { body } = render(ReportDocument, { props: { report: model } });
	// Svelte's hydration markers are comments; they are harmless but not needed in print
	const markup = body.replace(/<!--[\s\S]*?-->/g, '');
	return `<!doctype html>
<html lang="nl-NL">
<head>
<meta charset="utf-8">
<title>${escapeHtml(model.title)}</title>
<meta name="author" content="${escapeHtml(model.werkplaats)}">
<meta name="description" content="${escapeHtml(model.audienceTitle)}">
<style>
@page { size: A4; }
html, body { margin: 0; padding: 0; }
${reportCss}
</style>
</head>
<body>${markup}</body>
</html>`;
}

const STYLE =
	'font-family: Liberation Sans, DejaVu Sans, sans-serif; font-size: 7.5pt; color: #5a6470;';

/** The running header (werkplaats, title, audience) and the page numbers. */
export function pageTemplates(model: ReportModel) {
	return {
		headerTemplate: `<div style="${STYLE} width: 100%; margin: 0 18mm; display: flex; justify-content: space-between;"><span>${escapeHtml(model.werkplaats)}</span><span>${escapeHtml(model.title)} · ${model.audience === 'vws' ? 'VWS' : 'programmaraad'}</span></div>`,
		footerTemplate: `<div style="${STYLE} width: 100%; text-align: center;">Pagina <span class="pageNumber"></span> van <span class="totalPages"></span></div>`
	};
}

/** The report model of a selection for an audience, with the saved narrative (or the given one). */
export async function reportModel(
	db: Kysely<Database>,
	data: ReportData,
	audience: ReportAudience,
	narrative?: Narrative
): Promise<ReportModel> {
	const extras = await loadReportExtras(db, data, audience, narrative);
	return buildReportModel(data, audience, extras);
}

/** The PDF report for the funder (VWS) or the programme council, as a Buffer. */
export async function renderReport(
	db: Kysely<Database>,
	data: ReportData,
	audience: ReportAudience,
	narrative?: Narrative
): Promise<Buffer> {
	const model = await reportModel(db, data, audience, narrative);
	return renderModel(model);
}

export function renderModel(model: ReportModel): Promise<Buffer> {
	return htmlToPdf(reportHtml(model), pageTemplates(model));
}
