import type { Executor } from '../audit/index';
import {
	findOrganisationIds,
	locationLabel,
	resolveLocation,
	resolveOrganisation,
	resolveStudent
} from './registries';
import type { RecordType } from './schemas';
import { PARTICIPANT_GROUPS } from './schemas';
import { loadActivities, loadSimple, type Slice } from './load';

/** One record as the page shows it: form values (text) and a one-line summary. */
export interface RecordItem {
	id: number;
	version: number;
	values: Record<string, string | string[]>;
	summary: string;
}

export interface PrepareContext {
	atelierId: number;
	actorId: number;
	/**
	 * Shares registry look-ups between the rows of one import (2,000 rows naming the same place
	 * look it up once). Absent for a single form post.
	 */
	memo?: Memo;
}

export type Memo = <T>(key: string, compute: () => Promise<T>) => Promise<T>;

/** A memo for one import: the same key gives the same promise (its result or its refusal). */
export function createMemo(): Memo {
	const results = new Map<string, Promise<unknown>>();
	return <T>(key: string, compute: () => Promise<T>) => {
		let result = results.get(key) as Promise<T> | undefined;
		if (!result) {
			result = compute();
			results.set(key, result);
		}
		return result;
	};
}

const lookup = <T>(ctx: PrepareContext, key: string, compute: () => Promise<T>) =>
	ctx.memo ? ctx.memo(key, compute) : compute();

export type Table =
	| 'activities'
	| 'student_participations'
	| 'partner_involvements'
	| 'publications'
	| 'reach'
	| 'highlights';

interface Definition {
	table: Table;
	/** Turns validated input into column values (resolving names into ids). */
	prepare: (
		trx: Executor,
		ctx: PrepareContext,
		input: Record<string, unknown>
	) => Promise<{ row: Record<string, unknown>; organisationIds?: number[] }>;
	/** The report's records in page order; one by id, or one page (slice) of them. */
	load: (db: Executor, reportId: number, id?: number, slice?: Slice) => Promise<RecordItem[]>;
}

const s = (v: unknown) => (v === null || v === undefined ? '' : String(v));

export const DEFINITIONS: Record<RecordType, Definition> = {
	activity: {
		table: 'activities',
		prepare: async (trx, ctx, input) => {
			const location = input.location as string;
			const row: Record<string, unknown> = {
				date: input.date,
				title: input.title,
				kind: input.kind,
				is_public: input.is_public,
				participants_total: input.participants_total,
				location_id: await lookup(ctx, `location:${location}`, () =>
					resolveLocation(trx, location)
				),
				venue: input.venue,
				description: input.description
			};
			for (const [group] of PARTICIPANT_GROUPS) row[`participants_${group}`] = input[group];
			const names = input.organisations as string[];
			const organisationIds = await lookup(ctx, `organisations:${JSON.stringify(names)}`, () =>
				findOrganisationIds(trx, names, 'organisations')
			);
			return { row, organisationIds };
		},
		load: loadActivities
	},
	student: {
		table: 'student_participations',
		prepare: async (trx, ctx, input) => ({
			row: {
				student_id: await lookup(ctx, `student:${input.student}`, () =>
					resolveStudent(trx, ctx.atelierId, input.student as string)
				),
				activity: input.activity,
				description: input.description
			}
		}),
		load: (db, reportId, id, slice) =>
			loadSimple(
				db,
				'student',
				reportId,
				id,
				(r) => ({
					values: {
						student: `#${r.student_id}`,
						activity: s(r.activity),
						description: s(r.description)
					},
					// no name here: the quarter page adds it for who may read the roster (student-names.ts)
					summary: `${r.activity}${r.description ? ` — ${r.description}` : ''}`
				}),
				slice
			)
	},
	partner: {
		table: 'partner_involvements',
		prepare: async (trx, ctx, input) => ({
			row: {
				organisation_id: await lookup(
					ctx,
					`organisation:${JSON.stringify([input.organisation, input.organisation_kind, input.municipality])}`,
					() =>
						resolveOrganisation(trx, ctx.actorId, {
							organisation: input.organisation as string,
							organisation_kind: input.organisation_kind as string,
							municipality: input.municipality as string
						})
				),
				role: input.role
			}
		}),
		load: (db, reportId, id, slice) =>
			loadSimple(
				db,
				'partner',
				reportId,
				id,
				(r) => ({
					values: {
						organisation: s(r.organisation_name),
						organisation_kind: '',
						municipality: '',
						role: s(r.role)
					},
					summary: `${r.organisation_name}${r.role ? ` — ${r.role}` : ''}`
				}),
				slice
			)
	},
	publication: {
		table: 'publications',
		prepare: async (_trx, _ctx, input) => ({
			row: {
				date: input.date,
				title: input.title,
				kind: input.kind,
				url: input.url,
				authors: input.authors
			}
		}),
		load: (db, reportId, id, slice) =>
			loadSimple(
				db,
				'publication',
				reportId,
				id,
				(r) => ({
					values: {
						date: s(r.date),
						title: s(r.title),
						kind: s(r.kind),
						url: s(r.url),
						authors: s(r.authors)
					},
					summary: `${r.date} · ${r.kind}: ${r.title}`
				}),
				slice
			)
	},
	reach: {
		table: 'reach',
		prepare: async (trx, ctx, input) => ({
			row: {
				location_id: await lookup(ctx, `location:${input.location}`, () =>
					resolveLocation(trx, input.location as string)
				),
				resident_conversations: input.resident_conversations,
				professionals_reached: input.professionals_reached
			}
		}),
		load: (db, reportId, id, slice) =>
			loadSimple(
				db,
				'reach',
				reportId,
				id,
				(r) => {
					const label = locationLabel({
						name: s(r.location_name),
						municipality: s(r.location_municipality)
					});
					return {
						values: {
							location: label,
							resident_conversations: s(r.resident_conversations),
							professionals_reached: s(r.professionals_reached)
						},
						summary: `${label}: ${r.resident_conversations} gesprekken met bewoners, ${r.professionals_reached} professionals bereikt`
					};
				},
				slice
			)
	},
	highlight: {
		table: 'highlights',
		prepare: async (_trx, _ctx, input) => ({
			row: {
				title: input.title,
				body: input.body,
				quote: input.quote,
				quote_speaker: input.quote ? input.quote_speaker : null,
				quote_role: input.quote ? input.quote_role : null,
				url: input.url,
				in_report: input.in_report
			}
		}),
		load: (db, reportId, id, slice) =>
			loadSimple(
				db,
				'highlight',
				reportId,
				id,
				(r) => ({
					values: {
						title: s(r.title),
						body: s(r.body),
						quote: s(r.quote),
						quote_speaker: s(r.quote_speaker),
						quote_role: s(r.quote_role),
						url: s(r.url),
						in_report: r.in_report ? 'on' : ''
					},
					summary: `${r.title}${r.in_report ? ' (voor het verslag aan de financier)' : ''}`
				}),
				slice
			)
	}
};
