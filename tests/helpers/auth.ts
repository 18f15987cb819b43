import type { Kysely } from 'kysely';
import { createAuth, type Auth } from '../../src/lib/server/auth/better-auth';
import type { Database, Role } from '../../src/lib/server/db/types';
import { createUser } from '../../src/lib/server/users/service';

export const TEST_SECRET = 'test-secret-that-is-long-enough-0123456789abcdef';

export function testAuth(db: Kysely<Database>, baseURL = 'http://127.0.0.1:3000'): Auth {
	return createAuth(db, { secret: TEST_SECRET, baseURL });
}

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

/** The cookie header a browser would send after this Set-Cookie. */
export function cookieFrom(setCookie: string | null): string {
	if (!setCookie) throw new Error('no Set-Cookie');
	return setCookie
		.split(/,(?=\s*[\w.-]+=)/)
		.map((c) => c.split(';')[0].trim())
		.filter((c) => !c.endsWith('='))
		.join('; ');
}
