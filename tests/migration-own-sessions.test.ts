import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../migrations/index';
import * as ownSessions from '../migrations/2026_12_01_1620_own_sessions_and_sso';
import { verifyPassword } from '../src/lib/server/auth/password';
import type { DbHandle } from '../src/lib/server/db/connect';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { hashPassword } from '../src/lib/server/auth/password';
import { createTestDb } from './helpers/test-db';

// The move from better-auth's tables to our own keeps every password, and its down gives them back.
describe('migration 2026_12_01_1620_own_sessions_and_sso', () => {
	let handle: DbHandle;
	const before = Object.fromEntries(
		Object.entries(migrations).filter(([name]) => name < '2026_12_01_1620')
	);
	beforeAll(async () => {
		handle = await createTestDb({ migrate: false });
		await migrateToLatest(handle.db, before);
	});
	afterAll(async () => handle?.close());

	it('moves each credential hash to app_users and back again', async () => {
		const db = handle.db;
		const hash = await hashPassword('oud-wachtwoord-123');
		await sql`insert into auth_user (id, name, email) values ('ba-1', 'Kim', 'kim@voorbeeld.nl'), ('ba-2', 'Sam', 'sam@voorbeeld.nl')`.execute(
			db
		);
		await sql`insert into app_users (name, email, role, auth_user_id) values ('Kim', 'kim@voorbeeld.nl', 'council', 'ba-1'), ('Sam', 'sam@voorbeeld.nl', 'council', 'ba-2')`.execute(
			db
		);
		await sql`insert into auth_account (id, account_id, provider_id, user_id, password) values ('acc-1', 'ba-1', 'credential', 'ba-1', ${hash})`.execute(
			db
		);
		await sql`insert into auth_session (id, expires_at, token, user_id) values ('s-1', now() + interval '1 day', 'oud-token', 'ba-1')`.execute(
			db
		);

		await db.transaction().execute((trx) => ownSessions.up(trx));
		const users = await db
			.selectFrom('app_users')
			.select(['email', 'password_hash'])
			.orderBy('email')
			.execute();
		expect(users).toEqual([
			{ email: 'kim@voorbeeld.nl', password_hash: hash },
			{ email: 'sam@voorbeeld.nl', password_hash: null }
		]);
		expect(await verifyPassword(users[0].password_hash ?? '', 'oud-wachtwoord-123')).toBe(true);
		// old sessions end: nothing of better-auth's tables is left
		const { rows } = await sql<{
			n: number;
		}>`select count(*)::int as n from information_schema.tables where table_name like 'auth\\_%'`.execute(
			db
		);
		expect(rows[0].n).toBe(0);

		await db.transaction().execute((trx) => ownSessions.down(trx));
		const back = await sql<{ email: string; password: string | null }>`
			select u.email, a.password from app_users u
			left join auth_account a on a.user_id = u.auth_user_id and a.provider_id = 'credential'
			order by u.email`.execute(db);
		expect(back.rows).toEqual([
			{ email: 'kim@voorbeeld.nl', password: hash },
			{ email: 'sam@voorbeeld.nl', password: null }
		]);
	});
});
