import { error } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { addQuarters, makeQuarter, quarterIndex, quarterOfDate } from '../../quarters';
import type { SessionUser } from '../auth/guards';
import { authorize, can } from '../auth/policy';
import type { Database } from '../db/types';
import { XLSX_TYPE } from '../exports/index';
import { reportModel } from '../exports/pdf';
import { contentDisposition, loadReportData, type ReportAudience } from '../exports/report-data';
import { cachedMetrics } from '../metrics/cache';
import { metricsQueryFor, periodPresets, type DashboardSelection } from '../metrics/dashboard';
import { changesSinceFix } from './changes';
import { fixedReportFile, getFixedReport, listFixedReports } from './store';

export const audienceSchema = z.enum(['vws', 'programmaraad'], {
	message: 'Kies voor wie het rapport is: VWS of de programmaraad.'
});

/** `voor` from a URL or form: the audience, or a 400 page with the reason. */
export function audienceFrom(params: URLSearchParams): ReportAudience {
	const parsed = audienceSchema.safeParse(params.get('voor') ?? 'vws');
	if (!parsed.success) error(400, parsed.error.issues.map((i) => i.message).join(' '));
	return parsed.data;
}

/** A fixed report's id from the URL, or a 404 page. */
export function idFrom(raw: string): number {
	if (!/^\d{1,9}$/.test(raw)) error(404, 'Dit vastgestelde rapport bestaat niet.');
	return Number(raw);
}

/** The list page: the fixed reports the user may read and, for management, the form's choices. */
export async function fixedReportsPage(db: Kysely<Database>, user: SessionUser, today: string) {
	const reports = await listFixedReports(db, user);
	const canFix = can(user, 'fixedReports.fix');
	if (!canFix) return { reports, canFix, form: null };
	const [presets, ateliers] = await Promise.all([
		periodPresets(db, today),
		db.selectFrom('ateliers').select(['slug', 'name']).orderBy('name').execute()
	]);
	const first = presets.reduce((min, p) => (p.from < min ? p.from : min), quarterOfDate(today));
	const last = quarterOfDate(today);
	// every quarter from the first year with data to a year ahead
	const quarters: string[] = [];
	const end = quarterIndex(last) + 4;
	for (
		let q = makeQuarter(Number(first.slice(0, 4)), 1);
		quarterIndex(q) <= end;
		q = addQuarters(q, 1)
	)
		quarters.push(q);
	return { reports, canFix, form: { presets, quarters, ateliers } };
}

/**
 * The confirmation step: what fixing this selection would store, before it is done. The numbers
 * are the engine's for approved data (as the report will count them).
 */
export async function fixPreview(
	db: Kysely<Database>,
	user: SessionUser,
	selection: DashboardSelection,
	audience: ReportAudience
) {
	const { query, options } = await metricsQueryFor(db, user, selection);
	const metrics = await cachedMetrics(db, { ...query, scope: 'approved' });
	// the differences with the plan that the report would print without an explanation
	const data = await loadReportData(db, user, selection, { approvedOnly: true });
	const { missing } = await reportModel(db, data, audience);
	const last = await db
		.selectFrom('fixed_reports')
		.select((eb) => eb.fn.max('version').as('version'))
		.where('period_from', '=', selection.from)
		.where('period_to', '=', selection.to)
		.where('audience', '=', audience)
		.executeTakeFirst();
	return {
		selection,
		audience,
		nextVersion: Number(last?.version ?? 0) + 1,
		ateliers: selection.ateliers.length
			? options.filter((a) => selection.ateliers.includes(a.slug)).map((a) => a.name)
			: [],
		openQuarters: metrics.openQuarters.map((q) => ({
			quarter: q.quarter,
			ateliers: q.ateliers.map((a) => `${a.name} (${a.status})`)
		})),
		total: metrics.indicators.map((i) => ({ name: i.name, value: metrics.total[i.code] })),
		unexplained: missing.unexplained
	};
}

/** The detail page of one fixed report, with what changed since it was fixed. */
export async function fixedReportPage(db: Kysely<Database>, user: SessionUser, id: number) {
	const report = await getFixedReport(db, id);
	if (!report) error(404, 'Dit vastgestelde rapport bestaat niet.');
	authorize(user, 'fixedReport.read', { audience: report.audience });
	const [changes, ateliers] = await Promise.all([
		changesSinceFix(db, report),
		report.selection.ateliers.length
			? db
					.selectFrom('ateliers')
					.select(['slug', 'name'])
					.where('slug', 'in', report.selection.ateliers)
					.orderBy('name')
					.execute()
			: []
	]);
	const { metrics, query, ...summary } = report;
	return {
		// the chosen ateliers by name (a slug that no longer exists stays as it was chosen)
		atelierNames: report.selection.ateliers.map(
			(slug) => ateliers.find((a) => a.slug === slug)?.name ?? slug
		),
		report: {
			...summary,
			lineage: query.groupByLineage ?? false,
			quarters: metrics.quarters.length
		},
		changes
	};
}

/** One stored file, byte for byte, with its type, name and hash. */
export async function fixedFileResponse(
	db: Kysely<Database>,
	user: SessionUser,
	id: number,
	kind: 'pdf' | 'xlsx'
): Promise<Response> {
	const file = await fixedReportFile(db, id, kind);
	if (!file) error(404, 'Dit vastgestelde rapport bestaat niet.');
	authorize(user, 'fixedReport.read', { audience: file.audience });
	return new Response(new Uint8Array(file.bytes), {
		headers: {
			'Content-Type': kind === 'pdf' ? 'application/pdf' : XLSX_TYPE,
			'Content-Disposition': contentDisposition(file.name),
			'Content-Length': String(file.bytes.length),
			ETag: `"${file.sha256}"`,
			'Cache-Control': 'private, no-cache'
		}
	});
}
