// Part of npm run bench (issue 13): how the hardened paths behave, on a throw-away embedded
// database. Figures only; the tests check the outcomes.
//   - a valid 2,000-row quarter file: import time (median)
//   - a 1,000,000-row file and a zip bomb: time to refusal and RSS growth
//   - sign-in: unknown e-mail against wrong password, median time of each
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { signIn } from '../src/lib/server/auth/sign-in';
import { openDatabase } from '../src/lib/server/db/connect';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import type { Database } from '../src/lib/server/db/types';
import { importTemplate } from '../src/lib/server/import/import';
import { writeTemplate } from '../src/lib/server/import/template';
import { createUser } from '../src/lib/server/users/accounts';
import { bombPart, manyRowsSheet, replaceParts, sheetPart } from '../tests/helpers/xlsx-files';

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const ms = (t: number) => `${t.toFixed(1)} ms`;

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
	return Buffer.concat(chunks);
}

async function setUp(db: Kysely<Database>) {
	const { id: atelierId } = await db
		.insertInto('ateliers')
		.values({ slug: 'bench', name: 'Bench', active_from: '2020Q1', active_to: null })
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('locations')
		.values({ municipality: 'Sittard-Geleen', name: 'Geleen-Zuid', kind: 'wijk' })
		.execute();
	await db
		.insertInto('organisations')
		.values({ name: 'MIK & PIW Groep', normalized_name: 'mikpiwgroep', kind: 'welzijn' })
		.execute();
	const userId = await createUser(db, null, {
		name: 'Bench',
		email: 'bench-import@voorbeeld.nl',
		role: 'kartrekker',
		atelierIds: [atelierId]
	});
	const actor = {
		id: userId,
		name: 'Bench',
		email: 'bench-import@voorbeeld.nl',
		role: 'kartrekker' as const,
		atelierIds: [atelierId]
	};
	const template = await collect(
		await writeTemplate(db, { id: atelierId, slug: 'bench', name: 'Bench' }, '2024Q1')
	);
	return { atelierId, actor, template };
}

async function filled(template: Buffer, rows: number): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(template as never);
	const ws = wb.getWorksheet('Bijeenkomsten')!;
	for (let i = 0; i < rows; i++)
		ws.getRow(i + 2).values = [
			'2024-02-01',
			`Bijeenkomst ${i}`,
			'workshop',
			'nee',
			10,
			2,
			3,
			0,
			0,
			0,
			0,
			'Geleen-Zuid (Sittard-Geleen)',
			'Zaal',
			'',
			'MIK & PIW Groep'
		];
	return new Uint8Array(await wb.xlsx.writeBuffer());
}

export async function benchHardening(): Promise<void> {
	console.log('\nhardening (issue 13), ingebouwde database in het geheugen:');
	const handle = await openDatabase({ dataDir: 'memory://' });
	const db = handle.db;
	try {
		await migrateToLatest(db);
		const { atelierId, actor, template } = await setUp(db);
		const ref = { atelierId, quarter: '2024Q1', slug: 'bench' };

		const file = await filled(template, 2000);
		const times: number[] = [];
		for (let i = 0; i < 3; i++) {
			await db.deleteFrom('activities').execute();
			const start = performance.now();
			await importTemplate(db, actor, ref, file);
			times.push(performance.now() - start);
		}
		console.log(`  geldig bestand, 2.000 regels: ${ms(median(times))} (mediaan van 3)`);

		for (const [label, bytes] of [
			[
				'1.000.000 regels',
				replaceParts(template, [manyRowsSheet(sheetPart(template, 'Bijeenkomsten'), 1_000_000)])
			],
			['zip-bom (1 GB uitgepakt)', replaceParts(template, [bombPart('xl/sharedStrings.xml', 1024)])]
		] as const) {
			global.gc?.();
			const rss = process.memoryUsage().rss;
			let peak = rss;
			const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
			const start = performance.now();
			const refused = await importTemplate(db, actor, ref, bytes).then(
				() => false,
				() => true
			);
			const took = performance.now() - start;
			clearInterval(sampler);
			peak = Math.max(peak, process.memoryUsage().rss);
			console.log(
				`  ${label} (${(bytes.length / 1024).toFixed(0)} kB): ${refused ? 'geweigerd' : 'AANGENOMEN'} na ${ms(took)}, RSS +${mb(peak - rss)} MB`
			);
		}

		// sign-in: each attempt its own address and client, so none is throttled
		const accounts = 60;
		for (let i = 0; i < accounts; i++)
			await createUser(
				db,
				null,
				{ name: `B${i}`, email: `bench-${i}@voorbeeld.nl`, role: 'council', atelierIds: [] },
				'correct-horse-battery'
			);
		const unknown: number[] = [];
		const wrong: number[] = [];
		for (let i = 0; i < accounts; i++) {
			const pair = [
				[unknown, `niemand-${i}@voorbeeld.nl`],
				[wrong, `bench-${i}@voorbeeld.nl`]
			] as const;
			// alternate which goes first, so neither always runs on a warmer cache
			for (const [list, email] of i % 2 ? [...pair].reverse() : pair) {
				const start = performance.now();
				await signIn(db, {
					email,
					password: 'verkeerd-wachtwoord',
					ip: `10.77.${i}.${list === wrong ? 1 : 2}`
				});
				list.push(performance.now() - start);
			}
		}
		console.log(
			`  inloggen, mediaan van ${accounts}: onbekend e-mailadres ${ms(median(unknown))}, verkeerd wachtwoord ${ms(median(wrong))}`
		);
	} finally {
		await handle.close();
	}
}
