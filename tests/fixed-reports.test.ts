import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../src/lib/server/metrics/engine';
import { changesSinceFix, hasChangedSinceFix } from '../src/lib/server/fixed-reports/changes';
import { fixReport } from '../src/lib/server/fixed-reports/fix';
import { sha256 } from '../src/lib/server/fixed-reports/generate';
import { changedFixedReports } from '../src/lib/server/fixed-reports/notices';
import {
	fixedReportFile,
	getFixedReport,
	listFixedReports
} from '../src/lib/server/fixed-reports/store';
import type { DashboardSelection } from '../src/lib/server/metrics/dashboard';
import { ActionError } from '../src/lib/server/errors';
import { sessionUser, useDemoDb } from './helpers/demo-db';
import { actingAs, rejectionOf, validActivity } from './helpers/records';

const YEAR: DashboardSelection = { from: '2022Q1', to: '2022Q4', ateliers: [], lineage: false };

// Fixing a report on the demo werkplaats, on PGlite and (with DATABASE_URL) on PostgreSQL.
describe('fixed reports ("vaststellen")', { timeout: 240_000 }, () => {
	const demo = useDemoDb();

	async function boss() {
		const row = await demo.db
			.selectFrom('app_users')
			.select(['id', 'name'])
			.where('role', '=', 'management')
			.orderBy('id')
			.executeTakeFirstOrThrow();
		return { ...sessionUser('management', [], row.id), name: row.name };
	}

	it('stores both files as generated, with matching SHA-256, and the engine result', async () => {
		const user = await boss();
		const fixed = await fixReport(demo.db, user, YEAR, 'vws');
		expect(fixed.version).toBe(1);
		const pdf = await fixedReportFile(demo.db, fixed.id, 'pdf');
		const xlsx = await fixedReportFile(demo.db, fixed.id, 'xlsx');
		expect(pdf!.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
		expect(xlsx!.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
		expect(sha256(pdf!.bytes)).toBe(pdf!.sha256);
		expect(sha256(xlsx!.bytes)).toBe(xlsx!.sha256);
		expect(pdf!.name).toBe('Jaarbeeld WSD Zuyd 2022 VWS versie 1.pdf');
		expect(xlsx!.name).toBe('Jaarbeeld WSD Zuyd 2022 VWS versie 1.xlsx');

		const detail = (await getFixedReport(demo.db, fixed.id))!;
		const engine = await computeMetrics(demo.db, { ...detail.query });
		expect(detail.query.scope).toBe('approved');
		expect(detail.metrics.total).toEqual(engine.total);
		expect(detail.openQuarters).toEqual(engine.openQuarters);
		expect(detail.fixedByName).toBe(user.name);
		expect(await hasChangedSinceFix(demo.db, detail)).toBe(false);
		const audit = await demo.db
			.selectFrom('audit_log')
			.select(['action', 'actor_id'])
			.where('entity', '=', 'fixed_report')
			.where('entity_id', '=', String(fixed.id))
			.execute();
		expect(audit).toEqual([{ action: 'fix', actor_id: user.id }]);
	});

	it('is refused to anyone but management', async () => {
		for (const role of ['council', 'kartrekker'] as const) {
			const error = await rejectionOf(fixReport(demo.db, sessionUser(role, [1]), YEAR, 'vws'));
			expect(error).toBeInstanceOf(ActionError);
			expect((error as ActionError).status).toBe(403);
		}
	});

	it('cannot be changed or removed: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
		const [first] = await listFixedReports(demo.db, await boss());
		const before = await fixedReportFile(demo.db, first.id, 'pdf');
		for (const statement of [
			sql`update fixed_reports set version = 99 where id = ${first.id}`,
			sql`update fixed_reports set pdf = ${Buffer.from('vervalst')} where id = ${first.id}`,
			sql`delete from fixed_reports where id = ${first.id}`,
			sql`truncate fixed_reports`
		]) {
			const error = await rejectionOf(statement.execute(demo.db));
			expect(String((error as Error).message)).toContain('kan niet worden gewijzigd');
		}
		const after = await fixedReportFile(demo.db, first.id, 'pdf');
		expect(after!.bytes.equals(before!.bytes)).toBe(true);
		expect((await getFixedReport(demo.db, first.id))!.version).toBe(1);
	});

	it('numbers versions per period and audience, also when two fix at the same time', async () => {
		const user = await boss();
		const council = await fixReport(demo.db, user, YEAR, 'programmaraad');
		expect(council.version).toBe(1);
		const both = await Promise.all([
			fixReport(demo.db, user, YEAR, 'vws'),
			fixReport(demo.db, user, YEAR, 'vws')
		]);
		expect(both.map((f) => f.version).sort()).toEqual([2, 3]);
		const other = await fixReport(demo.db, user, { ...YEAR, to: '2022Q2' }, 'vws');
		expect(other.version).toBe(1);
		const list = await listFixedReports(demo.db, user);
		expect(list.map((r) => `${r.from}-${r.to} ${r.audience} ${r.version}`).sort()).toEqual([
			'2022Q1-2022Q2 vws 1',
			'2022Q1-2022Q4 programmaraad 1',
			'2022Q1-2022Q4 vws 1',
			'2022Q1-2022Q4 vws 2',
			'2022Q1-2022Q4 vws 3'
		]);
		// newest first
		expect(list[0].id).toBe(other.id);
		// the council sees its own edition only
		const councilList = await listFixedReports(demo.db, sessionUser('council'));
		expect(councilList.map((r) => r.audience)).toEqual(['programmaraad']);
		expect(await listFixedReports(demo.db, sessionUser('kartrekker', [1]))).toEqual([]);
	});

	it('reports what changed after a quarter is reopened, edited and approved again', async () => {
		const user = await boss();
		const [first] = (await listFixedReports(demo.db, user)).filter(
			(r) => r.audience === 'vws' && r.version === 1 && r.to === '2022Q4'
		);
		const stored = await fixedReportFile(demo.db, first.id, 'pdf');
		const report = await demo.db
			.selectFrom('quarter_reports')
			.select(['id', 'atelier_id', 'quarter', 'version'])
			.where('status', '=', 'goedgekeurd')
			.where('quarter', '=', '2022Q2')
			.orderBy('id')
			.executeTakeFirstOrThrow();
		const ref = { atelierId: report.atelier_id, quarter: report.quarter };
		const m = actingAs(demo.db, user, ref);
		const reopened = await m.transition('reopen', {
			version: report.version,
			comment: 'Een bijeenkomst ontbrak.'
		});
		await m.add('activity', {
			...validActivity,
			date: '2022-05-10',
			title: 'Nagekomen wijkgesprek',
			is_public: '',
			location: '',
			organisations: []
		});
		const current = await demo.db
			.selectFrom('quarter_reports')
			.select('version')
			.where('id', '=', report.id)
			.executeTakeFirstOrThrow();
		expect(current.version).toBeGreaterThanOrEqual(reopened.version);
		const submitted = await m.transition('submit', { version: current.version });
		await m.transition('approve', { version: submitted.version });

		const detail = (await getFixedReport(demo.db, first.id))!;
		const changes = await changesSinceFix(demo.db, detail);
		expect(changes.changed).toBe(true);
		const meetings = changes.indicators.find((i) => i.code === 'bijeenkomsten')!;
		expect(meetings.now).toBe(meetings.sent + 1);
		const participants = changes.indicators.find((i) => i.code === 'deelnemers')!;
		expect(participants.now).toBe(participants.sent + 20);
		const unchanged = changes.indicators.filter((i) => i.sent === i.now).map((i) => i.code);
		expect(unchanged).toContain('actieve_studenten');
		expect(changes.records.map((r) => `${r.what} ${r.action}`)).toEqual([
			'Kwartaalrapportage heropend',
			'Bijeenkomst aangemaakt',
			'Kwartaalrapportage ingediend',
			'Kwartaalrapportage goedgekeurd'
		]);
		expect(changes.records.every((r) => r.quarter === '2022Q2')).toBe(true);
		// what was sent stays as it was
		const after = await fixedReportFile(demo.db, first.id, 'pdf');
		expect(after!.bytes.equals(stored!.bytes)).toBe(true);
		expect(sha256(after!.bytes)).toBe(first.pdfSha256);
		// the dashboard of exactly that period: the newest version per audience, when it changed
		const notices = await changedFixedReports(demo.db, user, '2022Q1', '2022Q4');
		expect(notices.map((n) => `${n.audience} ${n.version}`).sort()).toEqual([
			'programmaraad 1',
			'vws 3'
		]);
		expect(await changedFixedReports(demo.db, user, '2021Q1', '2021Q4')).toEqual([]);
		// a report fixed now is again unchanged
		const again = await fixReport(demo.db, user, YEAR, 'vws');
		expect(again.version).toBe(4);
		expect(await hasChangedSinceFix(demo.db, (await getFixedReport(demo.db, again.id))!)).toBe(
			false
		);
	});
});
