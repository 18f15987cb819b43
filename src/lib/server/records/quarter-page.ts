import { authorize, can } from '../auth/policy';
import type { Kysely } from 'kysely';
import { quarterDueDate } from '../../quarters';
import type { Database } from '../db/types';
import type { RecordItem } from './definitions';
import { DEFINITIONS } from './kinds';
import { locationLabel } from './registries';
import { RECORD_TYPES, type RecordType } from './schemas';
import { getWerkplaatsSettings } from '../settings/werkplaats';
import { today } from '../today';
import type { QuarterContext } from '../reports/access';
import { reportHistory } from '../reports/history';
import { EDITABLE } from '../reports/report';

/** Everything the quarter page shows: report, records per type, pickers, what the user may do. */
export async function quarterPage(db: Kysely<Database>, ctx: QuarterContext) {
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
	if (report)
		for (const type of RECORD_TYPES) records[type] = await DEFINITIONS[type].load(db, report.id);
	const target = { atelierId: ref.atelierId };
	const writer = can(user, 'atelier.write', target);
	const mayReadRoster = can(user, 'roster.read', target);
	const [organisations, locations, roster, settings, history] = await Promise.all([
		db.selectFrom('organisations').select('name').orderBy('name').execute(),
		db
			.selectFrom('locations')
			.select(['name', 'municipality'])
			.orderBy('municipality')
			.orderBy('name')
			.execute(),
		mayReadRoster
			? db
					.selectFrom('atelier_students as a')
					.innerJoin('students as s', 's.id', 'a.student_id')
					.select(['s.id', 's.display_name', 's.student_number'])
					.where('a.atelier_id', '=', ref.atelierId)
					.orderBy('s.display_name')
					.execute()
			: Promise.resolve([]),
		getWerkplaatsSettings(db),
		report ? reportHistory(db, report.id) : Promise.resolve([])
	]);
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
		history,
		pickers: {
			organisations: organisations.map((o) => o.name),
			partners: records.partner.map((p) => String(p.values.organisation)),
			locations: locations.map(locationLabel),
			students: roster.map((s) => ({
				value: `#${s.id}`,
				label: s.student_number ? `${s.display_name} (${s.student_number})` : s.display_name
			}))
		},
		can: {
			edit: editable,
			submit: editable && can(user, 'quarter.submit', target),
			manage: can(user, 'quarter.approve', target),
			roster: mayReadRoster
		}
	};
}
