import type { Kysely } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../audit/index';
import type { SessionUser } from '../auth/guards';
import type { Database } from '../db/types';
import { assertWriter } from '../reports/report';
import { ActionError, parseInput, ValidationError } from '../errors';
import { optionalText, requiredText } from './fields';

export interface RosterStudent {
	id: number;
	displayName: string;
	studentNumber: string | null;
	participations: number;
}

const studentSchema = z.object({
	display_name: requiredText('Vul een naam (of roepnaam) in.', 200),
	student_number: optionalText(50).refine((v) => v === '' || /^[A-Za-z0-9-]+$/.test(v), {
		message: 'Een studentnummer bestaat uit letters, cijfers en streepjes.'
	})
});

export async function listRoster(
	db: Kysely<Database>,
	atelierId: number
): Promise<RosterStudent[]> {
	const rows = await db
		.selectFrom('atelier_students as a')
		.innerJoin('students as s', 's.id', 'a.student_id')
		.select((eb) => [
			's.id',
			's.display_name',
			's.student_number',
			eb
				.selectFrom('student_participations as p')
				.innerJoin('quarter_reports as r', 'r.id', 'p.report_id')
				.select((e) => e.fn.countAll<number>().as('n'))
				.whereRef('p.student_id', '=', 's.id')
				.where('r.atelier_id', '=', atelierId)
				.as('participations')
		])
		.where('a.atelier_id', '=', atelierId)
		.orderBy('s.display_name')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		displayName: r.display_name,
		studentNumber: r.student_number,
		participations: Number(r.participations ?? 0)
	}));
}

export const NUMBER_NAME_MISMATCH =
	'Naam en studentnummer horen niet bij elkaar. Controleer ze, of laat het studentnummer leeg.';

/** Names compared as a person would: case, accents' composition and spacing do not matter. */
const sameName = (a: string, b: string) => {
	const norm = (v: string) =>
		v.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('nl');
	return norm(a) === norm(b);
};

/**
 * Adds a student to the atelier's roster. A student number that is already known links that
 * student only when the name matches too: a guessed number never reveals who it belongs to
 * (issue 13). The refusal says only that name and number do not belong together, whether the
 * number belongs to someone else or not.
 */
export async function addToRoster(
	db: Kysely<Database>,
	actor: SessionUser,
	atelierId: number,
	values: Record<string, unknown>
): Promise<number> {
	assertWriter(actor, atelierId);
	const { display_name, student_number } = parseInput(studentSchema, values);
	return db.transaction().execute(async (trx) => {
		const existing = student_number
			? await trx
					.selectFrom('students')
					.select(['id', 'display_name', 'student_number'])
					.where('student_number', '=', student_number)
					.executeTakeFirst()
			: undefined;
		if (existing && !sameName(existing.display_name, display_name))
			throw new ValidationError({ student_number: NUMBER_NAME_MISMATCH });
		const student =
			existing ??
			(await trx
				.insertInto('students')
				.values({ display_name, student_number: student_number || null })
				.returning(['id', 'display_name', 'student_number'])
				.executeTakeFirstOrThrow());
		const linked = await trx
			.insertInto('atelier_students')
			.values({ atelier_id: atelierId, student_id: student.id })
			.onConflict((oc) => oc.doNothing())
			.returning('student_id')
			.executeTakeFirst();
		if (!linked)
			throw new ValidationError({ student_number: 'Deze student staat al in het overzicht.' });
		// what the roster now holds, not what was typed
		await recordAudit(trx, {
			actorId: actor.id,
			entity: 'atelier_student',
			entityId: student.id,
			atelierId,
			action: 'create',
			after: {
				student_id: student.id,
				display_name: student.display_name,
				student_number: student.student_number,
				linked_existing: Boolean(existing)
			}
		});
		return student.id;
	});
}

/** Removes a student from the roster; refused while the student has participations here. */
export async function removeFromRoster(
	db: Kysely<Database>,
	actor: SessionUser,
	atelierId: number,
	studentId: number
): Promise<void> {
	assertWriter(actor, atelierId);
	await db.transaction().execute(async (trx) => {
		const used = await trx
			.selectFrom('student_participations as p')
			.innerJoin('quarter_reports as r', 'r.id', 'p.report_id')
			.select('p.id')
			.where('p.student_id', '=', studentId)
			.where('r.atelier_id', '=', atelierId)
			.executeTakeFirst();
		if (used)
			throw new ActionError(
				'Deze student heeft deelnames in een kwartaal en blijft daarom in het overzicht.',
				409
			);
		const removed = await trx
			.deleteFrom('atelier_students')
			.where('atelier_id', '=', atelierId)
			.where('student_id', '=', studentId)
			.returning('student_id')
			.executeTakeFirst();
		if (!removed) throw new ActionError('Deze student staat niet (meer) in het overzicht.', 404);
		await recordAudit(trx, {
			actorId: actor.id,
			entity: 'atelier_student',
			entityId: studentId,
			atelierId,
			action: 'delete'
		});
	});
}
