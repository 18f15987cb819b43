import { sql, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasDomainData, NOT_EMPTY_MESSAGE, seedDemo } from '../seeds/demo';
import type { DbHandle } from '../src/lib/server/db/connect';
import { getWerkplaatsSettings } from '../src/lib/server/settings/werkplaats';
import { createTestDb } from './helpers/test-db';

// Every check runs SQL over the seeded database, not over the TypeScript constants: what matters
// is that the numbers the brochure prints come out of the data as stored.
describe('demo seed', () => {
	let handle: DbHandle;
	let emptyBefore: boolean;
	let seedMillis: number;

	beforeAll(async () => {
		handle = await createTestDb();
		emptyBefore = !(await hasDomainData(handle.db));
		const started = performance.now();
		await seedDemo(handle.db);
		seedMillis = performance.now() - started;
	});
	afterAll(async () => handle?.close());

	async function one<T>(query: RawBuilder<T>): Promise<T> {
		const { rows } = await query.execute(handle.db);
		return rows[0];
	}

	async function all<T>(query: RawBuilder<T>): Promise<T[]> {
		return (await query.execute(handle.db)).rows;
	}

	/** Locations with an activity or reach in the period, with the first quarter they appear. */
	function locationsUsed(from: string, to: string) {
		return all<{ municipality: string; name: string; kind: string; first: string }>(sql`
			with used as (
				select a.location_id, r.quarter
				from activities a join quarter_reports r on r.id = a.report_id
				where a.location_id is not null
				union all
				select x.location_id, r.quarter
				from reach x join quarter_reports r on r.id = x.report_id
			)
			select l.municipality, l.name, l.kind, min(u.quarter) as first
			from used u join locations l on l.id = u.location_id
			where u.quarter between ${from} and ${to}
			group by l.id, l.municipality, l.name, l.kind
			order by l.municipality, l.name`);
	}

	it('loads into an empty database, quickly', () => {
		expect(emptyBefore).toBe(true);
		expect(seedMillis).toBeLessThan(15_000);
	});

	it('names the werkplaats and its subsidy periods', async () => {
		const settings = await getWerkplaatsSettings(handle.db);
		expect(settings).toMatchObject({
			name: 'Werkplaats Sociaal Domein Zuyd',
			shortName: 'WSD Zuyd',
			quarterDueMonths: 1
		});
		const periods = await all<{ name: string; start_quarter: string; end_quarter: string }>(sql`
			select name, start_quarter, end_quarter from subsidy_periods order by start_quarter`);
		expect(periods).toEqual([
			{ name: '2020-2022', start_quarter: '2020Q1', end_quarter: '2022Q4' },
			{ name: '2023-2026', start_quarter: '2023Q1', end_quarter: '2026Q4' }
		]);
	});

	it('has 4 leerateliers in 2020-2022', async () => {
		const withReports = await one<{ n: number }>(sql`
			select count(distinct atelier_id) as n from quarter_reports
			where quarter between '2020Q1' and '2022Q4'`);
		expect(withReports.n).toBe(4);
		const active = await one<{ n: number }>(sql`
			select count(*) as n from ateliers
			where active_from <= '2022Q4' and (active_to is null or active_to >= '2020Q1')`);
		expect(active.n).toBe(4);
	});

	it('has 13 openbare kennisbijeenkomsten in 2020-2022, in every year', async () => {
		const perYear = await all<{ year: string; n: number }>(sql`
			select substr(r.quarter, 1, 4) as year, count(*) as n
			from activities a join quarter_reports r on r.id = a.report_id
			where a.is_public and a.kind = 'kennisbijeenkomst'
				and r.quarter between '2020Q1' and '2022Q4'
			group by 1 order by 1`);
		expect(perYear.map((r) => r.year)).toEqual(['2020', '2021', '2022']);
		expect(perYear.reduce((s, r) => s + r.n, 0)).toBe(13);
	});

	it('reaches 4 stadsdelen of Sittard-Geleen and, since 2022, 2 wijken in Stein', async () => {
		for (const [from, to] of [
			['2022Q1', '2022Q4'],
			['2020Q1', '2022Q4']
		]) {
			const used = await locationsUsed(from, to);
			expect(used).toHaveLength(6);
			const sittardGeleen = used.filter((l) => l.municipality === 'Sittard-Geleen');
			const stein = used.filter((l) => l.municipality === 'Stein');
			expect(sittardGeleen).toHaveLength(4);
			expect(sittardGeleen.every((l) => l.kind === 'stadsdeel')).toBe(true);
			expect(stein).toHaveLength(2);
			expect(stein.every((l) => l.kind === 'wijk')).toBe(true);
			expect(stein.every((l) => l.first >= '2022Q1')).toBe(true);
		}
		const before2022 = await locationsUsed('2020Q1', '2021Q4');
		expect(before2022.map((l) => l.municipality)).toEqual(Array(4).fill('Sittard-Geleen'));
	});

	it('has wijkverhalen in all four stadsdelen in each of 2020, 2021 and 2022', async () => {
		const perYear = await all<{ year: string; n: number; residents: number }>(sql`
			select substr(r.quarter, 1, 4) as year, count(distinct x.location_id) as n,
				sum(x.resident_conversations) as residents
			from reach x
			join quarter_reports r on r.id = x.report_id
			join locations l on l.id = x.location_id
			where l.municipality = 'Sittard-Geleen' and l.kind = 'stadsdeel'
				and r.quarter between '2020Q1' and '2022Q4'
			group by 1 order by 1`);
		expect(perYear.map((r) => [r.year, r.n])).toEqual([
			['2020', 4],
			['2021', 4],
			['2022', 4]
		]);
		// "tientallen bewoners" every year
		for (const year of perYear) expect(year.residents).toBeGreaterThanOrEqual(20);
	});

	it('has the themamiddag of 18 October 2022 and the 2022 symposium of Jeugd', async () => {
		const events = await all<{ kind: string; date: string; slug: string }>(sql`
			select a.kind, to_char(a.date, 'YYYY-MM-DD') as date, t.slug
			from activities a
			join quarter_reports r on r.id = a.report_id
			join ateliers t on t.id = r.atelier_id
			where a.kind in ('themamiddag', 'symposium') and a.date between '2022-01-01' and '2022-12-31'
			order by a.date`);
		expect(events).toContainEqual({
			kind: 'themamiddag',
			date: '2022-10-18',
			slug: 'integraal-werken-met-jeugd'
		});
		expect(events.filter((e) => e.kind === 'symposium')).toHaveLength(1);
		expect(events.find((e) => e.kind === 'symposium')?.slug).toBe('integraal-werken-met-jeugd');
	});

	it('dates every activity inside the quarter of its report', async () => {
		const outside = await one<{ n: number }>(sql`
			select count(*) as n from activities a join quarter_reports r on r.id = a.report_id
			where to_char(a.date, 'YYYY"Q"Q') <> r.quarter`);
		expect(outside.n).toBe(0);
		const inEmptyReports = await one<{ n: number }>(sql`
			select count(*) as n from activities a join quarter_reports r on r.id = a.report_id
			where r.no_activities`);
		expect(inEmptyReports.n).toBe(0);
	});

	it('approved every 2020-2022 report, with its history', async () => {
		const reports = await all<{ status: string; n: number }>(sql`
			select status, count(*) as n from quarter_reports
			where quarter between '2020Q1' and '2022Q4' group by status`);
		expect(reports).toEqual([{ status: 'goedgekeurd', n: 48 }]);

		// The last transition of every report is its current status, and approvals are recorded.
		const mismatched = await one<{ n: number }>(sql`
			select count(*) as n from quarter_reports r
			where r.status <> (
				select h.to_status from report_status_history h
				where h.report_id = r.id order by h.at desc, h.id desc limit 1
			)`);
		expect(mismatched.n).toBe(0);
		const approvals = await one<{ n: number }>(sql`
			select count(*) as n from report_status_history h
			join quarter_reports r on r.id = h.report_id
			where h.to_status = 'goedgekeurd' and r.quarter <= '2022Q4'`);
		expect(approvals.n).toBe(48);
	});

	it('leaves 2023 half-finished and nothing after it', async () => {
		const statuses = await all<{ status: string }>(sql`
			select distinct status from quarter_reports where quarter between '2023Q1' and '2023Q4'`);
		expect(statuses.length).toBeGreaterThanOrEqual(3);
		const returned = await one<{ n: number; comments: number }>(sql`
			select count(*) as n, count(return_comment) as comments from quarter_reports
			where status = 'teruggestuurd'`);
		expect(returned).toEqual({ n: 1, comments: 1 });
		const later = await one<{ n: number }>(sql`
			select count(*) as n from quarter_reports where quarter > '2023Q4'`);
		expect(later.n).toBe(0);
	});

	it('has 6 ateliers in 2023 with their lineage', async () => {
		const rows = await all<{ name: string; predecessor: string | null }>(sql`
			select a.name, p.name as predecessor
			from ateliers a left join ateliers p on p.id = a.predecessor_id
			where a.active_from <= '2023Q4' and (a.active_to is null or a.active_to >= '2023Q1')
			order by a.name`);
		expect(rows).toEqual([
			{ name: 'Impact', predecessor: null },
			{ name: 'Interprofessionele samenwerking', predecessor: null },
			{ name: 'Kansrijk met jeugd', predecessor: 'Integraal werken met jeugd' },
			{ name: 'Leiderschap', predecessor: null },
			{ name: 'Over leven ten tijde van tweedeling: armoede', predecessor: 'Armoede' },
			{ name: 'Veerkracht en onmacht in gemeenschappen', predecessor: 'Samenlevingsopbouw' }
		]);
	});

	it('counts students and partners as unique, not as a sum over ateliers', async () => {
		const students = await one<{ uniq: number; summed: number }>(sql`
			select
				(select count(distinct p.student_id) from student_participations p
					join quarter_reports r on r.id = p.report_id
					where r.quarter between '2020Q1' and '2022Q4') as uniq,
				(select sum(n) from (
					select count(distinct p.student_id) as n from student_participations p
					join quarter_reports r on r.id = p.report_id
					where r.quarter between '2020Q1' and '2022Q4'
					group by r.atelier_id) per_atelier) as summed`);
		expect(students.uniq).toBeGreaterThan(0);
		expect(students.uniq).toBeLessThan(students.summed);

		const shared = await one<{ n: number }>(sql`
			select count(*) as n from (
				select pi.organisation_id from partner_involvements pi
				join quarter_reports r on r.id = pi.report_id
				where r.quarter between '2020Q1' and '2022Q4'
				group by pi.organisation_id having count(distinct r.atelier_id) > 1) s`);
		expect(shared.n).toBeGreaterThan(0);
	});

	it('keeps the brochure quotes word for word', async () => {
		const quotes = await all<{ quote: string; quote_speaker: string }>(sql`
			select quote, quote_speaker from highlights where quote is not null and in_report`);
		expect(quotes).toContainEqual({
			quote: 'Armoede is een hydra.',
			quote_speaker: 'Joost Weling'
		});
		expect(quotes).toContainEqual({
			quote: 'De Werkplaats is een kennismakelaar.',
			quote_speaker: 'Sabrina Keinemans'
		});
		expect(quotes.some((q) => q.quote.includes('creëren'))).toBe(true);
		expect(quotes.some((q) => q.quote.includes('creéren'))).toBe(false);
		const urls = await one<{ n: number }>(sql`
			select count(*) as n from publications
			where url like 'https://www.wsdzuyd.nl/%' or url like 'https://www.zuyd.nl/%'
				or url like 'https://zuyd.mediasite.com/%'`);
		expect(urls.n).toBe(9);
	});

	it('refuses to load twice, and leaves the data as it was', async () => {
		const before = await one<{ n: number }>(sql`select count(*) as n from activities`);
		expect(await hasDomainData(handle.db)).toBe(true);
		await expect(seedDemo(handle.db)).rejects.toThrow(NOT_EMPTY_MESSAGE);
		const after = await one<{ n: number }>(sql`select count(*) as n from activities`);
		expect(after.n).toBe(before.n);
	});
});
