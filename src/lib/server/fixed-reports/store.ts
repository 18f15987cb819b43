import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/guards';
import { can } from '../auth/policy';
import type { Database } from '../db/types';
import type { DashboardSelection } from '../metrics/dashboard';
import type { MetricsQuery, MetricsResult, OpenQuarter } from '../metrics/engine';
import type { ReportAudience } from '../exports/report-data';

/** A fixed report as lists and pages show it (without its files). */
export interface FixedReportSummary {
	id: number;
	from: string;
	to: string;
	audience: ReportAudience;
	version: number;
	fixedByName: string;
	fixedAt: string;
	pdfSha256: string;
	xlsxSha256: string;
	pdfName: string;
	xlsxName: string;
	selection: DashboardSelection;
}

export interface FixedReportDetail extends FixedReportSummary {
	query: MetricsQuery;
	metrics: MetricsResult;
	openQuarters: OpenQuarter[];
}

// jsonb comes back parsed from pg and from PGlite; a text column would not
const parsed = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

const SUMMARY = [
	'id',
	'period_from',
	'period_to',
	'audience',
	'version',
	'fixed_by_name',
	'fixed_at',
	'pdf_sha256',
	'xlsx_sha256',
	'pdf_name',
	'xlsx_name',
	'selection'
] as const;

type SummaryRow = {
	id: number;
	period_from: string;
	period_to: string;
	audience: ReportAudience;
	version: number;
	fixed_by_name: string;
	fixed_at: Date;
	pdf_sha256: string;
	xlsx_sha256: string;
	pdf_name: string;
	xlsx_name: string;
	selection: unknown;
};

const summaryOf = (r: SummaryRow): FixedReportSummary => ({
	id: r.id,
	from: r.period_from,
	to: r.period_to,
	audience: r.audience,
	version: r.version,
	fixedByName: r.fixed_by_name,
	fixedAt: new Date(r.fixed_at).toISOString(),
	pdfSha256: r.pdf_sha256,
	xlsxSha256: r.xlsx_sha256,
	pdfName: r.pdf_name,
	xlsxName: r.xlsx_name,
	selection: parsed<DashboardSelection>(r.selection)
});

/** The audiences whose fixed reports a user may read (the council: its own edition only). */
export function readableAudiences(user: SessionUser): ReportAudience[] {
	return (['vws', 'programmaraad'] as const).filter((audience) =>
		can(user, 'fixedReport.read', { audience })
	);
}

/** The fixed reports a user may read, newest first. */
export async function listFixedReports(
	db: Kysely<Database>,
	user: SessionUser
): Promise<FixedReportSummary[]> {
	const audiences = readableAudiences(user);
	if (audiences.length === 0) return [];
	const rows = await db
		.selectFrom('fixed_reports')
		.select(SUMMARY)
		.where('audience', 'in', audiences)
		.orderBy('fixed_at', 'desc')
		.orderBy('id', 'desc')
		.execute();
	return rows.map(summaryOf);
}

/** One fixed report with the stored engine result; undefined when there is none. */
export async function getFixedReport(
	db: Kysely<Database>,
	id: number
): Promise<FixedReportDetail | undefined> {
	const row = await db
		.selectFrom('fixed_reports')
		.select([...SUMMARY, 'query', 'metrics', 'open_quarters'])
		.where('id', '=', id)
		.executeTakeFirst();
	if (!row) return undefined;
	return {
		...summaryOf(row),
		query: parsed<MetricsQuery>(row.query),
		metrics: parsed<MetricsResult>(row.metrics),
		openQuarters: parsed<OpenQuarter[]>(row.open_quarters)
	};
}

/** The stored bytes of one file of a fixed report, exactly as generated. */
export async function fixedReportFile(
	db: Kysely<Database>,
	id: number,
	kind: 'pdf' | 'xlsx'
): Promise<{ audience: ReportAudience; name: string; bytes: Buffer; sha256: string } | undefined> {
	const row = await db
		.selectFrom('fixed_reports')
		.select(['audience', 'pdf', 'pdf_name', 'pdf_sha256', 'xlsx', 'xlsx_name', 'xlsx_sha256'])
		.where('id', '=', id)
		.executeTakeFirst();
	if (!row) return undefined;
	return kind === 'pdf'
		? {
				audience: row.audience,
				name: row.pdf_name,
				bytes: Buffer.from(row.pdf),
				sha256: row.pdf_sha256
			}
		: {
				audience: row.audience,
				name: row.xlsx_name,
				bytes: Buffer.from(row.xlsx),
				sha256: row.xlsx_sha256
			};
}

/** The newest version per audience of the reports fixed for exactly this period. */
export async function latestFixedForPeriod(
	db: Kysely<Database>,
	user: SessionUser,
	from: string,
	to: string
): Promise<FixedReportDetail[]> {
	const audiences = readableAudiences(user);
	if (audiences.length === 0) return [];
	const rows = await db
		.selectFrom('fixed_reports')
		.select('id')
		.distinctOn('audience')
		.where('period_from', '=', from)
		.where('period_to', '=', to)
		.where('audience', 'in', audiences)
		.orderBy('audience')
		.orderBy('version', 'desc')
		.execute();
	const found = await Promise.all(rows.map((r) => getFixedReport(db, r.id)));
	return found.filter((r): r is FixedReportDetail => r !== undefined);
}
