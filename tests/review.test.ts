import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../src/lib/server/auth/guards';
import type { DbHandle } from '../src/lib/server/db/connect';
import { formatDate } from '../src/lib/format';
import { ACTIVITY_KIND_LABELS, PUBLICATION_KIND_LABELS } from '../src/lib/labels';
import { reviewPage } from '../src/lib/server/review/review';
import { actingAs, recordsFixture, validActivity, type RecordsFixture } from './helpers/records';
import { createTestDb } from './helpers/test-db';

const QUARTER = '2024Q1';

describe('the review view of a quarter', () => {
	let handle: DbHandle;
	let f: RecordsFixture;
	const ref = () => ({ atelierId: f.atelierId, quarter: QUARTER });
	const view = (user: SessionUser, quarter = QUARTER) =>
		reviewPage(handle.db, {
			user,
			ref: { atelierId: f.atelierId, quarter },
			atelier: { id: f.atelierId, slug: 'v-a', name: 'Atelier v-a' }
		});
	const record = (data: Awaited<ReturnType<typeof view>>, key: string) => {
		const r = data.sections.flatMap((s) => s.records).find((x) => x.key === key);
		if (!r) throw new Error(`${key} staat niet in de beoordeling`);
		return new Map(r.fields.map((field) => [field.label, field.value]));
	};
	const reportId = async () =>
		(
			await handle.db
				.selectFrom('quarter_reports')
				.select('id')
				.where('atelier_id', '=', f.atelierId)
				.where('quarter', '=', QUARTER)
				.executeTakeFirstOrThrow()
		).id;

	beforeAll(async () => {
		handle = await createTestDb();
		f = await recordsFixture(handle.db, 'v');
		const k = actingAs(handle.db, f.kartrekker, ref());
		const student = await handle.db.selectFrom('students').select('id').executeTakeFirstOrThrow();
		await k.add('partner', {
			organisation: 'Buurtnetwerk Nieuwdorp',
			organisation_kind: 'burgers/ervaringsdeskundigen',
			municipality: 'Stein',
			role: 'Gastheer van de bijeenkomsten'
		});
		await k.add('activity', {
			...validActivity,
			description: 'Eerste regel\nTweede regel',
			organisations: ['MIK & PIW Groep', 'Buurtnetwerk Nieuwdorp']
		});
		await k.add('student', {
			student: `#${student.id}`,
			activity: 'wijkverhalen',
			description: 'Interviews'
		});
		await k.add('publication', {
			date: '2024-03-01',
			title: 'Wijkverhalen Geleen-Zuid',
			kind: 'boekje',
			url: 'https://example.org/wijkverhalen',
			authors: 'A. de Vries, B. Jansen'
		});
		await k.add('reach', {
			location: 'Nieuwdorp (Stein)',
			resident_conversations: '35',
			professionals_reached: '12'
		});
		await k.add('highlight', {
			title: 'Trots op het wijkfeest',
			body: 'Bewoners organiseerden\nzelf het feest.',
			quote: 'Eindelijk werd er naar ons geluisterd.',
			quote_speaker: 'Mevrouw Janssen',
			quote_role: 'bewoner',
			url: 'https://example.org/feest',
			in_report: 'on'
		});
		await k.saveDetails(1, { network_members: '42' });
	});
	afterAll(async () => handle?.close());

	it('shows every field of every record kind, as stored in the database', async () => {
		const data = await view(f.boss);
		const id = await reportId();
		const db = handle.db;

		const activities = await db
			.selectFrom('activities as a')
			.leftJoin('locations as l', 'l.id', 'a.location_id')
			.selectAll('a')
			.select(['l.name as location', 'l.municipality'])
			.where('report_id', '=', id)
			.execute();
		expect(activities).toHaveLength(1);
		for (const a of activities) {
			const shown = record(data, `activity-${a.id}`);
			const orgs = await db
				.selectFrom('activity_organisations as ao')
				.innerJoin('organisations as o', 'o.id', 'ao.organisation_id')
				.select('o.name')
				.where('ao.activity_id', '=', a.id)
				.orderBy('o.name')
				.execute();
			expect(Object.fromEntries(shown)).toEqual({
				Datum: formatDate(a.date),
				Titel: a.title,
				'Soort bijeenkomst': ACTIVITY_KIND_LABELS[a.kind],
				Openbaar: a.is_public ? 'Ja' : 'Nee',
				'Deelnemers totaal': String(a.participants_total),
				'waarvan professionals': String(a.participants_professionals),
				'waarvan bewoners': String(a.participants_bewoners),
				'waarvan studenten': String(a.participants_studenten),
				'waarvan beleidsmedewerkers': String(a.participants_beleidsmedewerkers),
				'waarvan onderzoekers en docenten': String(a.participants_onderzoekers_docenten),
				'waarvan ervaringsdeskundigen': String(a.participants_ervaringsdeskundigen),
				'Wijk of stadsdeel': `${a.location} (${a.municipality})`,
				'Locatie (gebouw)': a.venue,
				Toelichting: a.description,
				'Betrokken partnerorganisaties': orgs.map((o) => o.name).join(', ')
			});
		}

		for (const s of await db
			.selectFrom('student_participations as p')
			.innerJoin('students as s', 's.id', 'p.student_id')
			.selectAll('p')
			.select(['s.display_name', 's.student_number'])
			.where('report_id', '=', id)
			.execute())
			expect(Object.fromEntries(record(data, `student-${s.id}`))).toEqual({
				Student: `${s.display_name} (${s.student_number})`,
				'Wat deed de student': s.activity,
				Toelichting: s.description
			});

		for (const p of await db
			.selectFrom('partner_involvements as p')
			.innerJoin('organisations as o', 'o.id', 'p.organisation_id')
			.selectAll('p')
			.select(['o.name', 'o.kind', 'o.municipality'])
			.where('report_id', '=', id)
			.execute())
			expect(Object.fromEntries(record(data, `partner-${p.id}`))).toEqual({
				Organisatie: p.name,
				'Soort (alleen voor een nieuwe organisatie)': p.kind,
				'Gemeente (alleen voor een nieuwe organisatie)': p.municipality,
				'Rol in dit kwartaal': p.role
			});

		for (const p of await db
			.selectFrom('publications')
			.selectAll()
			.where('report_id', '=', id)
			.execute())
			expect(Object.fromEntries(record(data, `publication-${p.id}`))).toEqual({
				Datum: formatDate(p.date),
				Titel: p.title,
				Soort: PUBLICATION_KIND_LABELS[p.kind],
				Webadres: p.url,
				Auteurs: p.authors
			});

		for (const r of await db
			.selectFrom('reach as r')
			.innerJoin('locations as l', 'l.id', 'r.location_id')
			.selectAll('r')
			.select(['l.name', 'l.municipality'])
			.where('report_id', '=', id)
			.execute())
			expect(Object.fromEntries(record(data, `reach-${r.id}`))).toEqual({
				'Wijk of stadsdeel': `${r.name} (${r.municipality})`,
				'Gesprekken met bewoners': String(r.resident_conversations),
				'Professionals bereikt': String(r.professionals_reached)
			});

		for (const h of await db
			.selectFrom('highlights')
			.selectAll()
			.where('report_id', '=', id)
			.execute())
			expect(Object.fromEntries(record(data, `highlight-${h.id}`))).toEqual({
				Titel: h.title,
				Tekst: h.body,
				'Citaat (optioneel)': h.quote,
				'Van wie is het citaat': h.quote_speaker,
				'Rol van de spreker': h.quote_role,
				Webadres: h.url,
				'Opnemen in het verslag aan de financier': h.in_report ? 'Ja' : 'Nee'
			});

		const report = await db
			.selectFrom('quarter_reports')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(data.report.networkMembers).toBe(report.network_members);
		expect(data.report.noActivities).toBe(report.no_activities);
		// every record of the report is on the page, none twice
		const counts = await Promise.all(
			(
				[
					'activities',
					'student_participations',
					'partner_involvements',
					'publications',
					'reach',
					'highlights'
				] as const
			).map(
				async (t) =>
					(await db.selectFrom(t).select('id').where('report_id', '=', id).execute()).length
			)
		);
		expect(data.sections.map((s) => s.records.length)).toEqual(counts);
		expect(data.changes).toBeNull(); // never submitted
	});

	it('hides student names from whoever may not read the roster, and the thread from the council', async () => {
		const k = actingAs(handle.db, f.kartrekker, ref());
		const boss = actingAs(handle.db, f.boss, ref());
		const r = await k.transition('submit', { version: (await view(f.kartrekker)).report.version });
		await boss.transition('approve', { version: r.version });
		const data = await view(f.council);
		const student = data.sections.find((s) => s.type === 'student')!.records[0];
		expect(student.title).toBe('(afgeschermd)');
		expect(JSON.stringify(data)).not.toContain('Sanne');
		expect(data.can.comment).toBe(false);
		expect(data.thread).toEqual([]);
		// the kartrekker of another atelier gets a 403, never the data
		await expect(view(f.outsider)).rejects.toMatchObject({ status: 403 });
		// the council sees no quarter that is not approved
		await expect(view(f.council, '2024Q2')).rejects.toMatchObject({ status: 403 });
	});

	it('lists what changed since the previous submission, from the audit trail', async () => {
		const k = actingAs(handle.db, f.kartrekker, ref());
		const boss = actingAs(handle.db, f.boss, ref());
		let version = (await view(f.boss)).report.version;
		await boss.transition('reopen', { version, comment: 'Nog een publicatie' });
		const before = await view(f.boss);
		expect(before.changes).toMatchObject({ added: [], changed: [], removed: [], details: [] });
		const items = (type: string) => before.sections.find((s) => s.type === type)!.records;
		const activityId = Number(items('activity')[0].key.split('-')[1]);
		const reachId = Number(items('reach')[0].key.split('-')[1]);
		const activityRow = await handle.db
			.selectFrom('activities')
			.select('version')
			.where('id', '=', activityId)
			.executeTakeFirstOrThrow();
		await k.update(
			'activity',
			{ id: activityId, version: activityRow.version },
			{
				...validActivity,
				title: 'Wijkgesprek armoede (verplaatst)',
				participants_total: '25',
				description: 'Eerste regel\nTweede regel',
				organisations: ['MIK & PIW Groep', 'Buurtnetwerk Nieuwdorp']
			}
		);
		await k.remove('reach', { id: reachId, version: 1 });
		await k.add('publication', {
			date: '2024-03-20',
			title: 'Verslag wijkgesprek',
			kind: 'verslag'
		});
		const tmp = await k.add('highlight', { title: 'Even geprobeerd' });
		await k.remove('highlight', { id: tmp, version: 1 });
		version = (await view(f.boss)).report.version;
		await k.saveDetails(version, { network_members: '45' });
		// a change in another quarter of the same atelier is not this quarter's
		await actingAs(handle.db, f.kartrekker, { atelierId: f.atelierId, quarter: '2024Q2' }).add(
			'highlight',
			{
				title: 'Ander kwartaal'
			}
		);
		version = (await view(f.boss)).report.version;
		await k.transition('submit', { version });

		const { changes } = await view(f.boss);
		expect(changes).not.toBeNull();
		expect(changes!.added.map((r) => [r.type, r.title])).toEqual([
			['publication', 'Verslag wijkgesprek']
		]);
		expect(changes!.removed.map((r) => [r.type, r.title])).toEqual([
			['reach', 'Nieuwdorp (Stein)']
		]);
		expect(changes!.changed).toHaveLength(1);
		expect(changes!.changed[0].type).toBe('activity');
		expect(changes!.changed[0].changes).toEqual([
			{ label: 'Titel', before: 'Wijkgesprek armoede', after: 'Wijkgesprek armoede (verplaatst)' },
			{ label: 'Deelnemers totaal', before: '20', after: '25' }
		]);
		expect(changes!.details).toEqual([{ label: 'Netwerkleden', before: '42', after: '45' }]);
	});
});
