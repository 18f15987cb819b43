import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../src/lib/server/auth/guards';
import type { DbHandle } from '../src/lib/server/db/connect';
import { ConflictError } from '../src/lib/server/errors';
import { renderReport } from '../src/lib/server/exports/pdf';
import { loadReportData } from '../src/lib/server/exports/report-data';
import { workbookStream } from '../src/lib/server/exports/xlsx';
import { quarterDueDate } from '../src/lib/quarters';
import {
	imageTypeOf,
	loadLogo,
	logoFormVersion,
	MAX_LOGO_BYTES,
	removeLogo,
	saveLogo
} from '../src/lib/server/settings/logo';
import {
	getWerkplaatsSettings,
	updateWerkplaatsSettings
} from '../src/lib/server/settings/werkplaats';
import { atelier, user } from './helpers/auth';
import { sessionUser } from './helpers/demo-db';
import { popplerRead, readWorkbook, streamToBuffer } from './helpers/export-readers';
import { JPEG_START, PNG_1PX, SVG } from './helpers/images';
import { createTestDb } from './helpers/test-db';
import { refusal } from './helpers/refusal';

const FORM = {
	name: 'Werkplaats Sociaal Domein Oost',
	shortName: 'WSD Oost',
	quarterDueMonths: '2',
	contactAddress: 'Stationsplein 1\n1234 AB Oosterstad',
	contactPhone: '+31 (0)10 123 45 67',
	contactEmail: 'info@wsd-oost.nl',
	contactWebsite: 'https://www.wsd-oost.nl',
	fundingLine:
		'Deze publicatie is tot stand gekomen dankzij financiering van het Ministerie van VWS.'
};

describe('the werkplaats settings and logo', () => {
	let handle: DbHandle;
	let boss: SessionUser;
	let boss2: SessionUser;
	let kartrekker: SessionUser;
	beforeAll(async () => {
		handle = await createTestDb();
		const a = await atelier(handle.db, 'oost');
		boss = sessionUser('management', [], await user(handle.db, 'm@oost.nl', 'management'));
		boss2 = sessionUser('management', [], await user(handle.db, 'm2@oost.nl', 'management'));
		kartrekker = sessionUser(
			'kartrekker',
			[a],
			await user(handle.db, 'k@oost.nl', 'kartrekker', undefined, [a])
		);
	});
	afterAll(async () => handle?.close());

	const audit = (entity: string) =>
		handle.db
			.selectFrom('audit_log')
			.select(['action', 'actor_id', 'before', 'after'])
			.where('entity', '=', entity)
			.orderBy('id')
			.execute();

	it('saves every field on the version shown, audited, and the due date follows', async () => {
		const db = handle.db;
		const before = await getWerkplaatsSettings(db);
		expect(before.version).toBe(0);
		const saved = await updateWerkplaatsSettings(db, boss, 0, FORM);
		expect(saved.version).toBe(1);
		const now = await getWerkplaatsSettings(db);
		expect(now).toEqual({ ...FORM, quarterDueMonths: 2, version: 1 });
		// the quarter cycle reads the setting: K1 2025 is due two months after 31 March
		expect(quarterDueDate('2025Q1', now.quarterDueMonths)).toBe('2025-05-31');
		const entries = await audit('werkplaats');
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({
			action: 'update',
			actor_id: boss.id,
			before: { name: 'Werkplaats Sociaal Domein', quarterDueMonths: 1 },
			after: { name: FORM.name, quarterDueMonths: 2, fundingLine: FORM.fundingLine }
		});
	});

	it('gives the second of two managers the conflict view and overwrites nothing', async () => {
		const db = handle.db;
		const { version } = await getWerkplaatsSettings(db);
		await updateWerkplaatsSettings(db, boss, version, { ...FORM, shortName: 'Oost A' });
		const conflict = await refusal(
			updateWerkplaatsSettings(db, boss2, version, { ...FORM, shortName: 'Oost B' })
		);
		expect(conflict).toBeInstanceOf(ConflictError);
		expect(conflict.status).toBe(409);
		expect((conflict as ConflictError).current).toEqual({
			values: expect.objectContaining({ shortName: 'Oost A', quarterDueMonths: '2' }),
			version: version + 1
		});
		expect((await getWerkplaatsSettings(db)).shortName).toBe('Oost A');
	});

	it('refuses bad input with a Dutch message at the field, and other roles', async () => {
		const db = handle.db;
		const { version } = await getWerkplaatsSettings(db);
		const bad = await refusal(
			updateWerkplaatsSettings(db, boss, version, {
				...FORM,
				name: '',
				quarterDueMonths: '13',
				contactEmail: 'geen adres',
				contactWebsite: 'www.zonder-schema.nl',
				contactPhone: 'bel maar'
			})
		);
		expect(bad.errors).toEqual({
			name: 'Vul de naam van de werkplaats in.',
			quarterDueMonths: 'Vul een heel aantal maanden in, van 0 tot en met 12.',
			contactEmail: 'Vul een geldig e-mailadres in, zoals info@werkplaats.nl.',
			contactWebsite:
				'Vul een webadres in dat begint met https://, zoals https://www.werkplaats.nl.',
			contactPhone: 'Vul een telefoonnummer in met cijfers, spaties, +, - of haakjes.'
		});
		const refused = await refusal(updateWerkplaatsSettings(db, kartrekker, version, FORM));
		expect(refused.status).toBe(403);
		expect((await getWerkplaatsSettings(db)).version).toBe(version);
	});

	it('recognises PNG and JPEG by their bytes, whatever the file is called', () => {
		expect(imageTypeOf(PNG_1PX)).toBe('image/png');
		expect(imageTypeOf(JPEG_START)).toBe('image/jpeg');
		expect(imageTypeOf(SVG)).toBeNull();
		expect(imageTypeOf(Buffer.from('GIF89a......'))).toBeNull();
		expect(imageTypeOf(PNG_1PX.subarray(0, 8))).toBeNull();
	});

	it('stores a logo in the database, replaces and removes it on the version shown', async () => {
		const db = handle.db;
		expect(await loadLogo(db)).toBeNull();
		expect(await logoFormVersion(db)).toBe(0);
		const v1 = await saveLogo(db, boss, 0, PNG_1PX);
		expect(await loadLogo(db)).toEqual({ bytes: PNG_1PX, mime: 'image/png', version: v1 });

		// a second manager on the page of before the upload: conflict, nothing replaced
		const stale = await refusal(saveLogo(db, boss2, 0, JPEG_START));
		expect(stale).toBeInstanceOf(ConflictError);
		expect((await loadLogo(db))?.mime).toBe('image/png');

		const v2 = await saveLogo(db, boss2, v1, JPEG_START);
		expect((await loadLogo(db))?.mime).toBe('image/jpeg');
		await removeLogo(db, boss, v2);
		expect(await loadLogo(db)).toBeNull();
		// a page opened before the removal cannot bring an old logo back
		expect(await refusal(saveLogo(db, boss2, v2, PNG_1PX))).toBeInstanceOf(ConflictError);
		expect((await audit('werkplaats_logo')).map((a) => a.action)).toEqual([
			'create',
			'update',
			'delete'
		]);
	});

	it('refuses an SVG, a file that only pretends to be an image, and one over 1 MB', async () => {
		const db = handle.db;
		const version = await logoFormVersion(db);
		const svg = await refusal(saveLogo(db, boss, version, SVG));
		expect(svg.errors.logo).toMatch(/geen PNG- of JPEG-afbeelding/);
		const text = await refusal(saveLogo(db, boss, version, Buffer.from('%PDF-1.7 niet echt')));
		expect(text.errors.logo).toMatch(/geen PNG- of JPEG-afbeelding/);
		const big = Buffer.concat([PNG_1PX, Buffer.alloc(MAX_LOGO_BYTES)]);
		expect((await refusal(saveLogo(db, boss, version, big))).errors.logo).toMatch(
			/groter dan 1 MB/
		);
		expect((await refusal(saveLogo(db, kartrekker, version, PNG_1PX))).status).toBe(403);
		expect(await loadLogo(db)).toBeNull();
	});

	it('prints the logo, the contact details and the funding line in the PDF report', async () => {
		const db = handle.db;
		await saveLogo(db, boss, await logoFormVersion(db), PNG_1PX);
		const { version } = await getWerkplaatsSettings(db);
		await updateWerkplaatsSettings(db, boss, version, FORM);
		const data = await loadReportData(db, boss, {
			from: '2023Q1',
			to: '2023Q4',
			ateliers: [],
			lineage: false
		});
		expect(data.logo?.mime).toBe('image/png');
		const pdf = await renderReport(db, data, 'vws');
		expect(pdf.includes('/Subtype /Image')).toBe(true);
		const { text } = await popplerRead(pdf);
		const flat = text.replace(/\s+/g, ' ');
		expect(flat).toContain('Colofon');
		expect(flat).toContain('Stationsplein 1');
		expect(flat).toContain('Telefoon: +31 (0)10 123 45 67');
		expect(flat).toContain('E-mail: info@wsd-oost.nl');
		expect(flat).toContain('Website: https://www.wsd-oost.nl');
		expect(flat).toContain(FORM.fundingLine);

		// the workbook's Toelichting carries the same colophon
		const { sheets } = await readWorkbook(await streamToBuffer(workbookStream(db, data)));
		const notes = sheets.find((s) => s.name === 'Toelichting')!.rows;
		const colophon = notes.filter((r) => r?.[0] === 'Colofon').map((r) => [r[1], r[2]]);
		expect(colophon).toEqual([
			['Adres', 'Stationsplein 1, 1234 AB Oosterstad'],
			['Telefoon', FORM.contactPhone],
			['E-mail', FORM.contactEmail],
			['Website', FORM.contactWebsite],
			['Financiering', FORM.fundingLine]
		]);
	});
});
