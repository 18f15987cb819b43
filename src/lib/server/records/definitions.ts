import type { Insertable } from 'kysely';
import type { z } from 'zod';
import type { Executor } from '../audit/index';
import type { Database } from '../db/types';
import { parseInput } from '../errors';
import type { RecordType } from './schemas';

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

/** A registry look-up, shared through the context's memo when there is one. */
export const lookup = <T>(ctx: PrepareContext, key: string, compute: () => Promise<T>) =>
	ctx.memo ? ctx.memo(key, compute) : compute();

/** One page of a record list: how many to skip and to show. */
export interface Slice {
	limit: number;
	offset: number;
}

export type Table =
	| 'activities'
	| 'student_participations'
	| 'partner_involvements'
	| 'publications'
	| 'reach'
	| 'highlights';

/** The columns a record kind writes; report_id is set by the service. */
export type RowOf<T extends Table> = Omit<Insertable<Database[T]>, 'report_id'>;

/** What a kind's prepare returns: annotate it, so TypeScript also refuses a column that does not exist. */
export interface Prepared<T extends Table> {
	row: RowOf<T>;
	organisationIds?: number[];
}

/** A record validated by its kind's schema, turned into column values inside the transaction. */
export interface PreparedRecord {
	row: Record<string, unknown>;
	/** For activities: the partner organisations, written to activity_organisations. */
	organisationIds?: number[];
}
export interface ParsedRecord {
	/** The validated values (numbers, booleans, null for empty), as the schema made them. */
	values: Readonly<Record<string, unknown>>;
	prepare: (trx: Executor, ctx: PrepareContext) => Promise<PreparedRecord>;
}

/**
 * A record kind as the service uses it. `define` below checks each kind against the database
 * types once (the columns it writes, the rows it reads) and then erases them, so the service can
 * handle every kind alike.
 */
export interface Definition {
	table: Table;
	/** Validates form or import values; throws ValidationError with Dutch messages per field. */
	parse: (quarter: string, values: Record<string, unknown>) => ParsedRecord;
	/** The report's records in page order; one by id, or one page (slice) of them. */
	load: (db: Executor, reportId: number, id?: number, slice?: Slice) => Promise<RecordItem[]>;
}

interface Versioned {
	id: number;
	version: number;
}

/**
 * Declares one record kind: its table, its schema, how validated input becomes a row of that table
 * (a column that does not exist, or a value of the wrong type, is a compile error) and how its
 * stored rows become form values.
 */
export function define<
	T extends Table,
	S extends z.ZodType<Record<string, unknown>>,
	R extends Versioned
>(kind: {
	table: T;
	schema: (quarter: string) => S;
	prepare: (trx: Executor, ctx: PrepareContext, input: z.output<S>) => Promise<Prepared<T>>;
	rows: (
		db: Executor,
		reportId: number,
		id: number | undefined,
		slice: Slice | undefined
	) => Promise<R[]>;
	present: (row: R) => Pick<RecordItem, 'values' | 'summary'>;
}): Definition {
	return {
		table: kind.table,
		parse: (quarter, values) => {
			const input = parseInput(kind.schema(quarter), values);
			return { values: input, prepare: (trx, ctx) => kind.prepare(trx, ctx, input) };
		},
		load: async (db, reportId, id, slice) =>
			(await kind.rows(db, reportId, id, slice)).map((r) => ({
				id: r.id,
				version: r.version,
				...kind.present(r)
			}))
	};
}

/** Text for a form field: '' for an empty value. */
export const text = (v: string | number | null | undefined) =>
	v === null || v === undefined ? '' : String(v);

export type { RecordType };
