import type { Kysely } from 'kysely';
import type { Database } from '../db/types';
import { parseInput } from '../errors';
import { userFormValues, userSchema } from './forms';
import type { UserInput } from './types';

export interface AtelierChoice {
	id: number;
	slug: string;
	name: string;
}

/** Ateliers to assign to kartrekkers: every atelier, active ones first. */
export async function atelierChoices(db: Kysely<Database>): Promise<AtelierChoice[]> {
	return db
		.selectFrom('ateliers')
		.select(['id', 'slug', 'name'])
		.orderBy((eb) => eb('active_to', 'is', null), 'desc')
		.orderBy('name')
		.execute();
}

/** Reads and validates a user form; throws ValidationError with the messages per field. */
export function parseUserForm(form: FormData): UserInput {
	return parseInput(userSchema, userFormValues(form));
}

export function passwordLinkUrl(origin: string, token: string): string {
	return `${origin}/wachtwoord-instellen/${token}`;
}
