/**
 * Loads the demo data (seeds/demo-data.ts, expanded by seeds/demo-build.ts) into an empty
 * database: one transaction, one multi-row insert per table (per atelier generation for the
 * ateliers), ids mapped back by natural keys. A failure anywhere leaves the database as it was.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../src/lib/server/db/types';
import {
	activityKey,
	atelierGenerations,
	buildActivities,
	buildAtelierStudents,
	buildPartnerInvolvements,
	buildReports,
	buildStudentParticipations,
	buildStudents,
	normalizeOrganisationName
} from './demo-build';
import {
	HIGHLIGHTS,
	LOCATIONS,
	ORGANISATIONS,
	PUBLICATIONS,
	REACH,
	SETTINGS,
	SUBSIDY_PERIODS,
	TARGETS,
	USERS
} from './demo-data';
import { quarterOfDate } from '../src/lib/quarters';
import { setDemoPasswords } from './demo-accounts';

export const NOT_EMPTY_MESSAGE =
	'De database bevat al gegevens; de demodata wordt alleen in een lege database geladen.';

/** True as soon as one atelier exists: from then on the database holds real (or demo) data. */
export async function hasDomainData(db: Kysely<Database>): Promise<boolean> {
	const row = await db.selectFrom('ateliers').select('id').limit(1).executeTakeFirst();
	return row !== undefined;
}

export async function seedDemo(db: Kysely<Database>): Promise<void> {
	await db.transaction().execute(async (trx) => {
		// Two seeders started at once (first start of the app and `npm run db:seed`) must not both
		// see an empty table: the second waits here and then finds the first one's ateliers.
		await sql`lock table ateliers in share row exclusive mode`.execute(trx);
		if (await hasDomainData(trx)) throw new Error(NOT_EMPTY_MESSAGE);
		await insertDemo(trx);
		// Demo passwords (seeds/demo-accounts.ts): only where the demo data is loaded.
		await setDemoPasswords(
			trx,
			USERS.map((u) => u.email)
		);
	});
}

/** Looks a key up in a map built from `returning` rows; a miss is a mistake in the demo data. */
function lookup<K, V>(map: Map<K, V>, key: K, what: string): V {
	const value = map.get(key);
	if (value === undefined) throw new Error(`Demodata: ${what} '${String(key)}' bestaat niet`);
	return value;
}

async function insertDemo(trx: Transaction<Database>): Promise<void> {
	// Settings and registries may already exist in an otherwise empty database (management can
	// fill them in before the first atelier): keep what is there and reuse the existing ids.
	await trx
		.insertInto('settings')
		.values(Object.entries(SETTINGS).map(([key, v]) => ({ key, value: JSON.stringify(v) })))
		.onConflict((oc) => oc.column('key').doNothing())
		.execute();
	await trx
		.insertInto('subsidy_periods')
		.values(
			SUBSIDY_PERIODS.map((p) => ({ name: p.name, start_quarter: p.start, end_quarter: p.end }))
		)
		.onConflict((oc) => oc.column('name').doNothing())
		.execute();

	const users = await trx
		.insertInto('app_users')
		.values(USERS.map((u) => ({ email: u.email, name: u.name, role: u.role })))
		// A no-op update, so that `returning` also yields the id of an account that already exists.
		.onConflict((oc) =>
			oc.column('email').doUpdateSet((eb) => ({ email: eb.ref('excluded.email') }))
		)
		.returning(['id', 'email'])
		.execute();
	const userId = new Map(users.map((u) => [u.email, u.id]));

	const atelierId = new Map<string, number>();
	for (const generation of atelierGenerations()) {
		const rows = await trx
			.insertInto('ateliers')
			.values(
				generation.map((a) => ({
					slug: a.slug,
					name: a.name,
					theme: a.theme,
					active_from: a.activeFrom,
					active_to: a.activeTo,
					predecessor_id:
						a.predecessor === null ? null : lookup(atelierId, a.predecessor, 'voorganger')
				}))
			)
			.returning(['id', 'slug'])
			.execute();
		for (const r of rows) atelierId.set(r.slug, r.id);
	}
	const atelier = (slug: string) => lookup(atelierId, slug, 'atelier');

	await trx
		.insertInto('atelier_assignments')
		.values(
			USERS.flatMap((u) =>
				u.ateliers.map((slug) => ({
					atelier_id: atelier(slug),
					user_id: lookup(userId, u.email, 'gebruiker')
				}))
			)
		)
		.execute();

	const locations = await trx
		.insertInto('locations')
		.values(LOCATIONS.map((l) => ({ municipality: l.municipality, name: l.name, kind: l.kind })))
		.onConflict((oc) =>
			oc.columns(['municipality', 'name']).doUpdateSet((eb) => ({ name: eb.ref('excluded.name') }))
		)
		.returning(['id', 'name'])
		.execute();
	const locationId = new Map(locations.map((l) => [l.name, l.id]));
	const location = (name: string | null) =>
		name === null ? null : lookup(locationId, name, 'locatie');

	const organisations = await trx
		.insertInto('organisations')
		.values(
			ORGANISATIONS.map((o) => ({
				name: o.name,
				normalized_name: normalizeOrganisationName(o.name),
				kind: o.kind,
				municipality: o.municipality
			}))
		)
		.onConflict((oc) =>
			oc
				.column('normalized_name')
				.doUpdateSet((eb) => ({ normalized_name: eb.ref('excluded.normalized_name') }))
		)
		.returning(['id', 'normalized_name'])
		.execute();
	const organisationId = new Map(organisations.map((o) => [o.normalized_name, o.id]));
	const organisation = (name: string) =>
		lookup(organisationId, normalizeOrganisationName(name), 'organisatie');

	// Quarter reports and their history
	const reports = buildReports();
	const reportRows = await trx
		.insertInto('quarter_reports')
		.values(
			reports.map((r) => ({
				atelier_id: atelier(r.atelier),
				quarter: r.quarter,
				status: r.status,
				no_activities: r.noActivities,
				network_members: r.networkMembers,
				return_comment: r.returnComment,
				created_at: r.createdAt,
				updated_at: r.updatedAt
			}))
		)
		.returning(['id', 'atelier_id', 'quarter'])
		.execute();
	const reportIdByKey = new Map(reportRows.map((r) => [`${r.atelier_id}|${r.quarter}`, r.id]));
	const report = (slug: string, quarter: string) =>
		lookup(reportIdByKey, `${atelier(slug)}|${quarter}`, `kwartaalrapport ${slug}`);
	// Records are stamped with the moment their report last changed, not with the seeding time.
	const stampOf = new Map(reports.map((r) => [report(r.atelier, r.quarter), r.updatedAt]));
	const stamp = (reportId: number) => {
		const at = lookup(stampOf, reportId, 'rapport');
		return { created_at: at, updated_at: at };
	};

	await trx
		.insertInto('report_status_history')
		.values(
			reports.flatMap((r) =>
				r.history.map((h) => ({
					report_id: report(r.atelier, r.quarter),
					from_status: h.from,
					to_status: h.to,
					actor_user_id: lookup(userId, h.actorEmail, 'gebruiker'),
					comment: h.comment,
					at: h.at
				}))
			)
		)
		.execute();

	// Activities and the organisations involved in them
	const activities = buildActivities();
	const activityRows = await trx
		.insertInto('activities')
		.values(
			activities.map((a) => ({
				report_id: report(a.atelier, a.quarter),
				date: a.date,
				title: a.title,
				kind: a.kind,
				is_public: a.isPublic,
				participants_total: a.participants.total,
				participants_professionals: a.participants.professionals,
				participants_bewoners: a.participants.bewoners,
				participants_studenten: a.participants.studenten,
				participants_beleidsmedewerkers: a.participants.beleidsmedewerkers,
				participants_onderzoekers_docenten: a.participants.onderzoekersDocenten,
				participants_ervaringsdeskundigen: a.participants.ervaringsdeskundigen,
				location_id: location(a.location),
				venue: a.venue,
				description: a.description,
				// Logged on the afternoon of the meeting.
				created_at: new Date(`${a.date}T16:00:00Z`),
				updated_at: new Date(`${a.date}T16:00:00Z`)
			}))
		)
		.returning(['id', 'report_id', 'date', 'title'])
		.execute();
	const activityIdByKey = new Map(
		activityRows.map((r) => [`${r.report_id}|${r.date}|${r.title}`, r.id])
	);
	await trx
		.insertInto('activity_organisations')
		.values(
			activities.flatMap((a) => {
				const key = `${report(a.atelier, a.quarter)}|${a.date}|${a.title}`;
				const id = lookup(
					activityIdByKey,
					key,
					`activiteit ${activityKey(a.atelier, a.date, a.title)}`
				);
				return a.organisations.map((name) => ({
					activity_id: id,
					organisation_id: organisation(name)
				}));
			})
		)
		.execute();

	// Students: the roster per atelier and what they did per quarter
	const students = buildStudents();
	const studentRows = await trx
		.insertInto('students')
		.values(students.map((s) => ({ display_name: s.displayName, student_number: s.studentNumber })))
		.onConflict((oc) =>
			oc
				.column('student_number')
				.doUpdateSet((eb) => ({ student_number: eb.ref('excluded.student_number') }))
		)
		.returning(['id', 'student_number'])
		.execute();
	const idByNumber = new Map(studentRows.map((s) => [s.student_number, s.id]));
	const studentId = new Map(
		students.map((s) => [s.key, lookup(idByNumber, s.studentNumber, 'student')])
	);
	const student = (key: string) => lookup(studentId, key, 'student');

	const participations = buildStudentParticipations();
	await trx
		.insertInto('atelier_students')
		.values(
			buildAtelierStudents(participations).map((p) => ({
				atelier_id: atelier(p.atelier),
				student_id: student(p.studentKey)
			}))
		)
		.execute();
	await trx
		.insertInto('student_participations')
		.values(
			participations.map((p) => {
				const reportId = report(p.atelier, p.quarter);
				return {
					report_id: reportId,
					student_id: student(p.studentKey),
					activity: p.activity,
					description: p.description,
					...stamp(reportId)
				};
			})
		)
		.execute();

	await trx
		.insertInto('partner_involvements')
		.values(
			buildPartnerInvolvements(reports).map((p) => {
				const reportId = report(p.atelier, p.quarter);
				return {
					report_id: reportId,
					organisation_id: organisation(p.organisation),
					role: p.role,
					...stamp(reportId)
				};
			})
		)
		.execute();

	await trx
		.insertInto('publications')
		.values(
			PUBLICATIONS.map((p) => {
				const reportId = report(p.atelier, quarterOfDate(p.date));
				return {
					report_id: reportId,
					date: p.date,
					title: p.title,
					kind: p.kind,
					url: p.url,
					authors: p.authors,
					...stamp(reportId)
				};
			})
		)
		.execute();

	await trx
		.insertInto('reach')
		.values(
			REACH.flatMap((r) => {
				const reportId = report(r.atelier, r.quarter);
				return r.perLocation.map(([name, residents, professionals]) => ({
					report_id: reportId,
					location_id: lookup(locationId, name, 'locatie'),
					resident_conversations: residents,
					professionals_reached: professionals,
					...stamp(reportId)
				}));
			})
		)
		.execute();

	await trx
		.insertInto('highlights')
		.values(
			HIGHLIGHTS.map((h) => {
				const reportId = report(h.atelier, h.quarter);
				return {
					report_id: reportId,
					title: h.title,
					body: h.body,
					quote: h.quote?.text ?? null,
					quote_speaker: h.quote?.speaker ?? null,
					quote_role: h.quote?.role ?? null,
					url: h.url ?? null,
					in_report: h.inReport,
					...stamp(reportId)
				};
			})
		)
		.execute();

	await trx
		.insertInto('indicator_targets')
		.values(
			Object.entries(TARGETS).flatMap(([code, perYear]) =>
				Object.entries(perYear).map(([year, target]) => ({
					indicator_code: code,
					year: Number(year),
					atelier_id: null,
					target
				}))
			)
		)
		.onConflict((oc) => oc.doNothing())
		.execute();
}
