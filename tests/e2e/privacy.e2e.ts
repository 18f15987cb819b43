import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
	buildAtelierStudents,
	buildStudentParticipations,
	buildStudents
} from '../../seeds/demo-build';
import { readWorkbook } from '../helpers/export-readers';
import { DEMO_USERS, signInCookie, visibleAtelierSlugs } from './session';

// Issue 13: student names only for management and the atelier's own kartrekkers, on every page
// and export. This walks every page reachable by links (and every quarter page of every atelier)
// as the council and as a kartrekker of other ateliers, and looks for any roster name or number
// it may not see.

const baseURL = inject('baseURL');
const MAX_PAGES = 700;

const students = buildStudents();
const rosters = buildAtelierStudents(buildStudentParticipations());

/** Names and numbers of students who are on none of these ateliers' rosters. */
function forbiddenFor(ownSlugs: string[]): string[] {
	const allowed = new Set(
		rosters.filter((r) => ownSlugs.includes(r.atelier)).map((r) => r.studentKey)
	);
	return students
		.filter((s) => !allowed.has(s.key))
		.flatMap((s) => [s.displayName, s.studentNumber]);
}

const SKIP = /^\/(uitloggen|inloggen)(\/|$|\?)/;

async function walk(cookie: string, start: string[]) {
	const seen = new Set<string>();
	const queue = [...start];
	const pages: { url: string; text: string }[] = [];
	const downloaded = new Set<string>();
	while (queue.length && pages.length < MAX_PAGES) {
		const url = queue.shift()!;
		if (seen.has(url) || SKIP.test(url)) continue;
		seen.add(url);
		const path = url.split('?')[0];
		const isDownload = /\.(xlsx|pdf)$/.test(path);
		if (isDownload && downloaded.has(path)) continue;
		if (isDownload) downloaded.add(path);
		const response = await fetch(`${baseURL}${url}`, { headers: { cookie }, redirect: 'manual' });
		const type = response.headers.get('content-type') ?? '';
		if (type.includes('spreadsheetml')) {
			const { sheets } = await readWorkbook(Buffer.from(await response.arrayBuffer()));
			pages.push({ url, text: JSON.stringify(sheets.map((s) => s.rows)) });
			continue;
		}
		if (!type.includes('text/html')) {
			await response.arrayBuffer();
			continue;
		}
		const text = await response.text();
		pages.push({ url, text });
		for (const m of text.matchAll(/href="(\/[^"#]*)/g)) {
			const link = m[1].replaceAll('&amp;', '&');
			if (!seen.has(link)) queue.push(link);
		}
	}
	return pages;
}

/** Every quarter of every atelier (2020Q1 .. 2026Q4), whether or not a page links to it. */
function quarterPages(slugs: string[]): string[] {
	const quarters: string[] = [];
	for (let y = 2020; y <= 2026; y++) for (let q = 1; q <= 4; q++) quarters.push(`${y}Q${q}`);
	return slugs.flatMap((slug) => [
		`/ateliers/${slug}/studenten`,
		...quarters.flatMap((q) => [`/ateliers/${slug}/${q}`, `/ateliers/${slug}/${q}/beoordeling`])
	]);
}

describe('student names stay with management and the atelier', () => {
	let allSlugs: string[];
	beforeAll(async () => {
		allSlugs = await visibleAtelierSlugs(
			baseURL,
			await signInCookie(baseURL, DEMO_USERS.management)
		);
	});

	const START = ['/', '/ateliers?periode=2020-2022', '/ateliers?periode=2023-2026', '/dashboard'];

	it('the seed has students on rosters, and management sees their names (the walk can find them)', async () => {
		const cookie = await signInCookie(baseURL, DEMO_USERS.management);
		const pages = await walk(cookie, quarterPages(allSlugs.slice(0, 2)));
		const shown = pages.map((p) => p.text).join('\n');
		expect(students.filter((s) => shown.includes(s.displayName)).length).toBeGreaterThan(0);
	});

	for (const who of ['council', 'kartrekkerB'] as const) {
		it(`shows ${who} no name or number of a student outside its own ateliers`, async () => {
			const cookie = await signInCookie(baseURL, DEMO_USERS[who]);
			const own = who === 'council' ? [] : await visibleAtelierSlugs(baseURL, cookie);
			const forbidden = forbiddenFor(own);
			expect(forbidden.length).toBeGreaterThan(0);
			const pages = await walk(cookie, [...START, ...quarterPages(allSlugs)]);
			expect(pages.length).toBeGreaterThan(50);
			const leaks = pages.flatMap((p) =>
				forbidden.filter((name) => p.text.includes(name)).map((name) => `${p.url}: ${name}`)
			);
			expect(leaks).toEqual([]);
		});
	}
});
