import fc from 'fast-check';
import {
	ACTIVITY_KINDS,
	PUBLICATION_KINDS,
	STUDENT_ACTIVITIES
} from '../../src/lib/records/fields';
import type { RecordType } from '../../src/lib/server/records/schemas';

// The model of what a user did to one atelier's quarters, for tests/paths.property.test.ts:
// every record as its edit form shows it (text values), the status and the network members of
// each quarter, and the organisations in the register. It predicts which operations the app
// refuses (a partner or place twice in a quarter, more participants per group than in total, an
// unknown organisation, a locked quarter), without any of the app's code.

export type Values = Record<string, string | string[]>;

export interface Pools {
	organisations: string[];
	locations: string[];
	/** The roster: how the form names a student (#id) and how the template does. */
	students: { value: string; excel: string }[];
}

/** A record before it is placed in a quarter: indices into the pools, a day in the quarter. */
export type Draft = { type: RecordType; fields: Record<string, unknown> };

export const NEW_ORGANISATION = 'Buurtteam Nieuw';

const text = (...options: string[]) => fc.constantFrom(...options);
const day = fc.record({ month: fc.nat(2), day: fc.integer({ min: 1, max: 28 }) });
const count = fc.nat(6);

export const draftArb: fc.Arbitrary<Draft> = fc.oneof(
	fc.record({
		type: fc.constant('activity' as const),
		fields: fc.record({
			date: day,
			title: text('Wijkgesprek', 'Intervisie', 'Symposium "zorg" & welzijn', '<b>Leren</b>'),
			kind: fc.constantFrom(...ACTIVITY_KINDS),
			is_public: fc.boolean(),
			// mostly at least the groups' sum; sometimes fewer (refused)
			extra: fc.integer({ min: -2, max: 8 }),
			groups: fc.array(count, { minLength: 6, maxLength: 6 }),
			location: fc.option(fc.nat(), { nil: null }),
			venue: text('', 'Buurthuis'),
			description: text('', 'Met bewoners en professionals'),
			organisations: fc.uniqueArray(fc.nat(3), { maxLength: 2 })
		})
	}),
	fc.record({
		type: fc.constant('student' as const),
		fields: fc.record({
			student: fc.nat(),
			activity: fc.constantFrom(...STUDENT_ACTIVITIES),
			description: text('', 'Stage in de wijk')
		})
	}),
	fc.record({
		type: fc.constant('partner' as const),
		fields: fc.record({ organisation: fc.nat(2), role: text('', 'gastheer', 'co-auteur') })
	}),
	fc.record({
		type: fc.constant('publication' as const),
		fields: fc.record({
			date: day,
			title: text('Verslag', "Boekje 'Over leven'"),
			kind: fc.constantFrom(...PUBLICATION_KINDS),
			url: text('', 'https://www.zuyd.nl/verslag?a=1&b=2'),
			authors: text('', 'Els en Jan')
		})
	}),
	fc.record({
		type: fc.constant('reach' as const),
		fields: fc.record({
			location: fc.nat(),
			resident_conversations: fc.nat(40),
			professionals_reached: fc.nat(12)
		})
	}),
	fc.record({
		type: fc.constant('highlight' as const),
		fields: fc.record({
			title: text('Trots op de buurt', 'Wijkfeest'),
			body: text('', 'Een mooie middag'),
			quote: fc.boolean(),
			url: text('', 'https://zuyd.nl/trots'),
			in_report: fc.boolean()
		})
	})
);

/** The form values of a draft in a quarter (as the edit form would show the stored record). */
export function valuesOf(draft: Draft, quarter: string, pools: Pools): Values {
	const f = draft.fields as Record<string, never>;
	const date = (d: { month: number; day: number }) => {
		const month = (Number(quarter.slice(5)) - 1) * 3 + 1 + d.month;
		return `${quarter.slice(0, 4)}-${String(month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
	};
	const pick = <T>(items: T[], i: number) => items[i % items.length];
	switch (draft.type) {
		case 'activity': {
			const groups = f.groups as unknown as number[];
			const sum = groups.reduce((a, b) => a + b, 0);
			const values: Values = {
				date: date(f.date),
				title: f.title,
				kind: f.kind,
				is_public: f.is_public ? 'on' : '',
				participants_total: String(Math.max(0, sum + (f.extra as number))),
				location: f.location === null ? '' : pick(pools.locations, f.location),
				venue: f.venue,
				description: f.description,
				organisations: (f.organisations as unknown as number[])
					.map((i) => pools.organisations[i])
					.sort()
			};
			GROUPS.forEach((g, i) => (values[g] = String(groups[i])));
			return values;
		}
		case 'student':
			return {
				student: pick(pools.students, f.student).value,
				activity: f.activity,
				description: f.description
			};
		case 'partner':
			return {
				organisation: pools.organisations[f.organisation],
				organisation_kind: '',
				municipality: '',
				role: f.role
			};
		case 'publication':
			return { date: date(f.date), title: f.title, kind: f.kind, url: f.url, authors: f.authors };
		case 'reach':
			return {
				location: pick(pools.locations, f.location),
				resident_conversations: String(f.resident_conversations),
				professionals_reached: String(f.professionals_reached)
			};
		case 'highlight':
			return {
				title: f.title,
				body: f.body,
				quote: f.quote ? 'Het werkt' : '',
				quote_speaker: f.quote ? 'Els' : '',
				quote_role: f.quote ? 'bewoner' : '',
				url: f.url,
				in_report: f.in_report ? 'on' : ''
			};
	}
}

export const GROUPS = [
	'professionals',
	'bewoners',
	'studenten',
	'beleidsmedewerkers',
	'onderzoekers_docenten',
	'ervaringsdeskundigen'
] as const;

/** Fields an edit may touch together (an activity's participants are one group of fields). */
export function touchable(type: RecordType): string[][] {
	switch (type) {
		case 'activity':
			return [
				['date'],
				['title'],
				['kind'],
				['is_public'],
				['participants_total'],
				[...GROUPS],
				['location'],
				['venue'],
				['description'],
				['organisations']
			];
		case 'student':
			return [['student'], ['activity'], ['description']];
		case 'partner':
			return [['organisation'], ['role']];
		case 'publication':
			return [['date'], ['title'], ['kind'], ['url'], ['authors']];
		case 'reach':
			return [['location'], ['resident_conversations'], ['professionals_reached']];
		case 'highlight':
			return [
				['title'],
				['body'],
				['quote', 'quote_speaker', 'quote_role'],
				['url'],
				['in_report']
			];
	}
}

export interface QuarterModel {
	status: 'concept' | 'ingediend' | 'goedgekeurd' | 'teruggestuurd';
	network: number | null;
	records: Record<RecordType, Values[]>;
}

export const emptyQuarter = (): QuarterModel => ({
	status: 'concept',
	network: null,
	records: { activity: [], student: [], partner: [], publication: [], reach: [], highlight: [] }
});

/** A comparable form of a record's values (organisations as a sorted list). */
export function normal(values: Values): string {
	return JSON.stringify(
		Object.keys(values)
			.sort()
			.map((k) => [k, Array.isArray(values[k]) ? [...values[k]].sort() : values[k]])
	);
}

/** Why the app refuses this record in the quarter (null: it is accepted), ignoring `except`. */
export function refusal(
	q: QuarterModel,
	type: RecordType,
	values: Values,
	register: Set<string>,
	except?: Values
): string | null {
	const others = q.records[type].filter((r) => r !== except);
	if (type === 'activity') {
		const sum = GROUPS.reduce((s, g) => s + Number(values[g]), 0);
		if (sum > Number(values.participants_total)) return 'groepen groter dan totaal';
		if ((values.organisations as string[]).some((o) => !register.has(o)))
			return 'onbekende organisatie';
	}
	if (type === 'partner' && others.some((r) => r.organisation === values.organisation))
		return 'partner dubbel';
	if (type === 'partner' && !register.has(values.organisation as string))
		return 'onbekende organisatie';
	if (type === 'reach' && others.some((r) => r.location === values.location))
		return 'bereik dubbel';
	return null;
}

export const editable = (q: QuarterModel) => q.status === 'concept' || q.status === 'teruggestuurd';
