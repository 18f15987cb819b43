import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../src/lib/server/auth/guards';
import type { DbHandle } from '../src/lib/server/db/connect';
import { DEFINITIONS } from '../src/lib/server/records/kinds';
import { ConflictError, ValidationError } from '../src/lib/server/errors';
import { parseRecord } from '../src/lib/server/records/service';
import {
	actingAs,
	expectRefused,
	fieldErrors,
	recordsFixture,
	validActivity,
	type RecordsFixture
} from './helpers/records';
import { createTestDb } from './helpers/test-db';

function errorsOf(fn: () => unknown): Record<string, string> {
	try {
		fn();
	} catch (e) {
		if (e instanceof ValidationError) return e.errors;
		throw e;
	}
	return {};
}

describe('record validation (the schemas shared by forms and import)', () => {
	const q = '2024Q1';
	it('accepts a complete activity and turns counts into numbers', () => {
		const a = parseRecord('activity', q, validActivity).values;
		expect(a.participants_total).toBe(20);
		expect(a.beleidsmedewerkers).toBe(0);
		expect(a.is_public).toBe(true);
		expect(a.organisations).toEqual(['MIK & PIW Groep']);
	});
	it('refuses dates outside the quarter, impossible dates and missing dates', () => {
		expect(
			errorsOf(() => parseRecord('activity', q, { ...validActivity, date: '2024-04-01' })).date
		).toMatch(/K1 2024/);
		expect(
			errorsOf(() => parseRecord('activity', q, { ...validActivity, date: '2024-02-30' })).date
		).toMatch(/geldige datum/);
		expect(errorsOf(() => parseRecord('activity', q, { ...validActivity, date: '' })).date).toBe(
			'Vul een datum in.'
		);
		expect(parseRecord('activity', q, { ...validActivity, date: '31-3-2024' }).values.date).toBe(
			'2024-03-31'
		);
	});
	it('refuses negative, fractional and non-numeric counts', () => {
		for (const bad of ['-1', '2.5', 'tien'])
			expect(
				errorsOf(() => parseRecord('activity', q, { ...validActivity, bewoners: bad })).bewoners
			).toBe('Vul een geheel getal van 0 of meer in, bijvoorbeeld 12 of 1.250.');
		expect(
			errorsOf(() => parseRecord('reach', q, { location: 'x', resident_conversations: '-3' }))
				.resident_conversations
		).toBeDefined();
	});
	it('refuses participants per group that add up to more than the total', () => {
		const e = errorsOf(() =>
			parseRecord('activity', q, { ...validActivity, participants_total: '19' })
		);
		expect(e.participants_total).toMatch(/samen 20.*\(19\)/);
		expect(() =>
			parseRecord('activity', q, { ...validActivity, participants_total: '20' })
		).not.toThrow();
	});
	it('requires titles and a known kind', () => {
		const e = errorsOf(() =>
			parseRecord('activity', q, { ...validActivity, title: '  ', kind: 'feest' })
		);
		expect(e.title).toBe('Vul een titel in.');
		expect(e.kind).toMatch(/Kies een soort bijeenkomst/);
		expect(
			errorsOf(() =>
				parseRecord('publication', q, { date: '2024-01-05', title: '', kind: 'rapport' })
			).title
		).toBe('Vul een titel in.');
		expect(errorsOf(() => parseRecord('highlight', q, { title: '' })).title).toBe(
			'Vul een titel in.'
		);
	});
	it('accepts only http(s) URLs', () => {
		const pub = { date: '2024-01-05', title: 'Rapport', kind: 'rapport', authors: '' };
		for (const bad of ['javascript:alert(1)', 'ftp://x.nl/a', 'www.zuyd.nl', 'http://'])
			expect(errorsOf(() => parseRecord('publication', q, { ...pub, url: bad })).url).toMatch(
				/http/
			);
		expect(parseRecord('publication', q, { ...pub, url: 'https://www.zuyd.nl/a' }).values.url).toBe(
			'https://www.zuyd.nl/a'
		);
		expect(parseRecord('publication', q, { ...pub, url: '' }).values.url).toBeNull();
		expect(
			errorsOf(() => parseRecord('highlight', q, { title: 'T', url: 'mailto:a@b.nl' })).url
		).toBeDefined();
	});
	it('requires a speaker with a quote', () => {
		expect(
			errorsOf(() => parseRecord('highlight', q, { title: 'T', quote: 'Mooi!' })).quote_speaker
		).toBeDefined();
		expect(() =>
			parseRecord('highlight', q, { title: 'T', quote: 'Mooi!', quote_speaker: 'Els' })
		).not.toThrow();
	});
	it('refuses a speaker or role without a quote instead of dropping them', () => {
		for (const extra of [{ quote_speaker: 'Els' }, { quote_role: 'bewoner' }])
			expect(errorsOf(() => parseRecord('highlight', q, { title: 'T', ...extra })).quote).toMatch(
				/Vul het citaat in/
			);
	});
	it('requires a student and a location', () => {
		expect(
			errorsOf(() => parseRecord('student', q, { student: '', activity: 'stage' })).student
		).toBeDefined();
		expect(errorsOf(() => parseRecord('reach', q, { location: '' })).location).toBeDefined();
	});
});

describe('record service', () => {
	let handle: DbHandle;
	let f: RecordsFixture;
	const ref = () => ({ atelierId: f.atelierId, quarter: '2024Q1' });
	/** The service as `who` calls it on 2024Q1 of the fixture's atelier. */
	const asUser = (who: SessionUser) => actingAs(handle.db, who, ref());
	beforeAll(async () => {
		handle = await createTestDb();
		f = await recordsFixture(handle.db);
	});
	afterAll(async () => handle?.close());

	it('creates the report on the first save and stores the activity with audit', async () => {
		const id = await asUser(f.kartrekker).add('activity', validActivity);
		const report = await handle.db
			.selectFrom('quarter_reports')
			.selectAll()
			.where('atelier_id', '=', f.atelierId)
			.executeTakeFirstOrThrow();
		expect(report.status).toBe('concept');
		const [item] = await DEFINITIONS.activity.load(handle.db, report.id, id);
		expect(item.values.organisations).toEqual(['MIK & PIW Groep']);
		expect(item.values.location).toBe('Geleen-Zuid (Sittard-Geleen)');
		const audit = await handle.db
			.selectFrom('audit_log')
			.selectAll()
			.where('entity', '=', 'activities')
			.where('entity_id', '=', String(id))
			.execute();
		expect(audit.map((a) => a.action)).toEqual(['create']);
	});

	it('summarises records in Dutch: written dates, kind names, one or many', async () => {
		const id = await asUser(f.kartrekker).add('activity', {
			...validActivity,
			date: '2024-02-12',
			participants_total: '1',
			professionals: '1',
			bewoners: '0',
			ervaringsdeskundigen: '0'
		});
		const report = await handle.db
			.selectFrom('quarter_reports')
			.select('id')
			.where('atelier_id', '=', f.atelierId)
			.executeTakeFirstOrThrow();
		const [item] = await DEFINITIONS.activity.load(handle.db, report.id, id);
		expect(item.summary).toMatch(
			/^12 februari 2024 · [A-Z][a-z]+( \(openbaar\))?: .+ — 1 deelnemer$/
		);
		expect(item.summary).not.toMatch(/\d{4}-\d{2}-\d{2}|_/);
	});

	it('refuses unknown organisations and locations on an activity', async () => {
		await expect(
			asUser(f.kartrekker).add('activity', {
				...validActivity,
				organisations: ['Onbekend BV'],
				location: 'Mars'
			})
		).rejects.toBeInstanceOf(ValidationError);
	});

	it('offers the existing organisation for a name that differs only in case, spaces or punctuation', async () => {
		const kartrekker = asUser(f.kartrekker);
		// "en" is not "&": a different organisation, added to the registry with its kind
		const other = await kartrekker.add('partner', {
			organisation: 'mik en piw groep',
			organisation_kind: 'welzijn'
		});
		expect(other).toBeGreaterThan(0);
		// "mik&piw-GROEP" normalizes to the existing "MIK & PIW Groep": offered, not duplicated
		const same = await fieldErrors(kartrekker.add('partner', { organisation: 'mik&piw-GROEP' }));
		expect(same.suggestion).toBe('MIK & PIW Groep');
		await kartrekker.add('partner', { organisation: 'MIK & PIW Groep', role: 'cofinancier' });
		const orgs = await handle.db.selectFrom('organisations').select('name').execute();
		expect(orgs.map((o) => o.name).sort()).toEqual(['MIK & PIW Groep', 'mik en piw groep']);
	});

	it('needs a kind for a new organisation and refuses the same partner twice', async () => {
		const kartrekker = asUser(f.kartrekker);
		const newOrg = await fieldErrors(kartrekker.add('partner', { organisation: 'Gemeente Stein' }));
		expect(newOrg.organisation_kind).toMatch(/kies het soort/);
		const dup = await fieldErrors(kartrekker.add('partner', { organisation: 'MIK & PIW Groep' }));
		expect(dup.organisation).toMatch(/al bij de partners/);
	});

	it('only accepts students of the atelier roster', async () => {
		const kartrekker = asUser(f.kartrekker);
		await kartrekker.add('student', { student: 'Sanne', activity: 'stage' });
		const err = await fieldErrors(
			kartrekker.add('student', { student: 'Piet', activity: 'stage' })
		);
		expect(err.student).toMatch(/niet in het studentenoverzicht/);
	});

	it('refuses kartrekkers of other ateliers and the council (403)', async () => {
		for (const who of [f.outsider, f.council])
			await expectRefused(asUser(who).add('highlight', { title: 'x' }), 403);
	});

	it('two concurrent saves of one record: exactly one wins, the other gets a conflict', async () => {
		const kartrekker = asUser(f.kartrekker);
		const id = await kartrekker.add('highlight', { title: 'Origineel' });
		const results = await Promise.allSettled([
			kartrekker.update('highlight', { id, version: 1 }, { title: 'Versie A' }),
			asUser(f.boss).update('highlight', { id, version: 1 }, { title: 'Versie B' })
		]);
		const won = results.filter((r) => r.status === 'fulfilled');
		const lost = results.filter((r) => r.status === 'rejected');
		expect(won).toHaveLength(1);
		expect(lost).toHaveLength(1);
		const conflict = (lost[0] as PromiseRejectedResult).reason as ConflictError;
		expect(conflict).toBeInstanceOf(ConflictError);
		const row = await handle.db
			.selectFrom('highlights')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row.version).toBe(2);
		expect(conflict.current?.values.title).toBe(row.title);
		// a save based on the old version afterwards also conflicts and overwrites nothing
		await expect(
			kartrekker.update('highlight', { id, version: 1 }, { title: 'Te laat' })
		).rejects.toBeInstanceOf(ConflictError);
		await expect(kartrekker.remove('highlight', { id, version: 1 })).rejects.toBeInstanceOf(
			ConflictError
		);
		const after = await handle.db
			.selectFrom('highlights')
			.select('title')
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(after.title).toBe(row.title);
		await kartrekker.remove('highlight', { id, version: 2 });
		expect(
			await handle.db.selectFrom('highlights').select('id').where('id', '=', id).executeTakeFirst()
		).toBeUndefined();
	});
});
