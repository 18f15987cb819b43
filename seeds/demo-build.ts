/**
 * Expands the constants of seeds/demo-data.ts into row-shaped records (still keyed by slug, name
 * and quarter, not by database id). Pure and deterministic: the variety comes from a PRNG seeded
 * with the record's own key, so adding one record does not reshuffle all the others.
 */
import { quarterDates, quarterOfDate, quartersBetween, type Quarter } from '../src/lib/quarters';
import type { ActivityKind, ReportStatus, StudentActivity } from '../src/lib/server/db/types';
import {
	ATELIERS,
	BEHEER_EMAIL,
	COVID_ONLINE,
	NETWORK_MEMBERS_2020_2022,
	ONLINE_VENUE,
	OTHER_ACTIVITIES,
	PARTNERS,
	PUBLIC_KNOWLEDGE_MEETINGS_2020_2022,
	REPORTS_2023,
	SERIES,
	STUDENT_GROUPS,
	STUDENT_WORK,
	USERS,
	type AtelierSlug,
	type DemoActivity,
	type DemoReport,
	type DemoSeries,
	type LocationName,
	type OrganisationName,
	type ParticipantGroup,
	type Participants,
	type StudentGroup
} from './demo-data';

// ---------------------------------------------------------------------------------------------
// Seeded randomness (FNV-1a hash of a key, then mulberry32)

function hash(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

export function prng(key: string): () => number {
	let state = hash(key);
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function between(random: () => number, min: number, max: number): number {
	return min + Math.floor(random() * (max - min + 1));
}

// ---------------------------------------------------------------------------------------------
// Dates

/** 'YYYY-MM-DD' plus a number of days, at a UTC time of day. */
function moment(date: string, addDays: number, hour: number, minute: number): Date {
	const [y, m, d] = date.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d + addDays, hour, minute));
}

function isoDate(d: Date): string {
	return d.toISOString().slice(0, 10);
}

/** The nth weekday (1 = Monday .. 5 = Friday) of a month, as 'YYYY-MM-DD'. */
export function nthWeekday(year: number, month: number, weekday: number, nth: number): string {
	const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
	const day = 1 + ((weekday - first + 7) % 7) + (nth - 1) * 7;
	return isoDate(new Date(Date.UTC(year, month - 1, day)));
}

function monthsOf(series: DemoSeries): { year: number; month: number }[] {
	const [fromY, fromM] = series.from.split('-').map(Number);
	const [toY, toM] = series.to.split('-').map(Number);
	const result: { year: number; month: number }[] = [];
	for (let i = fromY * 12 + fromM - 1; i <= toY * 12 + toM - 1; i += series.everyMonths) {
		const month = (i % 12) + 1;
		if (!series.skipMonths?.includes(month)) result.push({ year: Math.floor(i / 12), month });
	}
	return result;
}

// ---------------------------------------------------------------------------------------------
// Quarter reports and their status history

export interface BuiltTransition {
	from: ReportStatus | null;
	to: ReportStatus;
	actorEmail: string;
	comment: string | null;
	at: Date;
}

export interface BuiltReport {
	atelier: AtelierSlug;
	quarter: Quarter;
	status: ReportStatus;
	noActivities: boolean;
	networkMembers: number;
	returnComment: string | null;
	createdAt: Date;
	updatedAt: Date;
	history: BuiltTransition[];
}

export function kartrekkerOf(atelier: AtelierSlug): string {
	const user = USERS.find(
		(u) => u.role === 'kartrekker' && (u.ateliers as readonly string[]).includes(atelier)
	);
	if (!user) throw new Error(`Demodata: atelier ${atelier} heeft geen kartrekker`);
	return user.email;
}

function plannedReports(): DemoReport[] {
	const quarters = quartersBetween('2020Q1', '2022Q4');
	const early = Object.entries(NETWORK_MEMBERS_2020_2022).flatMap(([atelier, members]) => {
		if (members.length !== quarters.length) {
			throw new Error(
				`Demodata: netwerkleden van ${atelier} moeten ${quarters.length} kwartalen beslaan`
			);
		}
		return quarters.map((quarter, i): DemoReport => ({
			atelier: atelier as AtelierSlug,
			quarter,
			status: 'goedgekeurd',
			networkMembers: members[i]
		}));
	});
	return [...early, ...REPORTS_2023];
}

/**
 * The kartrekker starts the report early in the quarter and submits it within the month after;
 * management decides a few days later (all within the due month, quarter_due_months = 1).
 */
function history(report: DemoReport): BuiltTransition[] {
	const random = prng(`${report.atelier}|${report.quarter}`);
	const kartrekker = kartrekkerOf(report.atelier);
	const { start, end } = quarterDates(report.quarter);
	const started = moment(
		start,
		between(random, 2, 16),
		between(random, 7, 14),
		between(random, 0, 59)
	);
	const submittedDay = between(random, 4, 17);
	const submitted = moment(end, submittedDay, between(random, 8, 15), between(random, 0, 59));
	const decided = moment(
		end,
		submittedDay + between(random, 2, 8),
		between(random, 8, 15),
		between(random, 0, 59)
	);

	const steps: BuiltTransition[] = [
		{ from: null, to: 'concept', actorEmail: kartrekker, comment: null, at: started }
	];
	if (report.status === 'concept') return steps;
	steps.push({
		from: 'concept',
		to: 'ingediend',
		actorEmail: kartrekker,
		comment: null,
		at: submitted
	});
	if (report.status === 'ingediend') return steps;
	if (report.status === 'teruggestuurd') {
		if (!report.returnComment) throw new Error('Demodata: teruggestuurd zonder toelichting');
		steps.push({
			from: 'ingediend',
			to: 'teruggestuurd',
			actorEmail: BEHEER_EMAIL,
			comment: report.returnComment,
			at: decided
		});
		return steps;
	}
	steps.push({
		from: 'ingediend',
		to: 'goedgekeurd',
		actorEmail: BEHEER_EMAIL,
		comment: null,
		at: decided
	});
	return steps;
}

export function buildReports(): BuiltReport[] {
	return plannedReports().map((report) => {
		const steps = history(report);
		return {
			atelier: report.atelier,
			quarter: report.quarter,
			status: report.status,
			noActivities: report.noActivities ?? false,
			networkMembers: report.networkMembers,
			returnComment: report.returnComment ?? null,
			createdAt: steps[0].at,
			updatedAt: steps[steps.length - 1].at,
			history: steps
		};
	});
}

// ---------------------------------------------------------------------------------------------
// Activities

export type FullParticipants = Required<Participants>;

export interface BuiltActivity {
	atelier: AtelierSlug;
	quarter: Quarter;
	date: string;
	title: string;
	kind: ActivityKind;
	isPublic: boolean;
	participants: FullParticipants;
	location: LocationName | null;
	venue: string;
	description: string;
	organisations: readonly OrganisationName[];
}

const GROUPS: readonly ParticipantGroup[] = [
	'professionals',
	'bewoners',
	'studenten',
	'beleidsmedewerkers',
	'onderzoekersDocenten',
	'ervaringsdeskundigen'
];

function complete(p: Participants, what: string): FullParticipants {
	const full: FullParticipants = {
		total: p.total,
		professionals: p.professionals ?? 0,
		bewoners: p.bewoners ?? 0,
		studenten: p.studenten ?? 0,
		beleidsmedewerkers: p.beleidsmedewerkers ?? 0,
		onderzoekersDocenten: p.onderzoekersDocenten ?? 0,
		ervaringsdeskundigen: p.ervaringsdeskundigen ?? 0
	};
	const sum = GROUPS.reduce((s, g) => s + full[g], 0);
	// The database checks this too; failing here names the record.
	if (sum > full.total)
		throw new Error(`Demodata: meer deelnemers per groep dan totaal bij ${what}`);
	return full;
}

function fromActivity(a: DemoActivity): BuiltActivity {
	return {
		atelier: a.atelier,
		quarter: quarterOfDate(a.date),
		date: a.date,
		title: a.title,
		kind: a.kind,
		isPublic: a.isPublic,
		participants: complete(a.participants, `${a.date} ${a.title}`),
		location: a.location,
		venue: a.venue,
		description: a.description ?? '',
		organisations: a.organisations
	};
}

function expandSeries(series: DemoSeries): BuiltActivity[] {
	const shares = Object.values(series.participants.mix).reduce((s, v) => s + (v ?? 0), 0);
	if (shares > 1)
		throw new Error(`Demodata: aandelen van ${series.titles[0]} tellen op tot meer dan 1`);
	return monthsOf(series).map(({ year, month }, i) => {
		const date = nthWeekday(year, month, series.weekday, series.nth);
		const title = series.titles[i % series.titles.length];
		const random = prng(`${series.atelier}|${title}|${date}`);
		const total = between(random, series.participants.min, series.participants.max);
		const participants: Participants = { total };
		for (const group of GROUPS) {
			participants[group] = Math.floor(total * (series.participants.mix[group] ?? 0));
		}
		const online = series.onlineDuringCovid && date >= COVID_ONLINE.from && date <= COVID_ONLINE.to;
		const place = series.places[i % series.places.length];
		return fromActivity({
			atelier: series.atelier,
			date,
			title,
			kind: series.kind,
			isPublic: false,
			participants,
			location: online ? null : place.location,
			venue: online ? ONLINE_VENUE : place.venue,
			organisations: series.organisations,
			description: series.description
		});
	});
}

export function buildActivities(): BuiltActivity[] {
	const all = [
		...PUBLIC_KNOWLEDGE_MEETINGS_2020_2022.map(fromActivity),
		...OTHER_ACTIVITIES.map(fromActivity),
		...SERIES.flatMap(expandSeries)
	].sort((a, b) => a.date.localeCompare(b.date) || a.title.localeCompare(b.title));
	// The seed maps inserted rows back by (atelier, date, title), so that triple must be unique.
	const seen = new Set<string>();
	for (const a of all) {
		const key = activityKey(a.atelier, a.date, a.title);
		if (seen.has(key)) throw new Error(`Demodata: activiteit dubbel: ${key}`);
		seen.add(key);
	}
	return all;
}

export function activityKey(atelier: string, date: string, title: string): string {
	return `${atelier}|${date}|${title}`;
}

// ---------------------------------------------------------------------------------------------
// Students

export interface BuiltStudent {
	key: string;
	displayName: string;
	studentNumber: string;
}

function studentKey(group: StudentGroup, n: number): string {
	return `${group}:${n}`;
}

/** Display names like "Student 2021-07"; student numbers are obviously fake (9000001, ...). */
export function buildStudents(): BuiltStudent[] {
	let next = 9_000_001;
	return (Object.keys(STUDENT_GROUPS) as StudentGroup[]).flatMap((group) => {
		const { prefix, size } = STUDENT_GROUPS[group];
		return Array.from({ length: size }, (_, i) => ({
			key: studentKey(group, i + 1),
			displayName: `Student ${prefix}${String(i + 1).padStart(2, '0')}`,
			studentNumber: String(next++)
		}));
	});
}

export interface BuiltStudentParticipation {
	atelier: AtelierSlug;
	quarter: Quarter;
	studentKey: string;
	activity: StudentActivity;
	description: string;
}

export function buildStudentParticipations(): BuiltStudentParticipation[] {
	return STUDENT_WORK.flatMap((work) => {
		const { group, numbers } = work.students;
		const picked =
			numbers === 'all'
				? Array.from({ length: STUDENT_GROUPS[group].size }, (_, i) => i + 1)
				: numbers;
		return work.quarters.flatMap((quarter) =>
			picked.map((n) => ({
				atelier: work.atelier,
				quarter,
				studentKey: studentKey(group, n),
				activity: work.activity,
				description: work.description
			}))
		);
	});
}

/** The roster: every student who did something for an atelier is on that atelier's list. */
export function buildAtelierStudents(
	participations: readonly BuiltStudentParticipation[]
): { atelier: AtelierSlug; studentKey: string }[] {
	const pairs = new Map<string, { atelier: AtelierSlug; studentKey: string }>();
	for (const p of participations) {
		pairs.set(`${p.atelier}|${p.studentKey}`, { atelier: p.atelier, studentKey: p.studentKey });
	}
	return [...pairs.values()];
}

// ---------------------------------------------------------------------------------------------
// Partners

export interface BuiltPartnerInvolvement {
	atelier: AtelierSlug;
	quarter: Quarter;
	organisation: OrganisationName;
	role: string;
}

export function buildPartnerInvolvements(
	reports: readonly BuiltReport[]
): BuiltPartnerInvolvement[] {
	return PARTNERS.flatMap((group) =>
		group.partners.flatMap(([organisation, role, from = group.from, to = group.to]) =>
			reports
				.filter((r) => r.atelier === group.atelier && r.quarter >= from && r.quarter <= to)
				.map((r) => ({ atelier: group.atelier, quarter: r.quarter, organisation, role }))
		)
	);
}

// ---------------------------------------------------------------------------------------------
// Registries

/** Lower case without spaces and punctuation: "MIK & PIW Groep" -> "mikpiwgroep". */
export function normalizeOrganisationName(name: string): string {
	return name
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');
}

/**
 * Ateliers grouped for insertion: each group only refers to predecessors of earlier groups, so a
 * group can be inserted in one statement once the ids of the groups before it are known.
 */
export function atelierGenerations(): (typeof ATELIERS)[number][][] {
	const done = new Set<string>();
	const generations: (typeof ATELIERS)[number][][] = [];
	let rest: (typeof ATELIERS)[number][] = [...ATELIERS];
	while (rest.length > 0) {
		const ready = rest.filter((a) => a.predecessor === null || done.has(a.predecessor));
		if (ready.length === 0) throw new Error('Demodata: voorgangers van ateliers vormen een kring');
		for (const a of ready) done.add(a.slug);
		generations.push(ready);
		rest = rest.filter((a) => !done.has(a.slug));
	}
	return generations;
}
