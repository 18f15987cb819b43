import type { Kysely } from 'kysely';
import { quarterLabel, parseQuarter, type Quarter } from '../../quarters';
import type { SessionUser } from '../auth/guards';
import type { Database } from '../db/types';
import { loadIndicatorTexts, type IndicatorText } from '../metrics/indicator-texts';
import { metricsQueryFor, type DashboardSelection } from '../metrics/dashboard';
import { computeMetrics, type MetricsQuery, type MetricsResult } from '../metrics/engine';
import { isAtelierActive, type MetricsScope } from '../metrics/scope';
import { comparisonOf, previousQuery, type PeriodComparison } from '../metrics/comparison';
import { loadAteliers, type AtelierMeta } from '../metrics/units';
import { getWerkplaatsSettings, type WerkplaatsSettings } from '../settings/werkplaats';

/**
 * Everything an export shows about a selection. The numbers all come from the metrics engine, for
 * the same selection and scope rules as the dashboard; this module only gathers them.
 */
export interface ReportData {
	werkplaats: WerkplaatsSettings;
	selection: DashboardSelection;
	query: MetricsQuery;
	scope: MetricsScope;
	metrics: MetricsResult;
	/** The period of the same length just before: same ateliers, scope and grouping. */
	previous: PeriodComparison;
	indicatorTexts: IndicatorText[];
	/** The selected ateliers (metadata, for the completeness matrix and sheet names). */
	ateliers: AtelierMeta[];
	generatedAt: Date;
	generatedBy: string;
}

export async function loadReportData(
	db: Kysely<Database>,
	user: SessionUser,
	selection: DashboardSelection,
	options: { approvedOnly?: boolean; now?: Date } = {}
): Promise<ReportData> {
	const { query: base } = await metricsQueryFor(db, user, selection);
	const query: MetricsQuery = options.approvedOnly ? { ...base, scope: 'approved' } : base;
	const [werkplaats, metrics, before, texts, all] = await Promise.all([
		getWerkplaatsSettings(db),
		computeMetrics(db, query),
		computeMetrics(db, previousQuery(query)),
		loadIndicatorTexts(db),
		loadAteliers(db)
	]);
	const previous = comparisonOf(metrics, before);
	const ateliers = all
		.filter((a) => query.atelierIds === null || query.atelierIds.includes(a.id))
		.filter((a) => isAtelierActive(a, query.from, query.to))
		.sort((a, b) => a.name.localeCompare(b.name, 'nl'));
	return {
		werkplaats,
		selection,
		query,
		scope: query.scope,
		metrics,
		previous,
		indicatorTexts: texts,
		ateliers,
		generatedAt: options.now ?? new Date(),
		generatedBy: user.name
	};
}

/** '2020-2022' for whole years, '2022' for one year, else '2020Q2-2022Q3'. */
export function periodSlug(from: string, to: string): string {
	const a = parseQuarter(from);
	const b = parseQuarter(to);
	if (a.quarter === 1 && b.quarter === 4)
		return a.year === b.year ? String(a.year) : `${a.year}-${b.year}`;
	return from === to ? from : `${from}-${to}`;
}

/** 'K1 2020 – K4 2022' */
export function periodLabel(from: Quarter | string, to: Quarter | string): string {
	return from === to ? quarterLabel(from) : `${quarterLabel(from)} – ${quarterLabel(to)}`;
}

export type ReportAudience = 'vws' | 'programmaraad';

const AUDIENCE_SUFFIX: Record<ReportAudience, string> = {
	vws: 'VWS',
	programmaraad: 'Programmaraad'
};

/** "Jaarbeeld WSD Zuyd 2020-2022 VWS.pdf", "Jaarbeeld WSD Zuyd 2020-2022.xlsx" */
export function exportFileName(
	shortName: string,
	from: string,
	to: string,
	kind: 'xlsx' | ReportAudience
): string {
	const clean = shortName
		.replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	const base = `Jaarbeeld ${clean} ${periodSlug(from, to)}`;
	return kind === 'xlsx' ? `${base}.xlsx` : `${base} ${AUDIENCE_SUFFIX[kind]}.pdf`;
}

/** attachment; filename="ASCII fallback"; filename*=UTF-8''percent-encoded (RFC 6266/5987). */
export function contentDisposition(fileName: string): string {
	const ascii = fileName
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^\x20-\x7e]/g, '_')
		.replace(/["\\]/g, '_');
	const encoded = encodeURIComponent(fileName).replace(
		/['()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
	);
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** How an indicator is computed over a period, in words (the rule of DESIGN.md section 4). */
export function ruleText(aggregation: 'count' | 'sum' | 'distinct' | 'last'): string {
	switch (aggregation) {
		case 'count':
			return 'Aantal in de periode; de kwartalen en leerateliers tellen op tot het totaal.';
		case 'sum':
			return 'Som over de periode; de kwartalen en leerateliers tellen op tot het totaal.';
		case 'distinct':
			return 'Uniek: ieder telt één keer over de hele periode en over alle leerateliers samen; het totaal is dus niet de som van kwartalen of leerateliers.';
		case 'last':
			return 'Stand: de laatst gemelde waarde in de periode, geen optelling.';
	}
}

export const SCOPE_TEXT: Record<MetricsScope, string> = {
	approved: 'alleen goedgekeurde kwartalen',
	'approved+submitted': 'goedgekeurde en ingediende kwartalen'
};
