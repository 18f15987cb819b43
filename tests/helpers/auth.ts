import type { Kysely } from 'kysely';
import type { Database, Role } from '../../src/lib/server/db/types';
import { createUser } from '../../src/lib/server/users/accounts';

export async function atelier(db: Kysely<Database>, slug: string): Promise<number> {
	const { id } = await db
		.insertInto('ateliers')
		.values({
			slug,
			name: `Atelier ${slug}`,
			active_from: '2023Q1',
			active_to: null,
			predecessor_id: null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

export async function user(
	db: Kysely<Database>,
	email: string,
	role: Role,
	password = 'correct-horse-battery',
	atelierIds: number[] = []
): Promise<number> {
	return createUser(db, null, { name: email.split('@')[0], email, role, atelierIds }, password);
}
