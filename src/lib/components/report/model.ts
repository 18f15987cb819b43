// The report as the preview page and the PDF show it (issue 16): plain data, made on the server
// (src/lib/server/exports/report-model.ts) from the engine's result and the narrative, and drawn
// by ReportDocument.svelte. Numbers stay numbers here; the component formats them.

export type Audience = 'vws' | 'programmaraad';

export interface ReportFigure {
	code: string;
	name: string;
	/** 'uniek' for distinct indicators, 'stand' for stocks. */
	qualifier: 'uniek' | 'stand' | null;
	value: number;
	target: number | null;
}

export interface PlanRow {
	code: string;
	name: string;
	value: number;
	target: number;
	difference: number;
	/** difference / target; null when the target is 0. */
	ratio: number | null;
	/** The difference is beyond the threshold: it needs an explanation. */
	beyond: boolean;
	explanation: string;
}

export interface ReportHighlightView {
	title: string;
	body: string;
	quote: string;
	speaker: string;
	role: string;
	/** Only http(s) links; anything else is left out. */
	url: string | null;
	quarter: string | null;
}

export interface ReportPublicationView {
	title: string;
	kind: string;
	date: string;
	authors: string;
	url: string | null;
}

export interface ReportChart {
	title: string;
	/** A data: URL of the chart's SVG, drawn by the dashboard's own chart component. */
	src: string;
	alt: string;
	width: number;
	height: number;
}

export interface ReportAtelierSection {
	id: number;
	name: string;
	/** 'A → B' for a line of ateliers, else null. */
	lineage: string | null;
	theme: string;
	kartrekkers: string[];
	figures: ReportFigure[];
	highlights: ReportHighlightView[];
	publications: ReportPublicationView[];
}

export interface ReportCouncil {
	quarters: string[];
	trend: { name: string; values: number[] }[];
	completeness: { atelier: string; cells: (string | null)[] }[];
	previous: {
		label: string;
		available: boolean;
		rows: { name: string; now: number; previous: number; change: number; ratio: number | null }[];
	};
}

export interface ReportModel {
	title: string;
	werkplaats: string;
	shortName: string;
	audience: Audience;
	audienceTitle: string;
	period: string;
	scope: string;
	selection: string;
	date: string;
	logo: { src: string; alt: string } | null;
	foreword: string;
	outlook: string;
	figures: ReportFigure[];
	inWords: { label: string; text: string }[];
	charts: ReportChart[];
	plan: { threshold: number; available: boolean; rows: PlanRow[] };
	ateliers: ReportAtelierSection[];
	highlights: ReportHighlightView[];
	openQuarters: { quarter: string; ateliers: string }[];
	rules: { name: string; text: string }[];
	status: string;
	council: ReportCouncil | null;
	colophon: { name: string; lines: string[]; fundingLine: string; made: string };
	/** What the preview flags: differences without explanation, quarters not approved. */
	missing: { unexplained: string[]; openQuarters: number };
}

/** Paragraphs of a text written in a textarea (blank lines separate them). */
export function paragraphs(text: string): string[] {
	return text
		.split(/\n\s*\n/)
		.map((p) => p.trim())
		.filter(Boolean);
}
