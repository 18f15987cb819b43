import { fail, type ActionFailure } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types';
import { fieldErrors, userFormValues, userSchema } from './forms';
import { UserError, type UserInput } from './service';

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

type FormValues = ReturnType<typeof userFormValues>;
type Failure = ActionFailure<{ values: FormValues; errors: Record<string, string> }>;

/** Parses a user form: the input, or the `fail(400, { values, errors })` to return. */
export function parseUserForm(form: FormData): { input: UserInput } | { failure: Failure } {
	const values = userFormValues(form);
	const parsed = userSchema.safeParse(values);
	if (!parsed.success) return { failure: fail(400, { values, errors: fieldErrors(parsed.error) }) };
	return { input: parsed.data };
}

/** Turns a UserError into the form failure shown next to its field; rethrows anything else. */
export function userErrorFailure(
	error: unknown,
	values: FormValues | Record<string, never> = {}
): ActionFailure<{ values: FormValues | Record<string, never>; errors: Record<string, string> }> {
	if (!(error instanceof UserError)) throw error;
	return fail(error.status, { values, errors: { [error.field]: error.message } });
}

export function passwordLinkUrl(origin: string, token: string): string {
	return `${origin}/wachtwoord-instellen/${token}`;
}
