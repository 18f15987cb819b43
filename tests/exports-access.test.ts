import { isRedirect } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../seeds/demo';
import type { SessionUser } from '../src/lib/server/auth/guards';
import type { DbHandle } from '../src/lib/server/db/connect';
import { renderReport } from '../src/lib/server/exports/pdf';
import { loadReportData } from '../src/lib/server/exports/report-data';
import { workbookStream } from '../src/lib/server/exports/xlsx';
import { computeMetrics } from '../src/lib/server/metrics/engine';
import { GET as getWorkbook } from '../src/routes/dashboard/export.xlsx/+server';
import { GET as getReport } from '../src/routes/dashboard/rapport.pdf/+server';
import { expectWorkbookMatches } from './helpers/export-checks';
import { popplerRead, readWorkbook, streamToBuffer } from './helpers/export-readers';
import { createTestDb } from './helpers/test-db';

const RECORD_SHEETS = ['Bijeenkomsten', 'Studentdeelnames', 'Partnerbetrokkenheid', 'Bereik'];
const period = { from: '2020Q1', to: '2022Q4' } as const;

describe('who gets what in an export', { timeout: 180_000 }, () => {
	let handle: DbHandle;
	let own: { id: number; slug: string; name: string };
	let other: { id: number; slug: string; name: string };
	let kartrekker: SessionUser;
	const council: SessionUser = {
		id: 2,
		name: 'Raad',
		email: 'raad@voorbeeld.nl',
		role: 'council',
		atelierIds: []
	};

	beforeAll(async () => {
		handle = await createTestDb();
		await seedDemo(handle.db);
		const ateliers = await handle.db
			.selectFrom('ateliers')
			.select(['id', 'slug', 'name'])
			.where('active_from', '<=', '2022Q4')
			.orderBy('name')
			.execute();
		[own, other] = ateliers;
		kartrekker = {
			id: 3,
			name: 'Kartrekker',
			email: 'k@voorbeeld.nl',
			role: 'kartrekker',
			atelierIds: [own.id]
		};
		// a submitted (not yet approved) quarter with activities for each of the two ateliers
		for (const a of [own, other]) {
			const report = await handle.db
				.selectFrom('quarter_reports as qr')
				.innerJoin('activities as x', 'x.report_id', 'qr.id')
				.select('qr.id')
				.where('qr.atelier_id', '=', a.id)
				.where('qr.quarter', '<=', '2022Q4')
				.orderBy('qr.quarter', 'desc')
				.executeTakeFirstOrThrow();
			await handle.db
				.updateTable('quarter_reports')
				.set({ status: 'ingediend' })
				.where('id', '=', report.id)
				.execute();
		}
	});
	afterAll(async () => handle?.close());

	async function workbook(user: SessionUser, ateliers: string[] = []) {
		const data = await loadReportData(handle.db, user, { ...period, ateliers, lineage: false });
		const { sheets } = await readWorkbook(await streamToBuffer(workbookStream(handle.db, data)));
		return { data, sheets };
	}

	it('gives a kartrekker only their own ateliers, with submitted data', async () => {
		const { data, sheets } = await workbook(kartrekker);
		const engine = await computeMetrics(handle.db, {
			...period,
			atelierIds: [own.id],
			scope: 'approved+submitted'
		});
		const previous = await computeMetrics(handle.db, {
			from: '2017Q1',
			to: '2019Q4',
			atelierIds: [own.id],
			scope: 'approved+submitted'
		});
		expectWorkbookMatches(sheets, data, engine, previous);
		expect(engine.units.map((u) => u.name)).toEqual([own.name]);
		expect(sheets.map((s) => s.name)).not.toContain(other.name);
		for (const name of RECORD_SHEETS) {
			const rows = sheets.find((s) => s.name === name)!.rows.slice(1);
			for (const row of rows) expect(row[0]).toBe(own.name);
		}
		expect(sheets.flatMap((s) => s.rows.flat())).not.toContain(other.name);
		expect(
			sheets.find((s) => s.name === 'Bijeenkomsten')!.rows.some((r) => r[2] === 'ingediend')
		).toBe(true);
	});

	it('gives a kartrekker nothing of an atelier that is not theirs, even when asked by URL', async () => {
		const { data, sheets } = await workbook(kartrekker, [other.slug]);
		expect(data.metrics.units).toEqual([]);
		for (const name of RECORD_SHEETS)
			expect(sheets.find((s) => s.name === name)!.rows.length).toBe(1);
		expect(sheets.flatMap((s) => s.rows.flat())).not.toContain(other.name);
		const pdf = await renderReport(handle.db, data, 'vws');
		const { text } = await popplerRead(pdf);
		expect(text).not.toContain(`Leeratelier ${other.name}`);
	});

	it('gives the council approved data only', async () => {
		const { data, sheets } = await workbook(council);
		expect(data.scope).toBe('approved');
		const engine = await computeMetrics(handle.db, {
			...period,
			atelierIds: null,
			scope: 'approved'
		});
		const previous = await computeMetrics(handle.db, {
			from: '2017Q1',
			to: '2019Q4',
			atelierIds: null,
			scope: 'approved'
		});
		expectWorkbookMatches(sheets, data, engine, previous);
		const all = await computeMetrics(handle.db, {
			...period,
			atelierIds: null,
			scope: 'approved+submitted'
		});
		expect(all.total.bijeenkomsten).toBeGreaterThan(engine.total.bijeenkomsten);
		for (const name of RECORD_SHEETS)
			for (const row of sheets.find((s) => s.name === name)!.rows.slice(1))
				expect(row[2]).toBe('goedgekeurd');
		const activities = sheets.find((s) => s.name === 'Bijeenkomsten')!;
		expect(activities.rows.length - 1).toBe(engine.total.bijeenkomsten);
		const notes = sheets.find((s) => s.name === 'Toelichting')!;
		expect(notes.rows.filter((r) => r[0] === 'Niet goedgekeurd').length).toBe(2);
	});

	it('makes the PDF reports of approved data only, also for management', async () => {
		const management: SessionUser = { ...council, role: 'management', name: 'Beheer' };
		const data = await loadReportData(
			handle.db,
			management,
			{ ...period, ateliers: [], lineage: false },
			{ approvedOnly: true }
		);
		expect(data.scope).toBe('approved');
		const approved = await computeMetrics(handle.db, {
			...period,
			atelierIds: null,
			scope: 'approved'
		});
		expect(data.metrics.total).toEqual(approved.total);
		const { text } = await popplerRead(await renderReport(handle.db, data, 'vws'));
		expect(text).toContain('Nog niet goedgekeurd');
	});

	it('sends anonymous visitors to the login page', async () => {
		for (const [GET, path] of [
			[getWorkbook, '/dashboard/export.xlsx?van=2020Q1&tot=2022Q4'],
			[getReport, '/dashboard/rapport.pdf?van=2020Q1&tot=2022Q4&voor=vws']
		] as const) {
			const url = new URL(`http://localhost${path}`);
			const event = { locals: { user: null, requestId: 'test' }, url };
			try {
				await (GET as (e: unknown) => Promise<Response>)(event);
				expect.unreachable('no redirect');
			} catch (e) {
				expect(isRedirect(e)).toBe(true);
				if (isRedirect(e)) {
					expect(e.status).toBe(303);
					expect(e.location).toBe(`/inloggen?naar=${encodeURIComponent(path)}`);
				}
			}
		}
	});
});
