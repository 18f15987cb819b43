import type { Kysely } from 'kysely';
import type { SessionUser } from '../../src/lib/server/auth/guards';
import type { Database } from '../../src/lib/server/db/types';
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
