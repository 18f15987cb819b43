import { authorize, can } from '../auth/policy';
import type { Kysely } from 'kysely';
import { quarterDueDate } from '../../quarters';
import type { Database } from '../db/types';
import type { RecordItem } from './definitions';
import { DEFINITIONS } from './kinds';
import { locationLabel } from './registries';
import { HIDDEN_STUDENT, rosterEntries } from './student-names';
import { RECORD_TYPES, type RecordType } from './schemas';
import { getWerkplaatsSettings } from '../settings/werkplaats';
import { today } from '../today';
import type { QuarterContext } from '../reports/access';
import { reportHistory } from '../reports/history';
import { EDITABLE } from '../reports/report';

/** Records per type per page of the quarter page: a quarter of 11,000 activities stays usable. */
export const RECORDS_PAGE_SIZE = 100;

export interface RecordPaging {
	page: number;
	pages: number;
	total: number;
	size: number;
}

/** The page of each record list asked for in the URL (?pagina-activity=2); 1 by default. */
export type RecordPages = Partial<Record<RecordType, number>>;

async function countRecords(db: Kysely<Database>, type: RecordType, reportId: number) {
	const row = await db
		.selectFrom(DEFINITIONS[type].table)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('report_id', '=', reportId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** Everything the quarter page shows: report, records per type, pickers, what the user may do. */
export async function quarterPage(
	db: Kysely<Database>,
	ctx: QuarterContext,
	pages: RecordPages = {}
) {
	const { user, ref } = ctx;
	const report = await db
		.selectFrom('quarter_reports')
		.selectAll()
		.where('atelier_id', '=', ref.atelierId)
		.where('quarter', '=', ref.quarter)
		.executeTakeFirst();
	authorize(user, 'quarter.read', { atelierId: ref.atelierId, status: report?.status ?? null });
	const status = report?.status ?? 'concept';
	const records = Object.fromEntries(RECORD_TYPES.map((t) => [t, [] as RecordItem[]])) as Record<
		RecordType,
		RecordItem[]
	>;
	const paging = {} as Record<RecordType, RecordPaging>;
	for (const type of RECORD_TYPES) {
		const total = report ? await countRecords(db, type, report.id) : 0;
		const last = Math.max(1, Math.ceil(total / RECORDS_PAGE_SIZE));
		const page = Math.min(Math.max(1, pages[type] ?? 1), last);
		paging[type] = { page, pages: last, total, size: RECORDS_PAGE_SIZE };
		if (report && total)
			records[type] = await DEFINITIONS[type].load(db, report.id, undefined, {
				limit: RECORDS_PAGE_SIZE,
				offset: (page - 1) * RECORDS_PAGE_SIZE
			});
	}
	const target = { atelierId: ref.atelierId };
	const writer = can(user, 'atelier.write', target);
	const mayReadRoster = can(user, 'roster.read', target);
	const [organisations, partners, locations, roster, settings, history] = await Promise.all([
		db.selectFrom('organisations').select('name').orderBy('name').execute(),
		// the activity form offers the quarter's partners: all of them, not only the listed page
		report
			? db
					.selectFrom('partner_involvements as p')
					.innerJoin('organisations as o', 'o.id', 'p.organisation_id')
					.select('o.name')
					.where('p.report_id', '=', report.id)
					.orderBy('o.name')
					.execute()
			: Promise.resolve([]),
		db
			.selectFrom('locations')
			.select(['name', 'municipality'])
			.orderBy('municipality')
			.orderBy('name')
			.execute(),
		rosterEntries(db, user, ref.atelierId),
		getWerkplaatsSettings(db),
		report ? reportHistory(db, report.id) : Promise.resolve([])
	]);
	// a participation names its student only for who may read the roster; others see it masked
	const names = new Map(roster?.map((s) => [s.value, s.name]));
	records.student = records.student.map((item) => ({
		...item,
		summary: `${names.get(String(item.values.student)) ?? HIDDEN_STUDENT}: ${item.summary}`
	}));
	const editable = writer && EDITABLE.includes(status);
	const dueDate = quarterDueDate(ref.quarter, settings.quarterDueMonths);
	return {
		atelier: ctx.atelier,
		quarter: ref.quarter,
		dueDate,
		overdue: EDITABLE.includes(status) && dueDate < today(),
		report: {
			exists: Boolean(report),
			status,
			version: report?.version ?? 1,
			networkMembers: report?.network_members ?? null,
			noActivities: report?.no_activities ?? false,
			returnComment: report?.return_comment ?? null
		},
		records,
		paging,
		history,
		pickers: {
			organisations: organisations.map((o) => o.name),
			partners: partners.map((p) => p.name),
			locations: locations.map(locationLabel),
			students: (roster ?? []).map(({ value, label }) => ({ value, label }))
		},
		can: {
			edit: editable,
			submit: editable && can(user, 'quarter.submit', target),
			manage: can(user, 'quarter.approve', target),
			roster: mayReadRoster
		}
	};
}
