import { z } from 'zod';
import type { ActivityKind, OrganisationKind, PublicationKind, StudentActivity } from '../db/types';
import {
	count,
	dateInQuarter,
	nameList,
	nullableText,
	oneOf,
	optionalCount,
	optionalText,
	optionalUrl,
	requiredText,
	yesNo
} from './fields';
import * as KIND_LISTS from '../../records/fields';
import { RECORDED_PARTICIPANT_GROUPS } from '../../labels';

// One definition of each list of kinds (client-safe, also used by the forms and the template),
// typed here against the database's column types.
export const ACTIVITY_KINDS: readonly ActivityKind[] = KIND_LISTS.ACTIVITY_KINDS;
export const STUDENT_ACTIVITIES: readonly StudentActivity[] = KIND_LISTS.STUDENT_ACTIVITIES;
export const PUBLICATION_KINDS: readonly PublicationKind[] = KIND_LISTS.PUBLICATION_KINDS;
export const ORGANISATION_KINDS: readonly OrganisationKind[] = KIND_LISTS.ORGANISATION_KINDS;

export { RECORD_TYPES, type RecordType } from '../../records/fields';

/**
 * One schema per quarter, built once: zod compiles a schema on its first parse (about 2 ms), so a
 * schema built per record made a 500-row import spend a second in zod alone. Quarters are few;
 * the cache is emptied if it ever holds more than a few hundred.
 */
function perQuarter<T>(build: (quarter: string) => T): (quarter: string) => T {
	const built = new Map<string, T>();
	return (quarter) => {
		let schema = built.get(quarter);
		if (!schema) {
			if (built.size >= 400) built.clear();
			schema = build(quarter);
			built.set(quarter, schema);
		}
		return schema;
	};
}

/** The participant counts alone: the groups-within-total check runs whenever these parse. */
const participantCounts = z.object({
	participants_total: count,
	professionals: count,
	bewoners: count,
	studenten: count,
	beleidsmedewerkers: count,
	onderzoekers_docenten: count,
	ervaringsdeskundigen: count
});
type ParticipantCounts = z.infer<typeof participantCounts>;
const groupSum = (a: ParticipantCounts) =>
	RECORDED_PARTICIPANT_GROUPS.reduce((s, g) => s + a[g], 0);

export const activitySchema = perQuarter((quarter: string) =>
	z
		.object({
			date: dateInQuarter(quarter),
			title: requiredText('Vul een titel in.'),
			kind: oneOf(ACTIVITY_KINDS, 'een soort bijeenkomst'),
			is_public: yesNo,
			...participantCounts.shape,
			location: optionalText(300),
			venue: optionalText(300),
			description: optionalText(4000),
			organisations: nameList
		})
		// `when`: also in the first round of errors, while the date or kind is still wrong (zod
		// would otherwise skip an object's refinement once one of its fields failed)
		.refine((a) => groupSum(a) <= a.participants_total, {
			path: ['participants_total'],
			when: (payload) => participantCounts.safeParse(payload.value).success,
			error: (issue) => {
				const a = participantCounts.parse(issue.input);
				return `De deelnemers per groep (samen ${groupSum(a)}) zijn meer dan het totaal (${a.participants_total}).`;
			}
		})
);

export const studentParticipationSchema = z.object({
	student: requiredText('Kies een student uit het overzicht.'),
	activity: oneOf(STUDENT_ACTIVITIES, 'wat de student deed'),
	description: optionalText(2000)
});

export const partnerSchema = z.object({
	organisation: requiredText('Kies of vul een organisatie in.', 200),
	organisation_kind: optionalText(50),
	municipality: optionalText(200),
	role: optionalText(1000)
});

export const publicationSchema = perQuarter((quarter: string) =>
	z.object({
		date: dateInQuarter(quarter),
		title: requiredText('Vul een titel in.'),
		kind: oneOf(PUBLICATION_KINDS, 'een soort publicatie'),
		url: optionalUrl,
		authors: optionalText(1000)
	})
);

export const reachSchema = z.object({
	location: requiredText('Kies een wijk of stadsdeel.'),
	resident_conversations: count,
	professionals_reached: count
});

export const highlightSchema = z
	.object({
		title: requiredText('Vul een titel in.'),
		body: optionalText(4000),
		quote: nullableText(2000),
		quote_speaker: nullableText(200),
		quote_role: nullableText(200),
		url: optionalUrl,
		in_report: yesNo
	})
	.superRefine((h, ctx) => {
		if (h.quote && !h.quote_speaker)
			ctx.addIssue({
				code: 'custom',
				path: ['quote_speaker'],
				message: 'Vul in wie dit citaat uitsprak.'
			});
		// a speaker or role without a quote would be dropped on saving: say so instead
		if (!h.quote && (h.quote_speaker || h.quote_role))
			ctx.addIssue({
				code: 'custom',
				path: ['quote'],
				message: 'Vul het citaat in, of laat de spreker en de rol leeg.'
			});
	});

export const reportDetailsSchema = z.object({
	network_members: optionalCount,
	no_activities: yesNo
});
