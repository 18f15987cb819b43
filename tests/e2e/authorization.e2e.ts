import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_USERS, signInCookie, visibleAtelierSlugs } from './session';

// The authorization matrix: every route of the app (read from src/routes, so a new route without
// an entry here fails), every page load, form action and endpoint, against five visitors, through
// the running built app with its real hooks and guards.

const baseURL = inject('baseURL');
const ROUTES_DIR = 'src/routes';

type Who = 'anonymous' | 'kartrekkerA' | 'kartrekkerB' | 'council' | 'management';
const EVERYONE: Who[] = ['anonymous', 'kartrekkerA', 'kartrekkerB', 'council', 'management'];
const SIGNED_IN = ['kartrekkerA', 'kartrekkerB', 'council', 'management'] as const;

/**
 * Who may: everyone, any signed-in user, management only, readers of atelier A, writers of
 * atelier A (its kartrekker and management), anyone who logs quarters (kartrekkers, management),
 * or the readers of fixed reports (council and management).
 */
type Rule = 'public' | 'user' | 'management' | 'atelierA' | 'writeA' | 'writers' | 'readers';
const allowed: Record<Rule, Who[]> = {
	public: EVERYONE,
	user: [...SIGNED_IN],
	management: ['management'],
	atelierA: ['kartrekkerA', 'council', 'management'],
	writeA: ['kartrekkerA', 'management'],
	writers: ['kartrekkerA', 'kartrekkerB', 'management'],
	readers: ['council', 'management']
};

interface Entry {
	/** A concrete URL for the route; ':A' is replaced by a slug of kartrekker A's atelier. */
	url: string;
	page?: Rule;
	actions?: Record<string, Rule>;
	endpoints?: Record<string, Rule>;
}

const MATRIX: Record<string, Entry> = {
	'/': { url: '/', page: 'public' },
	'/inloggen': { url: '/inloggen', page: 'public', actions: { default: 'public' } },
	'/inloggen/geen-account': { url: '/inloggen/geen-account', page: 'public' },
	// an unknown provider: everyone gets the sign-in page with its message, nobody a session
	'/inloggen/sso/[provider]': { url: '/inloggen/sso/onbekend', endpoints: { GET: 'public' } },
	'/inloggen/sso/[provider]/terug': {
		url: '/inloggen/sso/onbekend/terug?code=x&state=y',
		endpoints: { GET: 'public' }
	},
	'/uitloggen': { url: '/uitloggen', page: 'public', actions: { default: 'public' } },
	'/account': { url: '/account', page: 'user', actions: { wachtwoord: 'user' } },
	'/wachtwoord-instellen/[token]': {
		url: '/wachtwoord-instellen/ongeldig-token-ongeldig-token',
		page: 'public',
		actions: { default: 'public' }
	},
	'/ateliers': { url: '/ateliers', page: 'user' },
	'/ateliers/[slug]': { url: '/ateliers/:A', page: 'atelierA' },
	// an approved quarter of A (the council reads approved quarters only); empty posts change nothing
	'/ateliers/[slug]/[kwartaal]': {
		url: '/ateliers/:A/2022Q4',
		page: 'atelierA',
		actions: {
			opslaan: 'writeA',
			verwijderen: 'writeA',
			gegevens: 'writeA',
			importeren: 'writeA',
			indienen: 'writeA',
			goedkeuren: 'management',
			terugsturen: 'management',
			heropenen: 'management'
		}
	},
	// the review view and its conversation (the council may read an approved quarter, not talk)
	'/ateliers/[slug]/[kwartaal]/beoordeling': {
		url: '/ateliers/:A/2022Q4/beoordeling',
		page: 'atelierA',
		actions: { opmerking: 'writeA', afhandelen: 'writeA' }
	},
	'/ateliers/[slug]/[kwartaal]/sjabloon.xlsx': {
		url: '/ateliers/:A/2022Q4/sjabloon.xlsx',
		endpoints: { GET: 'writeA' }
	},
	'/ateliers/[slug]/studenten': {
		url: '/ateliers/:A/studenten',
		page: 'writeA',
		actions: { toevoegen: 'writeA', verwijderen: 'writeA' }
	},
	'/mijn-ateliers': { url: '/mijn-ateliers', page: 'writers' },
	'/beheer/kwartalen': { url: '/beheer/kwartalen', page: 'management' },
	'/beheer/gebruikers': {
		url: '/beheer/gebruikers',
		page: 'management',
		actions: { create: 'management' }
	},
	'/beheer/gebruikers/[id]': {
		// a user that does not exist: allowed callers get 400/404, never a change
		url: '/beheer/gebruikers/999999',
		actions: {
			update: 'management',
			deactivate: 'management',
			activate: 'management',
			unlink: 'management',
			link: 'management'
		}
	},
	'/beheer/inloggen': {
		url: '/beheer/inloggen',
		page: 'management',
		// empty forms: allowed callers get the validation failure, never a change
		actions: { create: 'management', passwords: 'management' }
	},
	'/beheer/inloggen/[id]': {
		url: '/beheer/inloggen/999999',
		actions: { update: 'management', delete: 'management' }
	},
	'/beheer/audit': { url: '/beheer/audit', page: 'management' },
	// the werkplaats's own set-up; empty forms: allowed callers get the validation failure
	'/beheer': { url: '/beheer', page: 'management' },
	'/beheer/werkplaats': {
		url: '/beheer/werkplaats',
		page: 'management',
		actions: { opslaan: 'management', logo: 'management', logoVerwijderen: 'management' }
	},
	'/beheer/periodes': {
		url: '/beheer/periodes',
		page: 'management',
		actions: { toevoegen: 'management', wijzigen: 'management', verwijderen: 'management' }
	},
	'/beheer/indicatoren': {
		url: '/beheer/indicatoren',
		page: 'management',
		actions: { default: 'management' }
	},
	// the first start: the demo has management accounts, so the page is gone (404) for everyone
	'/installatie': { url: '/installatie', page: 'public', actions: { default: 'public' } },
	// the logo is in the header of every page, the sign-in page included (404 without a logo)
	'/werkplaats-logo': { url: '/werkplaats-logo', endpoints: { GET: 'public' } },
	// setting up ateliers: empty posts get the validation failure or the confirmation question
	'/beheer/ateliers': { url: '/beheer/ateliers', page: 'management' },
	'/beheer/ateliers/nieuw': {
		url: '/beheer/ateliers/nieuw',
		page: 'management',
		actions: { default: 'management' }
	},
	'/beheer/ateliers/[slug]': {
		url: '/beheer/ateliers/:A',
		page: 'management',
		actions: {
			update: 'management',
			end: 'management',
			continue: 'management',
			assign: 'management',
			remove: 'management',
			delete: 'management'
		}
	},
	// the history import: an empty post gets "choose a file", never a change
	'/beheer/historie': {
		url: '/beheer/historie',
		page: 'management',
		actions: { importeren: 'management' }
	},
	'/beheer/historie/sjabloon.xlsx': {
		url: '/beheer/historie/sjabloon.xlsx',
		endpoints: { GET: 'management' }
	},
	// the registries: empty posts get the validation failure or the confirmation question
	'/beheer/registers': {
		url: '/beheer/registers',
		page: 'management',
		actions: {
			locatie: 'management',
			locatieWijzigen: 'management',
			locatieSamenvoegen: 'management',
			organisatie: 'management',
			organisatieWijzigen: 'management',
			organisatieSamenvoegen: 'management'
		}
	},
	// an empty form: allowed callers get the validation failure or "not failed", never a change
	'/beheer/meldingen': {
		url: '/beheer/meldingen',
		page: 'management',
		actions: { opnieuw: 'management', herinnering: 'management' }
	},
	// one's own notifications: every signed-in user; an empty post changes nothing
	'/meldingen': { url: '/meldingen', page: 'user', actions: { gelezen: 'user', voorkeur: 'user' } },
	'/beheer/doelen': {
		url: '/beheer/doelen',
		page: 'management',
		// an empty form: allowed callers get the validation failure, never a change
		actions: { default: 'management' }
	},
	// every signed-in role has a dashboard; what it shows is scoped by role (tested in dashboard.e2e)
	'/dashboard': { url: '/dashboard?van=2020Q1&tot=2022Q4', page: 'user' },
	'/dashboard/cijfer/[indicator]': {
		url: '/dashboard/cijfer/bijeenkomsten?van=2020Q1&tot=2022Q4',
		page: 'user'
	},
	// exports: every signed-in role may download, scoped like the dashboard (tested in
	// exports-access.test.ts and exports.e2e)
	'/dashboard/export.xlsx': {
		url: '/dashboard/export.xlsx?van=2022Q1&tot=2022Q4',
		endpoints: { GET: 'user' }
	},
	'/dashboard/rapport.pdf': {
		url: '/dashboard/rapport.pdf?van=2022Q1&tot=2022Q4&voor=vws',
		endpoints: { GET: 'user' }
	},
	// fixed reports: the list for management and the council, fixing for management only; a fixed
	// report that does not exist gives its readers 404 (which edition the council may read is
	// decided per report: tests/policy.test.ts and fixed-reports.e2e)
	'/rapporten': { url: '/rapporten', page: 'readers' },
	'/rapporten/vaststellen': {
		url: '/rapporten/vaststellen?van=2022Q1&tot=2022Q4&voor=vws',
		page: 'management',
		// an empty form: management gets the validation failure, never a fixed report
		actions: { default: 'management' }
	},
	// the preview and its texts: management only; an empty post (no version) changes nothing
	'/rapporten/nieuw': {
		url: '/rapporten/nieuw?van=2022Q1&tot=2022Q4&voor=vws',
		page: 'management',
		actions: { opslaan: 'management', drempel: 'management' }
	},
	'/rapporten/[id]': { url: '/rapporten/999999', page: 'readers' },
	'/rapporten/[id]/rapport.pdf': {
		url: '/rapporten/999999/rapport.pdf',
		endpoints: { GET: 'readers' }
	},
	'/rapporten/[id]/werkboek.xlsx': {
		url: '/rapporten/999999/werkboek.xlsx',
		endpoints: { GET: 'readers' }
	},
	'/healthz': { url: '/healthz', endpoints: { GET: 'public' } }
};
// The detail page of an existing user, checked as a page (its actions are checked above).
const EXTRA_PAGES: { url: string; rule: Rule }[] = [
	{ url: '/beheer/gebruikers/1', rule: 'management' },
	// no provider in the demo: management gets 404, everyone else is refused before the lookup
	{ url: '/beheer/inloggen/999999', rule: 'management' }
];

interface FoundRoute {
	id: string;
	page: boolean;
	actions: string[];
	endpoints: string[];
}

function findRoutes(dir = ROUTES_DIR): FoundRoute[] {
	const found: FoundRoute[] = [];
	const files = readdirSync(dir);
	const has = (f: string) => files.includes(f);
	if (has('+page.svelte') || has('+page.server.ts') || has('+server.ts')) {
		const rel = relative(ROUTES_DIR, dir).split(sep).join('/');
		const id = '/' + rel.replace(/\(([^)]+)\)\/?/g, '');
		const server = has('+page.server.ts') ? readFileSync(join(dir, '+page.server.ts'), 'utf8') : '';
		const actionsBlock = server.split('export const actions')[1] ?? '';
		const actions = [...actionsBlock.matchAll(/^\t(\w+): async/gm)].map((m) => m[1]);
		const endpoint = has('+server.ts') ? readFileSync(join(dir, '+server.ts'), 'utf8') : '';
		const endpoints = [
			...endpoint.matchAll(/export const (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g)
		].map((m) => m[1]);
		found.push({
			id: id === '/' ? '/' : id.replace(/\/$/, ''),
			page: has('+page.svelte'),
			actions,
			endpoints
		});
	}
	for (const f of files) {
		const path = join(dir, f);
		if (statSync(path).isDirectory()) found.push(...findRoutes(path));
	}
	return found;
}

const cookies: Partial<Record<Who, string>> = {};
let slugA = '';
let slugB = '';

async function request(who: Who, url: string, init: RequestInit = {}): Promise<Response> {
	const headers = new Headers(init.headers);
	const cookie = cookies[who];
	if (cookie) headers.set('cookie', cookie);
	return fetch(`${baseURL}${url.replace(':A', slugA)}`, { ...init, headers, redirect: 'manual' });
}

function post(who: Who, url: string, action: string): Promise<Response> {
	const target = action === 'default' ? url : `${url}${url.includes('?') ? '&' : '?'}/${action}`;
	return request(who, target, {
		method: 'POST',
		headers: {
			origin: baseURL,
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'text/html'
		},
		body: ''
	});
}

function verdict(who: Who, response: Response): 'allowed' | 'denied' {
	const location = response.headers.get('location') ?? '';
	if (response.status >= 500) throw new Error(`${who}: server error ${response.status}`);
	if (response.status === 403) return 'denied';
	// the guard sends a visitor without a session to the sign-in page, with where they were going
	if (response.status >= 300 && response.status < 400 && location.startsWith('/inloggen?naar='))
		return 'denied';
	return 'allowed';
}

function expected(rule: Rule, who: Who): 'allowed' | 'denied' {
	return allowed[rule].includes(who) ? 'allowed' : 'denied';
}

describe('authorization matrix', () => {
	beforeAll(async () => {
		for (const who of SIGNED_IN) cookies[who] = await signInCookie(baseURL, DEMO_USERS[who]);
		const mine = await visibleAtelierSlugs(baseURL, cookies.kartrekkerA!);
		const theirs = await visibleAtelierSlugs(baseURL, cookies.kartrekkerB!);
		slugA = mine.find((s) => !theirs.includes(s)) ?? '';
		slugB = theirs.find((s) => !mine.includes(s)) ?? '';
		expect(slugA).not.toBe('');
		expect(slugB).not.toBe('');
	});

	it('has an entry for every route, page, form action and endpoint in src/routes', () => {
		const routes = findRoutes();
		expect(routes.length).toBeGreaterThan(5);
		for (const route of routes) {
			const entry = MATRIX[route.id];
			expect(entry, `route ${route.id} has no entry in the authorization matrix`).toBeDefined();
			if (route.page && !['/beheer/gebruikers/[id]', '/beheer/inloggen/[id]'].includes(route.id))
				expect(entry.page, `page ${route.id}`).toBeDefined();
			expect(Object.keys(entry.actions ?? {}).sort(), `actions of ${route.id}`).toEqual(
				route.actions.sort()
			);
			expect(Object.keys(entry.endpoints ?? {}).sort(), `endpoints of ${route.id}`).toEqual(
				route.endpoints.sort()
			);
		}
		expect(Object.keys(MATRIX).sort()).toEqual(routes.map((r) => r.id).sort());
	});

	for (const [id, entry] of Object.entries(MATRIX)) {
		if (entry.page)
			it(`page ${id}`, async () => {
				for (const who of EVERYONE) {
					const response = await request(who, entry.url);
					expect(verdict(who, response), `${who} GET ${entry.url}`).toBe(
						expected(entry.page!, who)
					);
					if (response.status === 403) expect(await response.text()).toContain('Geen toegang');
				}
			});
		for (const [method, rule] of Object.entries(entry.endpoints ?? {}))
			it(`endpoint ${method} ${id}`, async () => {
				for (const who of EVERYONE) {
					const response = await request(who, entry.url, { method });
					expect(verdict(who, response), `${who} ${method} ${entry.url}`).toBe(expected(rule, who));
				}
			});
		for (const [action, rule] of Object.entries(entry.actions ?? {}))
			if (id !== '/uitloggen')
				it(`action ${action} of ${id}`, async () => {
					for (const who of EVERYONE) {
						const response = await post(who, entry.url, action);
						expect(verdict(who, response), `${who} POST ${entry.url} ?/${action}`).toBe(
							expected(rule, who)
						);
					}
				});
	}

	it('extra pages', async () => {
		for (const { url, rule } of EXTRA_PAGES)
			for (const who of EVERYONE)
				expect(verdict(who, await request(who, url)), `${who} GET ${url}`).toBe(
					expected(rule, who)
				);
	});

	it("a kartrekker gets 403 for another atelier's page and its data never appears", async () => {
		const response = await request('kartrekkerA', `/ateliers/${slugB}`);
		expect(response.status).toBe(403);
		const html = await response.text();
		const nameB = /<h1>([^<]+)<\/h1>/.exec(
			await (await request('management', `/ateliers/${slugB}`)).text()
		)?.[1];
		expect(nameB).toBeTruthy();
		expect(html).not.toContain(nameB!);
	});

	it('kartrekkers list only their own ateliers; council and management all', async () => {
		const all = await visibleAtelierSlugs(baseURL, cookies.management!);
		expect(await visibleAtelierSlugs(baseURL, cookies.council!)).toEqual(all);
		const mine = await visibleAtelierSlugs(baseURL, cookies.kartrekkerA!);
		expect(mine.length).toBeGreaterThan(0);
		expect(mine.length).toBeLessThan(all.length);
		expect(mine).not.toContain(slugB);
	});

	it('action default of /uitloggen (public; ends the session that calls it)', async () => {
		for (const who of EVERYONE) {
			const response = await post(who, '/uitloggen', 'default');
			expect(verdict(who, response), `${who} POST /uitloggen`).toBe('allowed');
			expect(response.headers.get('location')).toBe('/uitloggen');
		}
		for (const who of SIGNED_IN) {
			const after = await request(who, '/account');
			expect(after.status, `${who} is signed out`).toBe(303);
		}
	});
});
