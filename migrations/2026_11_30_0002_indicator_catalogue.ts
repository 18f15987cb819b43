import { sql, type Kysely } from 'kysely';

// The indicator catalogue of DESIGN.md section 4. It is data (names and definitions can be edited
// by management later), but every installation starts with it, so it ships as a migration.
const INDICATORS = [
	[
		'leerateliers',
		'Leerateliers',
		'Aantal verschillende leerateliers dat in de periode actief was.',
		'distinct'
	],
	['bijeenkomsten', 'Bijeenkomsten', 'Aantal bijeenkomsten (alle soorten) in de periode.', 'count'],
	[
		'openbare_kennisbijeenkomsten',
		'Openbare kennisbijeenkomsten',
		'Aantal openbare bijeenkomsten van de soort kennisbijeenkomst.',
		'count'
	],
	[
		'deelnemers',
		'Deelnemers',
		'Som van de deelnemers aan alle bijeenkomsten (ook per groep).',
		'sum'
	],
	[
		'actieve_studenten',
		'Actieve studenten',
		'Aantal unieke studenten met minstens één deelname in de periode.',
		'distinct'
	],
	[
		'partnerorganisaties',
		'Partnerorganisaties',
		'Aantal unieke organisaties dat in de periode betrokken was.',
		'distinct'
	],
	['gesprekken_bewoners', 'Gesprekken met bewoners', 'Som van de gesprekken met bewoners.', 'sum'],
	[
		'publicaties',
		'Publicaties en producten',
		'Aantal publicaties en producten (ook per soort).',
		'count'
	],
	[
		'wijken_stadsdelen',
		'Wijken en stadsdelen',
		'Aantal unieke wijken en stadsdelen met een activiteit of bereik in de periode.',
		'distinct'
	],
	[
		'netwerkleden',
		'Netwerkleden',
		'Laatst gerapporteerde aantal netwerkleden in de periode (een stand, geen som).',
		'last'
	]
] as const;

export async function up(db: Kysely<any>): Promise<void> {
	await db
		.insertInto('indicators')
		.values(
			INDICATORS.map(([code, name, definition, aggregation], i) => ({
				code,
				name,
				definition,
				aggregation,
				sort_order: (i + 1) * 10
			}))
		)
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`delete from indicator_targets`.execute(db);
	await sql`delete from indicators`.execute(db);
}
