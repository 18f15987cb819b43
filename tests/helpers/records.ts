import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/guards';
import type { Database } from '../../src/lib/server/db/types';
import { ActionError, ValidationError } from '../../src/lib/server/errors';
import type { RecordType } from '../../src/lib/server/records/schemas';
import {
	deleteRecord,
	saveRecord,
	saveReportDetails,
	type Target
} from '../../src/lib/server/records/service';
import type { QuarterRef } from '../../src/lib/server/reports/report';
import { transition, type Transition } from '../../src/lib/server/reports/workflow';
import { atelier, user } from './auth';
import { sessionUser } from './demo-db';

export interface RecordsFixture {
	atelierId: number;
	otherAtelierId: number;
	kartrekker: SessionUser;
	outsider: SessionUser;
	boss: SessionUser;
	council: SessionUser;
}

const session = (id: number, role: SessionUser['role'], atelierIds: number[] = []) =>
	sessionUser(role, atelierIds, id);

/** Two ateliers, a kartrekker of the first, one of the second, management and council. */
export async function recordsFixture(db: Kysely<Database>, prefix = 'r'): Promise<RecordsFixture> {
	const atelierId = await atelier(db, `${prefix}-a`);
	const otherAtelierId = await atelier(db, `${prefix}-b`);
	const k = await user(db, `${prefix}k@voorbeeld.nl`, 'kartrekker', undefined, [atelierId]);
	const o = await user(db, `${prefix}o@voorbeeld.nl`, 'kartrekker', undefined, [otherAtelierId]);
	const m = await user(db, `${prefix}m@voorbeeld.nl`, 'management');
	const c = await user(db, `${prefix}c@voorbeeld.nl`, 'council');
	await db
		.insertInto('locations')
		.values([
			{ municipality: 'Sittard-Geleen', name: 'Geleen-Zuid', kind: 'wijk' },
			{ municipality: 'Stein', name: 'Nieuwdorp', kind: 'wijk' }
		])
		.onConflict((oc) => oc.doNothing())
		.execute();
	await db
		.insertInto('organisations')
		.values({ name: 'MIK & PIW Groep', normalized_name: 'mikpiwgroep', kind: 'welzijn' })
		.onConflict((oc) => oc.doNothing())
		.execute();
	const student = await db
		.insertInto('students')
		.values({ display_name: 'Sanne', student_number: `${prefix}123` })
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('atelier_students')
		.values({ atelier_id: atelierId, student_id: student.id })
		.execute();
	return {
		atelierId,
		otherAtelierId,
		kartrekker: session(k, 'kartrekker', [atelierId]),
		outsider: session(o, 'kartrekker', [otherAtelierId]),
		boss: session(m, 'management'),
		council: session(c, 'council')
	};
}

export const validActivity = {
	date: '2024-02-15',
	title: 'Wijkgesprek armoede',
	kind: 'kennisbijeenkomst',
	is_public: 'on',
	participants_total: '20',
	professionals: '8',
	bewoners: '10',
	studenten: '0',
	beleidsmedewerkers: '',
	onderzoekers_docenten: '',
	ervaringsdeskundigen: '2',
	location: 'Geleen-Zuid (Sittard-Geleen)',
	venue: 'Buurthuis',
	description: '',
	organisations: ['MIK & PIW Groep']
};

/** What the form of a record that does not exist yet sends along: no id and no version. */
export const NEW_RECORD: Target = { id: null, version: null };

type Values = Record<string, unknown>;
type Saved = { id: number; version: number };

/**
 * The record service and the workflow as one user calls them on one quarter, so that a test names
 * only what differs per call: the record type and values, the version the user saw, the transition.
 */
export function actingAs(db: Kysely<Database>, actor: SessionUser, ref: QuarterRef) {
	return {
		/** saveRecord of a new record. */
		add: (type: RecordType, values: Values) => saveRecord(db, actor, ref, type, NEW_RECORD, values),
		/** saveRecord of an existing record, based on the version the user saw. */
		update: (type: RecordType, target: Saved, values: Values) =>
			saveRecord(db, actor, ref, type, target, values),
		remove: (type: RecordType, target: Saved) => deleteRecord(db, actor, ref, type, target),
		saveDetails: (version: number, values: Values) =>
			saveReportDetails(db, actor, ref, version, values),
		transition: (kind: Transition, input: { version: number; comment?: string }) =>
			transition(db, actor, ref, kind, input)
	};
}

/** What `p` is rejected with; fails the test when `p` succeeds. */
export async function rejectionOf(p: Promise<unknown>): Promise<unknown> {
	return p.then(
		(value) => {
			throw new Error(`Verwacht een weigering, maar het lukte (${JSON.stringify(value)}).`);
		},
		(error: unknown) => error
	);
}

/** The per-field messages `p` is refused with; fails the test on success or on another error. */
export async function fieldErrors(p: Promise<unknown>): Promise<Record<string, string>> {
	const e = await rejectionOf(p);
	expect(e).toBeInstanceOf(ValidationError);
	return (e as ValidationError).errors;
}

/** Expects `p` to be refused with a ActionError of this HTTP status (and message). */
export async function expectRefused(
	p: Promise<unknown>,
	status: number,
	message?: RegExp
): Promise<void> {
	const e = await rejectionOf(p);
	expect(e).toBeInstanceOf(ActionError);
	expect((e as ActionError).status).toBe(status);
	if (message) expect((e as ActionError).message).toMatch(message);
}
