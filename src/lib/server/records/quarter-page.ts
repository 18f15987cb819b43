import { authorize, can } from '../auth/policy';
import type { Kysely } from 'kysely';
import { quarterDueDate } from '../../quarters';
import type { Database } from '../db/types';
import { DEFINITIONS, type RecordItem } from './definitions';
import { locationLabel } from './registries';
import { HIDDEN_STUDENT, rosterEntries } from './student-names';
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
		history,
		pickers: {
			organisations: organisations.map((o) => o.name),
			partners: records.partner.map((p) => String(p.values.organisation)),
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
