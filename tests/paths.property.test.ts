import { isActionFailure, isHttpError, isRedirect } from '@sveltejs/kit';
import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import RecordForm from '../src/lib/components/records/RecordForm.svelte';
import type { SessionUser } from '../src/lib/server/auth/guards';
import { closeAppDatabase, getDb, openAppDatabase } from '../src/lib/server/db/index';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import type { Database } from '../src/lib/server/db/types';
import { columns } from '../src/lib/server/import/sheets';
import { computeMetrics } from '../src/lib/server/metrics/engine';
import { quarterPage } from '../src/lib/server/records/quarter-page';
import { RECORD_TYPES, type RecordType } from '../src/lib/server/records/schemas';
import { actions } from '../src/routes/ateliers/[slug]/[kwartaal]/+page.server';
import { user } from './helpers/auth';
import { sessionUser } from './helpers/demo-db';
import { formDataOf, renderForm, type Control } from './helpers/form-html';
import { referenceMetrics, type RefReport } from './helpers/metrics-reference';
import {
	draftArb,
	editable,
	emptyQuarter,
	GROUPS,
	NEW_ORGANISATION,
	normal,
	refusal,
	touchable,
	valuesOf,
	type Draft,
	type Pools,
	type QuarterModel,
	type Values
} from './helpers/paths-model';
import { createPostgresDatabase } from './helpers/postgres-db';
import { downloadTemplate, fillTemplate } from './helpers/template';

// Random sequences of what users do to an atelier's quarters, through the real form actions of the
// quarter page (forms rendered by the real components and posted as a browser would) and the real
// template import: add, edit touching some fields or none, delete, import, re-import, network
// members, submit, return, approve, reopen. After every step the stored records equal the model
// of what the user did; after every sequence the engine's numbers equal the reference
// implementation's on the model. Runs on PGlite, or on PostgreSQL when DATABASE_URL is set.

const SLUG = 'paden';
const QUARTERS = ['2024Q1', '2024Q2'] as const;
const BASE_ORGANISATIONS = ['GGD Zuid Limburg', 'LEVANTOgroep', 'MIK & PIW Groep'];

type Op =
	| { op: 'add'; q: number; draft: Draft }
	| { op: 'edit'; q: number; type: RecordType; index: number; touch: number[]; draft: Draft }
	| { op: 'delete'; q: number; type: RecordType; index: number }
	| { op: 'import'; q: number; drafts: Draft[]; newPartner: boolean }
	| { op: 'reimport' }
	| { op: 'network'; q: number; value: number | null }
	| { op: 'submit' | 'approve' | 'return' | 'reopen'; q: number };
type Row = { type: RecordType; values: Values };

const quarterArb = fc.nat(QUARTERS.length - 1);
const opArb: fc.Arbitrary<Op> = fc.oneof(
	{
		arbitrary: fc.record({ op: fc.constant('add' as const), q: quarterArb, draft: draftArb }),
		weight: 4
	},
	{
		arbitrary: fc.record({
			op: fc.constant('edit' as const),
			q: quarterArb,
			type: fc.constantFrom(...RECORD_TYPES),
			index: fc.nat(),
			touch: fc.uniqueArray(fc.nat(9), { maxLength: 3 }),
			draft: draftArb
		}),
		weight: 4
	},
	{
		arbitrary: fc.record({
			op: fc.constant('delete' as const),
			q: quarterArb,
			type: fc.constantFrom(...RECORD_TYPES),
			index: fc.nat()
		}),
		weight: 1
	},
	{
		arbitrary: fc.record({
			op: fc.constant('import' as const),
			q: quarterArb,
			drafts: fc.array(draftArb, { minLength: 1, maxLength: 4 }),
			newPartner: fc.boolean()
		}),
		weight: 2
	},
	{ arbitrary: fc.constant({ op: 'reimport' as const }), weight: 1 },
	{
		arbitrary: fc.record({
			op: fc.constant('network' as const),
			q: quarterArb,
			value: fc.option(fc.nat(80), { nil: null })
		}),
		weight: 1
	},
	{
		arbitrary: fc.record({
			op: fc.constantFrom(
				...(['submit', 'submit', 'approve', 'approve', 'return', 'reopen'] as const)
			),
			q: quarterArb
		}),
		weight: 3
	}
);

describe('every path keeps what the others wrote', { timeout: 600_000 }, () => {
	let db: Kysely<Database>;
	let drop: (() => Promise<void>) | undefined;
	const saved = { DATABASE_URL: process.env.DATABASE_URL, DATA_DIR: process.env.DATA_DIR };
	let atelierId: number;
	let kartrekker: SessionUser;
	let boss: SessionUser;
	let pools: Pools;
	let orgIds: Map<string, number>;
	let locationIds: Map<string, number>;
	const templates = new Map<string, Buffer>();

	beforeAll(async () => {
		// the app's own database module, on a fresh database
		if (process.env.DATABASE_URL) {
			const fresh = await createPostgresDatabase('jaarbeeld_test');
			process.env.DATABASE_URL = fresh.url;
			drop = fresh.drop;
		} else process.env.DATA_DIR = 'memory://';
		await openAppDatabase();
		db = getDb();
		await migrateToLatest(db);
		atelierId = (
			await db
				.insertInto('ateliers')
				.values({ slug: SLUG, name: 'Paden', active_from: '2023Q1', predecessor_id: null })
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
		const k = await user(db, 'k@voorbeeld.nl', 'kartrekker', undefined, [atelierId]);
		kartrekker = sessionUser('kartrekker', [atelierId], k);
		boss = sessionUser('management', [], await user(db, 'm@voorbeeld.nl', 'management'));
		await db
			.insertInto('locations')
			.values([
				{ municipality: 'Sittard-Geleen', name: 'Geleen-Zuid', kind: 'wijk' },
				{ municipality: 'Stein', name: 'Nieuwdorp', kind: 'wijk' }
			])
			.execute();
		await db
			.insertInto('organisations')
			.values(
				BASE_ORGANISATIONS.map((name) => ({
					name,
					normalized_name: name.toLowerCase().replace(/[^a-z0-9]/g, ''),
					kind: 'zorg' as const
				}))
			)
			.execute();
		const students = await db
			.insertInto('students')
			.values([{ display_name: 'Sanne', student_number: 's123' }, { display_name: 'Tom' }])
			.returning(['id', 'display_name', 'student_number'])
			.execute();
		await db
			.insertInto('atelier_students')
			.values(students.map((s) => ({ atelier_id: atelierId, student_id: s.id })))
			.execute();
		pools = {
			organisations: [...BASE_ORGANISATIONS, NEW_ORGANISATION],
			locations: ['Geleen-Zuid (Sittard-Geleen)', 'Nieuwdorp (Stein)'],
			students: students.map((s) => ({
				value: `#${s.id}`,
				excel: s.student_number ?? s.display_name
			}))
		};
		locationIds = new Map(
			(await db.selectFrom('locations').select(['id', 'name', 'municipality']).execute()).map(
				(l) => [`${l.name} (${l.municipality})`, l.id]
			)
		);
		for (const quarter of QUARTERS)
			templates.set(
				quarter,
				await downloadTemplate(db, { id: atelierId, slug: SLUG, name: 'Paden' }, quarter)
			);
	});

	afterAll(async () => {
		await closeAppDatabase();
		await drop?.();
		process.env.DATABASE_URL = saved.DATABASE_URL;
		if (saved.DATA_DIR === undefined) delete process.env.DATA_DIR;
		else process.env.DATA_DIR = saved.DATA_DIR;
	});

	/** Posts a form to an action of the quarter page: true when it succeeded. */
	async function post(
		user: SessionUser,
		quarter: string,
		action: keyof typeof actions,
		form: FormData
	) {
		const url = new URL(`http://localhost/ateliers/${SLUG}/${quarter}?/${action}`);
		const event = {
			request: new Request(url, { method: 'POST', body: form }),
			params: { slug: SLUG, kwartaal: quarter },
			locals: { user, requestId: 'test' },
			url
		};
		try {
			const result = await actions[action](event as never);
			if (isActionFailure(result)) return false;
			if (result && typeof result === 'object' && 'confirm' in result)
				throw new Error(`${action} vraagt om bevestiging`);
			return true;
		} catch (e) {
			if (isRedirect(e)) return true;
			if (isHttpError(e)) return false;
			throw e;
		}
	}

	const page = (quarter: string, user = kartrekker) =>
		quarterPage(db, {
			user,
			ref: { atelierId, quarter },
			atelier: { id: atelierId, slug: SLUG, name: 'Paden' }
		});

	/** Sets the controls of a form to a record's values, as a user filling it in would. */
	function fill(controls: Control[], values: Values, only?: Set<string>) {
		const touched = (name: string) => !only || only.has(name);
		if (touched('organisations') && 'organisations' in values) {
			const wanted = values.organisations as string[];
			const boxes = controls.filter((c) => c.name === 'organisations' && c.kind === 'checkbox');
			for (const box of boxes) box.checked = wanted.includes(box.value);
			const search = controls.find((c) => c.name === 'organisations' && c.kind === 'text')!;
			search.value = wanted.filter((n) => !boxes.some((b) => b.value === n)).join('; ');
		}
		for (const c of controls) {
			if (c.name === 'organisations' || c.kind === 'hidden' || !(c.name in values)) continue;
			if (!touched(c.name)) continue;
			const value = values[c.name] as string;
			if (c.kind === 'checkbox') c.checked = value === 'on';
			else c.value = value;
		}
	}

	/** The record form as the quarter page renders it. */
	function formOf(
		data: Awaited<ReturnType<typeof page>>,
		type: RecordType,
		item: { id: number; version: number; values: Values } | null
	) {
		return renderForm(RecordForm, {
			type,
			id: item?.id ?? null,
			version: item?.version ?? null,
			values: item?.values ?? {},
			errors: {},
			lists: { students: data.pickers.students, partners: data.pickers.partners }
		});
	}

	async function storedMatches(model: QuarterModel[]) {
		for (const [i, quarter] of QUARTERS.entries()) {
			const data = await page(quarter);
			const stored = Object.fromEntries(
				RECORD_TYPES.map((t) => [t, data.records[t].map((r) => normal(r.values)).sort()])
			);
			const expected = Object.fromEntries(
				RECORD_TYPES.map((t) => [t, model[i].records[t].map(normal).sort()])
			);
			expect(stored, quarter).toEqual(expected);
			expect(data.report.status, quarter).toBe(model[i].status);
			expect(data.report.networkMembers, quarter).toBe(model[i].network);
		}
	}

	/** The cells of a template row for a record's values, in the template's column order. */
	function cells(type: RecordType, values: Values, kind = ''): unknown[] {
		return columns(type).map(({ spec }) => {
			const v = values[spec.name];
			if (spec.name === 'student') return pools.students.find((s) => s.value === v)!.excel;
			if (spec.name === 'organisation_kind') return kind;
			if (spec.kind === 'partners') return (v as string[]).join('; ');
			if (spec.kind === 'checkbox') return v === 'on' ? 'ja' : 'nee';
			if (spec.kind === 'count') return Number(v);
			return v;
		});
	}

	async function reset() {
		await sql`truncate activity_organisations, activities, student_participations,
			partner_involvements, publications, reach, highlights, report_status_history,
			quarter_reports, jobs, notifications restart identity cascade`.execute(db);
		await db.deleteFrom('organisations').where('name', 'not in', BASE_ORGANISATIONS).execute();
	}

	async function run(ops: Op[]) {
		await reset();
		const model = QUARTERS.map(emptyQuarter);
		const register = new Set(BASE_ORGANISATIONS);
		let lastImport: { q: number; file: Uint8Array; rows: Row[] } | null = null;
		const touchReturned = (m: QuarterModel) => {
			if (m.status === 'teruggestuurd') m.status = 'concept';
		};

		const importFile = async (q: number, file: Uint8Array, rows: Row[]) => {
			const m = model[q];
			const form = new FormData();
			form.append('bestand', new File([new Uint8Array(file)], 'kwartaal.xlsx'));
			const ok = await post(kartrekker, QUARTERS[q], 'importeren', form);
			// the model: partners first, rows equal to a stored record (or an earlier row) skipped
			const names = new Set([
				...register,
				...rows.filter((r) => r.type === 'partner').map((r) => r.values.organisation as string)
			]);
			const next = structuredClone(m);
			let refused = !editable(m);
			for (const { type, values } of [
				...rows.filter((r) => r.type === 'partner'),
				...rows.filter((r) => r.type !== 'partner')
			]) {
				if (next.records[type].some((r) => normal(r) === normal(values))) continue;
				if (refusal(next, type, values, names)) refused = true;
				next.records[type].push(values);
			}
			expect(ok, 'import').toBe(!refused);
			if (ok) {
				model[q] = next;
				touchReturned(model[q]);
				for (const r of rows)
					if (r.type === 'partner') register.add(r.values.organisation as string);
			}
		};

		for (const o of ops) {
			if (o.op === 'add') {
				const m = model[o.q];
				const values = valuesOf(o.draft, QUARTERS[o.q], pools);
				const data = await page(QUARTERS[o.q]);
				const controls = formOf(data, o.draft.type, null);
				fill(controls, values);
				const ok = await post(kartrekker, QUARTERS[o.q], 'opslaan', formDataOf(controls));
				const expected = editable(m) && !refusal(m, o.draft.type, values, register);
				expect(ok, `toevoegen ${o.draft.type}`).toBe(expected);
				if (ok) {
					m.records[o.draft.type].push(values);
					touchReturned(m);
				}
			} else if (o.op === 'edit' || o.op === 'delete') {
				const m = model[o.q];
				const data = await page(QUARTERS[o.q]);
				const items = data.records[o.type];
				if (items.length === 0) continue;
				const item = items[o.index % items.length];
				// the stored records equal the model, so the model holds a record equal to this one
				const before = m.records[o.type].find((r) => normal(r) === normal(item.values))!;
				if (o.op === 'delete') {
					const form = new FormData();
					for (const [k, v] of Object.entries({
						type: o.type,
						id: item.id,
						version: item.version,
						bevestigd: 'ja'
					}))
						form.append(k, String(v));
					const ok = await post(kartrekker, QUARTERS[o.q], 'verwijderen', form);
					expect(ok, 'verwijderen').toBe(editable(m));
					if (ok) {
						m.records[o.type] = m.records[o.type].filter((r) => r !== before);
						touchReturned(m);
					}
					continue;
				}
				const groups = touchable(o.type);
				const touched = new Set(o.touch.flatMap((i) => (i < groups.length ? groups[i] : [])));
				const controls = formOf(data, o.type, item);
				const draft = o.draft.type === o.type ? o.draft : null;
				const fresh = draft ? valuesOf(draft, QUARTERS[o.q], pools) : {};
				const changes = Object.fromEntries(Object.entries(fresh).filter(([k]) => touched.has(k)));
				fill(controls, changes, touched);
				const after: Values = { ...before, ...changes };
				const ok = await post(kartrekker, QUARTERS[o.q], 'opslaan', formDataOf(controls));
				const expected = editable(m) && !refusal(m, o.type, after, register, before);
				expect(ok, `wijzigen ${o.type} (${[...touched].join(', ') || 'niets'})`).toBe(expected);
				if (ok) {
					m.records[o.type] = m.records[o.type].map((r) => (r === before ? after : r));
					touchReturned(m);
				}
			} else if (o.op === 'import') {
				const rows: Row[] = o.drafts.map((d) => ({
					type: d.type,
					values: valuesOf(d, QUARTERS[o.q], pools)
				}));
				if (o.newPartner)
					rows.push({
						type: 'partner',
						values: {
							organisation: NEW_ORGANISATION,
							organisation_kind: '',
							municipality: '',
							role: 'nieuw'
						}
					});
				const bySheet: Record<string, unknown[][]> = {};
				const SHEET: Record<RecordType, string> = {
					activity: 'Bijeenkomsten',
					student: 'Studenten',
					partner: 'Partners',
					publication: 'Publicaties',
					reach: 'Bereik',
					highlight: 'Trots op'
				};
				for (const r of rows)
					(bySheet[SHEET[r.type]] ??= []).push(
						cells(r.type, r.values, r.values.organisation === NEW_ORGANISATION ? 'welzijn' : '')
					);
				const file = await fillTemplate(templates.get(QUARTERS[o.q])!, bySheet);
				lastImport = { q: o.q, file, rows };
				await importFile(o.q, file, rows);
			} else if (o.op === 'reimport') {
				if (!lastImport) continue;
				await importFile(lastImport.q, lastImport.file, lastImport.rows);
			} else if (o.op === 'network') {
				const m = model[o.q];
				const data = await page(QUARTERS[o.q]);
				const form = new FormData();
				form.append('version', String(data.report.version));
				form.append('network_members', o.value === null ? '' : String(o.value));
				const ok = await post(kartrekker, QUARTERS[o.q], 'gegevens', form);
				expect(ok, 'netwerkleden').toBe(editable(m));
				if (ok) {
					m.network = o.value;
					touchReturned(m);
				}
			} else {
				const m = model[o.q];
				const user = o.op === 'submit' ? kartrekker : boss;
				const data = await page(QUARTERS[o.q], user);
				const form = new FormData();
				form.append('version', String(data.report.version));
				form.append('comment', o.op === 'return' || o.op === 'reopen' ? 'Graag aanvullen' : '');
				if (o.op === 'reopen') form.append('bevestigd', 'ja');
				const action = {
					submit: 'indienen',
					approve: 'goedkeuren',
					return: 'terugsturen',
					reopen: 'heropenen'
				} as const;
				const ok = await post(user, QUARTERS[o.q], action[o.op], form);
				const records = RECORD_TYPES.reduce((s, t) => s + m.records[t].length, 0);
				const rule = {
					submit: { from: ['concept', 'teruggestuurd'], to: 'ingediend' },
					approve: { from: ['ingediend'], to: 'goedgekeurd' },
					return: { from: ['ingediend'], to: 'teruggestuurd' },
					reopen: { from: ['goedgekeurd'], to: 'concept' }
				}[o.op];
				const expected = rule.from.includes(m.status) && (o.op !== 'submit' || records > 0);
				expect(ok, o.op).toBe(expected);
				if (ok) m.status = rule.to as QuarterModel['status'];
			}
			await storedMatches(model);
		}

		// the engine's numbers against the reference implementation on the model
		orgIds = new Map(
			(await db.selectFrom('organisations').select(['id', 'name']).execute()).map((o) => [
				o.name,
				o.id
			])
		);
		const world = {
			ateliers: [
				{ id: atelierId, name: 'Paden', activeFrom: '2023Q1', activeTo: null, predecessorId: null }
			],
			reports: QUARTERS.map((quarter, i): RefReport => {
				const r = model[i].records;
				return {
					atelierId,
					quarter,
					status: model[i].status,
					network: model[i].network,
					activities: r.activity.map((a) => ({
						kind: a.kind as string,
						isPublic: a.is_public === 'on',
						total: Number(a.participants_total),
						groups: GROUPS.map((g) => Number(a[g])),
						locationId: a.location ? locationIds.get(a.location as string)! : null,
						orgIds: (a.organisations as string[]).map((n) => orgIds.get(n)!)
					})),
					studentIds: r.student.map((s) => Number((s.student as string).slice(1))),
					partnerOrgIds: r.partner.map((p) => orgIds.get(p.organisation as string)!),
					publicationKinds: r.publication.map((p) => p.kind as string),
					reach: r.reach.map((x) => ({
						locationId: locationIds.get(x.location as string)!,
						conversations: Number(x.resident_conversations)
					}))
				};
			})
		};
		for (const scope of ['approved', 'approved+submitted'] as const) {
			const query = {
				from: QUARTERS[0],
				to: QUARTERS[1],
				atelierIds: [atelierId],
				scope,
				groupByLineage: false
			};
			const expected = referenceMetrics(world, query);
			const actual = await computeMetrics(db, query);
			expect(actual.total, scope).toEqual(expected.total);
			expect(actual.perQuarter, scope).toEqual(expected.perQuarter);
		}
	}

	// one sequence through the whole workflow, besides the random ones: the import's activity naming
	// a partner new in its Partners tab, then an edit of another field, approval and reopening
	const activity: Draft = {
		type: 'activity',
		fields: {
			date: { month: 1, day: 3 },
			title: 'Wijkgesprek',
			kind: 'workshop',
			is_public: false,
			extra: 2,
			groups: [1, 1, 0, 0, 0, 0],
			location: null,
			venue: '',
			description: '',
			organisations: [1, 3]
		}
	};
	const walk: Op[] = [
		{ op: 'import', q: 0, drafts: [activity], newPartner: true },
		{ op: 'reimport' },
		{ op: 'submit', q: 0 },
		{ op: 'return', q: 0 },
		{ op: 'edit', q: 0, type: 'activity', index: 0, touch: [4], draft: activity },
		{ op: 'edit', q: 0, type: 'activity', index: 0, touch: [], draft: activity },
		{ op: 'submit', q: 0 },
		{ op: 'approve', q: 0 },
		{ op: 'add', q: 0, draft: activity },
		{ op: 'reopen', q: 0 },
		{ op: 'delete', q: 0, type: 'partner', index: 0 },
		{ op: 'network', q: 0, value: 12 },
		{ op: 'submit', q: 0 },
		{ op: 'approve', q: 0 }
	];

	it('stores what the user did, and counts it as the reference does', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(opArb, { minLength: 6, maxLength: 16, size: 'max' }), run),
			{
				examples: [[walk]],
				numRuns: 15,
				seed: Number(process.env.PATHS_SEED ?? 20261201)
			}
		);
	});
});
