import { describe, expect, it } from 'vitest';
import {
	can,
	dataScopeFor,
	homeFor,
	menuFor,
	rosterAtelierIds,
	visibleAtelierIds,
	type Action
} from '../src/lib/server/auth/policy';
import type { ReportStatus } from '../src/lib/server/db/types';
import { sessionUser } from './helpers/demo-db';

// The rules of DESIGN.md section 2, written out as a table that does not share code with policy.ts.
const OWN = 7;
const OTHER = 8;
const management = sessionUser('management');
const council = sessionUser('council');
const kartrekker = sessionUser('kartrekker', [OWN]);
const STATUSES: (ReportStatus | null)[] = [
	null,
	'concept',
	'ingediend',
	'teruggestuurd',
	'goedgekeurd'
];

describe('the access policy', () => {
	it('lands a kartrekker on their own ateliers, everyone else on the overview', () => {
		expect(homeFor(kartrekker)).toBe('/mijn-ateliers');
		expect(homeFor(management)).toBe('/ateliers');
		expect(homeFor(council)).toBe('/ateliers');
		expect(homeFor(null)).toBe('/inloggen');
	});

	it('lets a kartrekker read and write only the assigned ateliers', () => {
		for (const action of [
			'atelier.read',
			'atelier.write',
			'roster.read',
			'roster.write'
		] as const) {
			expect(can(kartrekker, action, { atelierId: OWN })).toBe(true);
			expect(can(kartrekker, action, { atelierId: OTHER })).toBe(false);
			expect(can(management, action, { atelierId: OTHER })).toBe(true);
		}
		expect(can(council, 'atelier.read', { atelierId: OTHER })).toBe(true);
		expect(can(council, 'atelier.write', { atelierId: OTHER })).toBe(false);
	});

	it('shows the council approved quarters only, and nobody a quarter of a foreign atelier', () => {
		for (const status of STATUSES) {
			expect(can(council, 'quarter.read', { atelierId: OWN, status })).toBe(
				status === 'goedgekeurd'
			);
			expect(can(kartrekker, 'quarter.read', { atelierId: OWN, status })).toBe(true);
			expect(can(kartrekker, 'quarter.read', { atelierId: OTHER, status })).toBe(false);
			expect(can(management, 'quarter.read', { atelierId: OTHER, status })).toBe(true);
		}
	});

	it('leaves approving, returning and reopening to management', () => {
		for (const action of ['quarter.approve', 'quarter.return', 'quarter.reopen'] as const) {
			expect(can(management, action, { atelierId: OWN })).toBe(true);
			expect(can(kartrekker, action, { atelierId: OWN })).toBe(false);
			expect(can(council, action, { atelierId: OWN })).toBe(false);
		}
		expect(can(kartrekker, 'quarter.submit', { atelierId: OWN })).toBe(true);
		expect(can(kartrekker, 'quarter.submit', { atelierId: OTHER })).toBe(false);
		expect(can(council, 'quarter.submit', { atelierId: OWN })).toBe(false);
	});

	it('leaves fixing reports to management; the council reads its own edition only', () => {
		expect(can(management, 'fixedReports.fix')).toBe(true);
		for (const who of [council, kartrekker, null]) expect(can(who, 'fixedReports.fix')).toBe(false);
		expect(can(management, 'fixedReports.read')).toBe(true);
		expect(can(council, 'fixedReports.read')).toBe(true);
		expect(can(kartrekker, 'fixedReports.read')).toBe(false);
		expect(can(null, 'fixedReports.read')).toBe(false);
		for (const audience of ['vws', 'programmaraad'] as const) {
			expect(can(management, 'fixedReport.read', { audience })).toBe(true);
			expect(can(council, 'fixedReport.read', { audience })).toBe(audience === 'programmaraad');
			expect(can(kartrekker, 'fixedReport.read', { audience })).toBe(false);
			expect(can(null, 'fixedReport.read', { audience })).toBe(false);
		}
		expect(menuFor(management).fixedReports).toBe(true);
		expect(menuFor(council).fixedReports).toBe(true);
		expect(menuFor(kartrekker).fixedReports).toBe(false);
	});

	it('keeps the werkplaats set-up to management and refuses an anonymous visitor everything', () => {
		const werkplaats: Action[] = [
			'users.manage',
			'targets.manage',
			'werkplaats.manage',
			'audit.read',
			'quarters.overview',
			'ateliers.manage',
			'registries.manage',
			'history.import'
		];
		for (const action of werkplaats) {
			expect(can(management, action as 'users.manage')).toBe(true);
			expect(can(kartrekker, action as 'users.manage')).toBe(false);
			expect(can(council, action as 'users.manage')).toBe(false);
			expect(can(null, action as 'users.manage')).toBe(false);
		}
		expect(can(null, 'atelier.read', { atelierId: OWN })).toBe(false);
	});

	it('gives the council approved data only and a kartrekker only their ateliers', () => {
		expect(dataScopeFor(council)).toBe('approved');
		expect(dataScopeFor(kartrekker)).toBe('approved+submitted');
		expect(dataScopeFor(management)).toBe('approved+submitted');
		expect(visibleAtelierIds(kartrekker)).toEqual([OWN]);
		expect(visibleAtelierIds(council)).toBeNull();
		expect(visibleAtelierIds(management)).toBeNull();
	});

	it('lists roster ateliers exactly where roster.read allows', () => {
		for (const user of [management, council, kartrekker, sessionUser('kartrekker', [])]) {
			const ids = rosterAtelierIds(user);
			for (const atelierId of [OWN, OTHER])
				expect(ids === null || ids.includes(atelierId)).toBe(
					can(user, 'roster.read', { atelierId })
				);
		}
	});

	it('opens the review view like the quarter, and the conversation to its two sides only', () => {
		for (const status of STATUSES) {
			const own = { atelierId: OWN, status };
			expect(can(council, 'quarter.review', own)).toBe(status === 'goedgekeurd');
			expect(can(kartrekker, 'quarter.review', own)).toBe(true);
			expect(can(kartrekker, 'quarter.review', { atelierId: OTHER, status })).toBe(false);
			expect(can(management, 'quarter.review', { atelierId: OTHER, status })).toBe(true);
		}
		expect(can(kartrekker, 'quarter.comment', { atelierId: OWN })).toBe(true);
		expect(can(kartrekker, 'quarter.comment', { atelierId: OTHER })).toBe(false);
		expect(can(management, 'quarter.comment', { atelierId: OTHER })).toBe(true);
		expect(can(council, 'quarter.comment', { atelierId: OWN })).toBe(false);
		for (const who of [kartrekker, council, management])
			expect(can(who, 'notifications.read')).toBe(true);
		expect(can(null, 'notifications.read')).toBe(false);
		for (const action of ['jobs.read', 'jobs.manage'] as const) {
			expect(can(management, action)).toBe(true);
			expect(can(kartrekker, action)).toBe(false);
			expect(can(council, action)).toBe(false);
		}
	});

	it('offers each role only the menu entries whose pages it may open', () => {
		expect(menuFor(council)).toEqual({
			mijnAteliers: false,
			beheer: false,
			quarters: false,
			targets: false,
			users: false,
			signIn: false,
			audit: false,
			notifications: true,
			jobs: false,
			fixedReports: true,
			ateliersManage: false,
			registries: false,
			history: false
		});
		for (const entry of ['ateliersManage', 'registries', 'history'] as const)
			expect(menuFor(kartrekker)[entry]).toBe(false);
		expect(menuFor(kartrekker).mijnAteliers).toBe(true);
		expect(menuFor(kartrekker).jobs).toBe(false);
		expect(menuFor(kartrekker).users).toBe(false);
		expect(menuFor(kartrekker).signIn).toBe(false);
		expect(menuFor(kartrekker).beheer).toBe(false);
		expect(Object.values(menuFor(management)).every(Boolean)).toBe(true);
		expect(Object.values(menuFor(null)).some(Boolean)).toBe(false);
	});
});
