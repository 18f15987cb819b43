import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	continueAtelier,
	createAtelier,
	deleteAtelier,
	endAtelier,
	updateAtelier
} from '../src/lib/server/ateliers/admin';
import { adminAtelier, listAdminAteliers } from '../src/lib/server/ateliers/admin-queries';
import { readQuarter, slugify } from '../src/lib/server/ateliers/forms';
import { assignKartrekker, removeKartrekker } from '../src/lib/server/ateliers/kartrekkers';
import type { DbHandle } from '../src/lib/server/db/connect';
import { ConflictError } from '../src/lib/server/errors';
import { createUser } from '../src/lib/server/users/accounts';
import { user } from './helpers/auth';
import { sessionUser } from './helpers/demo-db';
import { expectRefused, fieldErrors } from './helpers/records';
import { createTestDb } from './helpers/test-db';

const base = { theme: 'Armoede en bestaanszekerheid', slug: '' };

describe('setting up ateliers', () => {
	let handle: DbHandle;
	const boss = () => sessionUser('management', [], bossId);
	let bossId = 0;
	const db = () => handle.db;
	const row = (id: number) =>
		db().selectFrom('ateliers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
	const audit = (id: number) =>
		db()
			.selectFrom('audit_log')
			.select(['action', 'before', 'after', 'actor_id'])
			.where('entity', '=', 'atelier')
			.where('entity_id', '=', String(id))
			.orderBy('id')
			.execute();
	const report = (atelierId: number, quarter: string) =>
		db().insertInto('quarter_reports').values({ atelier_id: atelierId, quarter }).execute();

	beforeAll(async () => {
		handle = await createTestDb();
		bossId = await user(handle.db, 'baas@voorbeeld.nl', 'management');
	});
	afterAll(async () => handle?.close());

	it('reads quarters as people type them and makes slugs from names', () => {
		expect(readQuarter('K3 2024')).toBe('2024Q3');
		expect(readQuarter('2024 q1')).toBe('2024Q1');
		expect(readQuarter('2024Q5')).toBeNull();
		expect(slugify('Over leven ten tijde van tweedeling: armoede!')).toBe(
			'over-leven-ten-tijde-van-tweedeling-armoede'
		);
		expect(slugify('Zorg & Welzijn in Sittard-Geleen')).toBe('zorg-welzijn-in-sittard-geleen');
	});

	it('creates an atelier with a slug from its name, numbered when taken, audited', async () => {
		const first = await createAtelier(db(), boss(), {
			...base,
			name: 'Armoede',
			activeFrom: '2020Q1'
		});
		const second = await createAtelier(db(), boss(), {
			...base,
			name: 'Armoede',
			activeFrom: '2021Q1'
		});
		expect(first.slug).toBe('armoede');
		expect(second.slug).toBe('armoede-2');
		expect(await row(first.id)).toMatchObject({
			name: 'Armoede',
			active_from: '2020Q1',
			active_to: null,
			version: 1
		});
		const [entry] = await audit(first.id);
		expect(entry).toMatchObject({ action: 'create', actor_id: bossId, before: null });
		expect(entry.after).toMatchObject({ slug: 'armoede', activeFrom: '2020Q1' });
		// a slug typed by hand that is taken is refused at the field, nothing is written
		const errors = await fieldErrors(
			createAtelier(db(), boss(), {
				...base,
				slug: 'armoede',
				name: 'Anders',
				activeFrom: '2021Q1'
			})
		);
		expect(errors.slug).toMatch(/al gebruikt door “Armoede”/);
		expect((await listAdminAteliers(db())).filter((a) => a.name === 'Anders')).toHaveLength(0);
	});

	it('refuses everyone but management', async () => {
		for (const who of [sessionUser('kartrekker', [1]), sessionUser('council')])
			await expectRefused(
				createAtelier(db(), who, { ...base, name: 'Stiekem', activeFrom: '2024Q1' }),
				403
			);
	});

	it('edits on the version the form showed; the second of two edits gets the conflict', async () => {
		const { id } = await createAtelier(db(), boss(), {
			...base,
			name: 'Zorg',
			activeFrom: '2022Q1'
		});
		const input = { ...base, name: 'Zorg', slug: 'zorg', activeFrom: '2022Q1', activeTo: null };
		const results = await Promise.allSettled([
			updateAtelier(db(), boss(), id, 1, { ...input, name: 'Zorg en welzijn' }),
			updateAtelier(db(), boss(), id, 1, { ...input, name: 'Zorg in de wijk' })
		]);
		const ok = results.filter((r) => r.status === 'fulfilled');
		const refused = results.filter((r) => r.status === 'rejected');
		expect(ok).toHaveLength(1);
		expect(refused).toHaveLength(1);
		const conflict = (refused[0] as PromiseRejectedResult).reason;
		expect(conflict).toBeInstanceOf(ConflictError);
		const now = await row(id);
		expect(now.version).toBe(2);
		// the conflict view carries what is there now, and nothing was overwritten
		expect((conflict as ConflictError).current).toEqual({
			values: expect.objectContaining({ name: now.name }),
			version: 2
		});
		expect((await audit(id)).map((a) => a.action)).toEqual(['create', 'update']);
	});

	it('never leaves quarter reports outside the active range, and names them', async () => {
		const { id } = await createAtelier(db(), boss(), {
			...base,
			name: 'Wonen',
			activeFrom: '2022Q1'
		});
		await report(id, '2022Q2');
		await report(id, '2023Q4');
		const input = { ...base, name: 'Wonen', slug: 'wonen', activeFrom: '2022Q3', activeTo: null };
		const early = await fieldErrors(updateAtelier(db(), boss(), id, 1, input));
		expect(early.activeFrom).toMatch(/buiten deze periode: K2 2022\./);
		const late = await fieldErrors(endAtelier(db(), boss(), id, 1, '2023Q2'));
		expect(late.activeTo).toMatch(/K4 2023/);
		expect(await row(id)).toMatchObject({ active_from: '2022Q1', active_to: null, version: 1 });
		await endAtelier(db(), boss(), id, 1, '2023Q4');
		expect(await row(id)).toMatchObject({ active_to: '2023Q4', version: 2 });
		const ended = (await audit(id)).at(-1)!;
		expect(ended).toMatchObject({ action: 'end' });
		expect(ended.before).toMatchObject({ activeTo: null });
		expect(ended.after).toMatchObject({ activeTo: '2023Q4' });
	});

	it('continues an atelier as one or more successors, carrying kartrekkers on request', async () => {
		const { id } = await createAtelier(db(), boss(), {
			...base,
			name: 'Jeugd',
			activeFrom: '2020Q1'
		});
		const k = await user(db(), 'jeugd@voorbeeld.nl', 'kartrekker', undefined, [id]);
		await report(id, '2022Q4');
		const next = await continueAtelier(db(), boss(), id, 1, {
			lastQuarter: '2022Q4',
			name: 'Jeugd en onderwijs',
			theme: '',
			slug: '',
			carryKartrekkers: true
		});
		const other = await continueAtelier(db(), boss(), id, 2, {
			lastQuarter: '2022Q4',
			name: 'Jeugd en gezondheid',
			theme: '',
			slug: 'jeugd-gezond',
			carryKartrekkers: false
		});
		expect(await row(id)).toMatchObject({ active_to: '2022Q4', version: 3 });
		for (const s of [next, other])
			expect(await row(s.id)).toMatchObject({
				active_from: '2023Q1',
				active_to: null,
				predecessor_id: id
			});
		const carried = await adminAtelier(db(), next.slug);
		expect(carried!.kartrekkers.map((p) => p.id)).toEqual([k]);
		expect((await adminAtelier(db(), other.slug))!.kartrekkers).toEqual([]);
		expect((await adminAtelier(db(), 'jeugd'))!.successors.map((s) => s.name).sort()).toEqual([
			'Jeugd en gezondheid',
			'Jeugd en onderwijs'
		]);
		expect((await audit(next.id))[0].after).toMatchObject({
			predecessorId: id,
			kartrekkerIds: [k]
		});
		// a successor cannot start before a report of the predecessor that is still there
		const errors = await fieldErrors(
			continueAtelier(db(), boss(), id, 3, {
				lastQuarter: '2022Q3',
				name: 'Te vroeg',
				theme: '',
				slug: '',
				carryKartrekkers: false
			})
		);
		expect(errors.activeTo).toMatch(/K4 2022/);
		expect(
			await db().selectFrom('ateliers').select('id').where('name', '=', 'Te vroeg').execute()
		).toEqual([]);
		// nor can the atelier be deleted: it has reports and successors
		await expectRefused(deleteAtelier(db(), boss(), id, 3), 409, /kwartaalrapportages \(K4 2022\)/);
		// a successor without reports of its own can go; the lineage of the other stays
		await deleteAtelier(db(), boss(), other.id, 1);
		expect((await adminAtelier(db(), 'jeugd'))!.successors.map((s) => s.name)).toEqual([
			'Jeugd en onderwijs'
		]);
	});

	it('deletes an atelier without reports or successors, with its assignments, audited', async () => {
		const { id } = await createAtelier(db(), boss(), {
			...base,
			name: 'Tijdelijk',
			activeFrom: '2024Q1'
		});
		const k = await user(db(), 'tijdelijk@voorbeeld.nl', 'kartrekker', undefined, [id]);
		await expect(deleteAtelier(db(), boss(), id, 7)).rejects.toBeInstanceOf(ConflictError);
		await deleteAtelier(db(), boss(), id, 1);
		expect(await db().selectFrom('ateliers').select('id').where('id', '=', id).execute()).toEqual(
			[]
		);
		expect(
			await db()
				.selectFrom('atelier_assignments')
				.select('user_id')
				.where('user_id', '=', k)
				.execute()
		).toEqual([]);
		const last = (await audit(id)).at(-1)!;
		expect(last).toMatchObject({ action: 'delete', after: null });
		expect(last.before).toMatchObject({ name: 'Tijdelijk', kartrekkerIds: [k] });
	});

	it('assigns and removes kartrekkers, refusing other roles, audited', async () => {
		const { id, slug } = await createAtelier(db(), boss(), {
			...base,
			name: 'Toewijzen',
			activeFrom: '2024Q1'
		});
		const k = await user(db(), 'toewijzen@voorbeeld.nl', 'kartrekker', undefined, [id]);
		const c = await user(db(), 'raad@voorbeeld.nl', 'council');
		await removeKartrekker(db(), boss(), id, k);
		expect((await adminAtelier(db(), slug))!.kartrekkers).toEqual([]);
		expect((await adminAtelier(db(), slug))!.candidates.map((p) => p.id)).toContain(k);
		await assignKartrekker(db(), boss(), id, k);
		await assignKartrekker(db(), boss(), id, k); // twice: still one assignment, one audit entry
		expect((await adminAtelier(db(), slug))!.kartrekkers.map((p) => p.id)).toEqual([k]);
		expect((await fieldErrors(assignKartrekker(db(), boss(), id, c))).kartrekker).toMatch(
			/geen kartrekker/
		);
		await expectRefused(assignKartrekker(db(), sessionUser('kartrekker', [id]), id, k), 403);
		expect((await audit(id)).map((a) => a.action)).toEqual([
			'create',
			'remove_kartrekker',
			'assign_kartrekker'
		]);
	});
});

describe('a kartrekker on a new installation', () => {
	let handle: DbHandle;
	beforeAll(async () => {
		handle = await createTestDb();
	});
	afterAll(async () => handle?.close());

	it('may be created before any atelier exists, not once there is one', async () => {
		const input = { name: 'Eerste', email: 'eerste@voorbeeld.nl', role: 'kartrekker' as const };
		const id = await createUser(handle.db, null, { ...input, atelierIds: [] });
		expect(id).toBeGreaterThan(0);
		await createAtelier(handle.db, sessionUser('management'), {
			...base,
			name: 'Nu wel',
			activeFrom: '2025Q1'
		});
		const errors = await fieldErrors(
			createUser(handle.db, null, { ...input, email: 'tweede@voorbeeld.nl', atelierIds: [] })
		);
		expect(errors.atelierIds).toMatch(/minstens één atelier/);
	});
});
