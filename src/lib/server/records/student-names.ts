import type { Kysely } from 'kysely';
import { can } from '../auth/policy';
import type { SessionUser } from '../auth/guards';
import type { Database } from '../db/types';

/** What stands where a student's name would, for who may not read the roster. */
export const HIDDEN_STUDENT = '(afgeschermd)';

export interface RosterEntry {
	/** The picker value, '#12'. */
	value: string;
	name: string;
	/** Name with student number, as pickers show it. */
	label: string;
}

/**
 * An atelier's roster, or null when this user may not read the names. The one gate for student
 * names on pages (quarter page, review): the policy's 'roster.read', i.e. management and the
 * atelier's own kartrekkers. Lists across ateliers (the drill-down) apply the same rule through
 * rosterAtelierIds.
 */
export async function rosterEntries(
	db: Kysely<Database>,
	user: SessionUser,
	atelierId: number
): Promise<RosterEntry[] | null> {
	if (!can(user, 'roster.read', { atelierId })) return null;
	const rows = await db
		.selectFrom('atelier_students as a')
		.innerJoin('students as s', 's.id', 'a.student_id')
		.select(['s.id', 's.display_name', 's.student_number'])
		.where('a.atelier_id', '=', atelierId)
		.orderBy('s.display_name')
		.execute();
	return rows.map((s) => ({
		value: `#${s.id}`,
		name: s.display_name,
		label: s.student_number ? `${s.display_name} (${s.student_number})` : s.display_name
	}));
}

/** Picker value -> label, or null when the user may not read the names (see rosterEntries). */
export async function rosterNames(
	db: Kysely<Database>,
	user: SessionUser,
	atelierId: number
): Promise<Map<string, string> | null> {
	const entries = await rosterEntries(db, user, atelierId);
	return entries && new Map(entries.map((e) => [e.value, e.label]));
}
