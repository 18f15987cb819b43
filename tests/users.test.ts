import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../src/lib/server/audit/index';
import { listAudit } from '../src/lib/server/audit/query';
import { DEFAULT_TARGET, safeRedirectTarget } from '../src/lib/server/auth/redirect';
import { signIn } from '../src/lib/server/auth/sign-in';
import { resolveSession } from '../src/lib/server/auth/session';
import type { DbHandle } from '../src/lib/server/db/connect';
import { parseUserCreateArgs, runUserCreate } from '../src/lib/server/users/cli';
import {
	createUser,
	NO_OTHER_MANAGEMENT_SIGN_IN,
	setUserActive,
	updateUser
} from '../src/lib/server/users/accounts';
import {
	createPasswordLink,
	passwordLinkUser,
	usePasswordLink
} from '../src/lib/server/users/password-links';
import { changeOwnPassword } from '../src/lib/server/users/passwords';
import { ActionError } from '../src/lib/server/errors';
import { atelier, user } from './helpers/auth';
import { createTestDb } from './helpers/test-db';

describe('user management with audit', () => {
	let handle: DbHandle;
	let a: number;
	let b: number;
	let boss: number;
	beforeAll(async () => {
		handle = await createTestDb();
		a = await atelier(handle.db, 'a');
		b = await atelier(handle.db, 'b');
		boss = await user(handle.db, 'boss@voorbeeld.nl', 'management');
	});
	afterAll(async () => handle?.close());

	const auditOf = (id: number) =>
		handle.db
			.selectFrom('audit_log')
			.selectAll()
			.where('entity', '=', 'user')
			.where('entity_id', '=', String(id))
			.orderBy('id')
			.execute();

	it('creates a user with role and ateliers, and audits it in the same transaction', async () => {
		const id = await createUser(handle.db, boss, {
			name: ' Kees ',
			email: 'Kees@Voorbeeld.nl',
			role: 'kartrekker',
			atelierIds: [b, a, a]
		});
		const rows = await auditOf(id);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ actor_id: boss, action: 'create', before: null });
		expect(rows[0].after).toEqual({
			name: 'Kees',
			email: 'kees@voorbeeld.nl',
			role: 'kartrekker',
			atelierIds: [a, b].sort((x, y) => x - y),
			active: true
		});
		// no password yet: a one-time link sets it
		expect(JSON.stringify(rows[0].after)).not.toMatch(/argon/);
	});

	it('refuses a duplicate e-mail and rolls back everything', async () => {
		const before = await handle.db.selectFrom('app_users').select('id').execute();
		await expect(
			createUser(handle.db, boss, {
				name: 'Dubbel',
				email: 'kees@voorbeeld.nl',
				role: 'council',
				atelierIds: []
			})
		).rejects.toThrow('Er bestaat al een gebruiker met dit e-mailadres.');
		expect(await handle.db.selectFrom('app_users').select('id').execute()).toEqual(before);
	});

	it('updates name, role and ateliers with before and after in the audit trail', async () => {
		const id = await user(handle.db, 'wisselt@voorbeeld.nl', 'kartrekker', undefined, [a]);
		await updateUser(handle.db, boss, id, {
			name: 'Wisselt Nu',
			email: 'wisselt@voorbeeld.nl',
			role: 'kartrekker',
			atelierIds: [b]
		});
		const rows = await auditOf(id);
		expect(rows.map((r) => r.action)).toEqual(['create', 'update']);
		expect(rows[1].before).toMatchObject({ name: 'wisselt', atelierIds: [a] });
		expect(rows[1].after).toMatchObject({ name: 'Wisselt Nu', atelierIds: [b] });
		const stored = await handle.db
			.selectFrom('app_users')
			.select('name')
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(stored.name).toBe('Wisselt Nu');
		const page = await listAudit(handle.db, { entity: 'user', entityId: String(id) }, { page: 1 });
		expect(page.total).toBe(2);
		// the page speaks Dutch: field labels, and ateliers by name instead of id
		const names = await handle.db.selectFrom('ateliers').select(['id', 'name']).execute();
		const nameOf = (id: number) => names.find((n) => n.id === id)!.name;
		expect(page.rows[0].entityLabel).toBe('Gebruiker');
		expect(page.rows[0].actionLabel).toBe('gewijzigd');
		expect(page.rows[0].changes).toEqual([
			{ field: 'Naam', before: 'wisselt', after: 'Wisselt Nu' },
			{ field: 'Ateliers', before: nameOf(a), after: nameOf(b) }
		]);
	});

	it('never removes, deactivates or demotes the last active management account', async () => {
		const demote = updateUser(handle.db, boss, boss, {
			name: 'boss',
			email: 'boss@voorbeeld.nl',
			role: 'council',
			atelierIds: []
		});
		await expect(demote).rejects.toBeInstanceOf(ActionError);
		await expect(demote).rejects.toThrow(/laatste actieve managementaccount/);
		await expect(setUserActive(handle.db, boss, boss, false)).rejects.toThrow(
			/laatste actieve managementaccount/
		);
		const second = await user(handle.db, 'boss2@voorbeeld.nl', 'management');
		await setUserActive(handle.db, boss, second, false);
		// an inactive manager does not count
		await expect(setUserActive(handle.db, boss, boss, false)).rejects.toThrow(/laatste/);
		await setUserActive(handle.db, boss, second, true);
		await setUserActive(handle.db, second, boss, false);
		const rows = await auditOf(boss);
		expect(rows.at(-1)).toMatchObject({ action: 'deactivate', actor_id: second });
		expect(rows.at(-1)?.before).toMatchObject({ active: true });
		expect(rows.at(-1)?.after).toMatchObject({ active: false });
		await setUserActive(handle.db, second, boss, true);
	});

	it('never leaves management to accounts that cannot sign in (no password, no provider)', async () => {
		const db = handle.db;
		const invited = await createUser(db, boss, {
			name: 'Uitgenodigd',
			email: 'uitgenodigd@voorbeeld.nl',
			role: 'management',
			atelierIds: []
		});
		// the managers of the earlier tests step down: only boss and the invited one remain
		const earlier = await db
			.selectFrom('app_users')
			.select('id')
			.where('role', '=', 'management')
			.where('id', 'not in', [boss, invited])
			.execute();
		for (const { id } of earlier) await setUserActive(db, boss, id, false);
		await expect(setUserActive(db, boss, boss, false)).rejects.toThrow(NO_OTHER_MANAGEMENT_SIGN_IN);
		await expect(
			updateUser(db, boss, boss, {
				name: 'boss',
				email: 'boss@voorbeeld.nl',
				role: 'council',
				atelierIds: []
			})
		).rejects.toThrow(NO_OTHER_MANAGEMENT_SIGN_IN);
		expect(
			await db
				.selectFrom('app_users')
				.select(['active', 'role'])
				.where('id', '=', boss)
				.executeTakeFirstOrThrow()
		).toEqual({ active: true, role: 'management' });
		// once the invited manager has set a password, the other one may go
		const token = await createPasswordLink(db, boss, invited);
		await usePasswordLink(db, token, 'een-goed-wachtwoord');
		await setUserActive(db, invited, boss, false);
		await setUserActive(db, invited, boss, true);
		await setUserActive(db, boss, invited, false);
	});

	it('sets a password through a one-time link that works once and ends old sessions', async () => {
		const db = handle.db;
		const id = await createUser(db, boss, {
			name: 'Nieuw',
			email: 'nieuw@voorbeeld.nl',
			role: 'council',
			atelierIds: []
		});
		const token = await createPasswordLink(db, boss, id);
		expect(await passwordLinkUser(db, token)).toMatchObject({ id });
		await expect(usePasswordLink(db, token, 'kort')).rejects.toThrow(/minstens 10 tekens/);
		await usePasswordLink(db, token, 'een-goed-wachtwoord');
		await expect(usePasswordLink(db, token, 'nog-een-wachtwoord')).rejects.toThrow(/ongeldig/);
		const stored = await db.selectFrom('password_reset_links').select('token_hash').execute();
		expect(stored.every((r) => r.token_hash !== token)).toBe(true);

		const ok = await signIn(db, {
			email: 'nieuw@voorbeeld.nl',
			password: 'een-goed-wachtwoord',
			ip: '10.3.0.1'
		});
		expect(ok.ok).toBe(true);
		if (!ok.ok) return;
		await changeOwnPassword(db, id, 'een-goed-wachtwoord', 'nog-beter-wachtwoord');
		expect(await resolveSession(db, ok.session.token)).toBeNull();
		await expect(changeOwnPassword(db, id, 'fout', 'wat-anders-123')).rejects.toThrow(
			'Het huidige wachtwoord klopt niet.'
		);
		const actions = (await auditOf(id)).map((r) => r.action);
		expect(actions).toEqual(['create', 'password_link', 'password_set', 'password_change']);
	});

	it('recordAudit rolls back with the change it belongs to', async () => {
		await expect(
			handle.db.transaction().execute(async (trx) => {
				await recordAudit(trx, {
					actorId: boss,
					entity: 'activity',
					entityId: 42,
					atelierId: a,
					action: 'create',
					after: { title: 'x' }
				});
				throw new Error('change failed');
			})
		).rejects.toThrow('change failed');
		const rows = await handle.db
			.selectFrom('audit_log')
			.select('id')
			.where('entity', '=', 'activity')
			.execute();
		expect(rows).toEqual([]);
	});
});

describe('open-redirect protection of ?naar=', () => {
	it.each([
		['/ateliers?periode=2020-2022', '/ateliers?periode=2020-2022'],
		['/ateliers/armoede#kwartalen', '/ateliers/armoede#kwartalen'],
		['/beheer/gebruikers', '/beheer/gebruikers']
	])('keeps the same-site path %s', (input, expected) => {
		expect(safeRedirectTarget(input)).toBe(expected);
	});

	it.each([
		null,
		'',
		'https://evil.example/',
		'//evil.example/pad',
		'/\\evil.example',
		'\\\\evil.example',
		'javascript:alert(1)',
		'ateliers',
		'/\t/evil.example',
		'http:/evil.example',
		'/inloggen?naar=/ateliers'
	])('replaces %j with the default page', (input) => {
		const target = safeRedirectTarget(input);
		expect(target).toBe(DEFAULT_TARGET);
	});

	it('never yields a target that leaves the site', () => {
		for (const t of [
			'/./\\evil',
			'/..//evil',
			'/ateliers/..//evil.example',
			'/%0a//evil.example',
			'/%2F%2Fevil.example'
		]) {
			const target = safeRedirectTarget(t);
			expect(new URL(target, 'http://site.test').origin).toBe('http://site.test');
			expect(target.startsWith('//')).toBe(false);
		}
	});
});

describe('npm run user:create input', () => {
	it('accepts a complete management account', () => {
		expect(
			parseUserCreateArgs([
				'--email',
				'Beheer@Werkplaats.nl',
				'--password',
				'lang-genoeg-wachtwoord',
				'--role',
				'management'
			])
		).toEqual({
			ok: true,
			args: {
				email: 'beheer@werkplaats.nl',
				password: 'lang-genoeg-wachtwoord',
				role: 'management',
				name: 'beheer',
				atelierSlugs: []
			}
		});
	});

	it.each([
		[[], /Geef een e-mailadres/],
		[
			['--email', 'geen-adres', '--password', 'lang-genoeg-ww', '--role', 'council'],
			/geen geldig e-mailadres/
		],
		[['--email', 'a@b.nl', '--password', 'kort', '--role', 'council'], /minstens 10 tekens/],
		[
			['--email', 'a@b.nl', '--password', 'lang-genoeg-ww', '--role', 'baas'],
			/Onbekende rol 'baas'/
		],
		[
			['--email', 'a@b.nl', '--password', 'lang-genoeg-ww', '--role', 'kartrekker'],
			/minstens één atelier/
		],
		[
			['--email', 'a@b.nl', '--password', 'lang-genoeg-ww', '--role', 'council', '--atelier', 'x'],
			/Alleen een kartrekker/
		],
		[['--email', 'a@b.nl', '--wachtwoord', 'x'], /Onbekende of onvolledige optie/]
	])('refuses %j with a Dutch message', (argv, message) => {
		const result = parseUserCreateArgs(argv as string[]);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors.join('\n')).toMatch(message);
	});

	it('refuses an unknown atelier slug and creates nothing', async () => {
		const handle = await createTestDb();
		try {
			await atelier(handle.db, 'armoede');
			const parsed = parseUserCreateArgs([
				'--email',
				'k@voorbeeld.nl',
				'--password',
				'lang-genoeg-ww',
				'--role',
				'kartrekker',
				'--atelier',
				'armoede',
				'--atelier',
				'bestaat-niet'
			]);
			if (!parsed.ok) throw new Error(parsed.errors.join());
			await expect(runUserCreate(handle.db, parsed.args)).rejects.toThrow(
				'Onbekend atelier: bestaat-niet'
			);
			expect(await handle.db.selectFrom('app_users').select('id').execute()).toEqual([]);
		} finally {
			await handle.close();
		}
	});

	it('exits with status 1 and the errors on standard error', () => {
		const run = spawnSync(
			process.execPath,
			['--import', 'tsx', 'scripts/user-create.ts', '--email', 'x', '--role', 'baas'],
			{ encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', DATA_DIR: '/nonexistent' } }
		);
		expect(run.status).toBe(1);
		expect(run.stderr).toMatch(/geen geldig e-mailadres/);
		expect(run.stderr).toMatch(/Onbekende rol 'baas'/);
		expect(run.stderr).toMatch(/Gebruik: npm run user:create/);
	});
});
