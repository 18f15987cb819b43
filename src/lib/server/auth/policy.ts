import { error } from '@sveltejs/kit';
import type { ReportStatus } from '../db/types';
import { ActionError } from '../errors';
import type { SessionUser } from './guards';

/**
 * Who may do what (DESIGN.md section 2), in one place. Services, loads, endpoints and the menu ask
 * `can(user, action, target)`; nothing else looks at a role to decide. The generated authorization
 * matrix (tests/e2e/authorization.e2e.ts) checks the outcome for every route.
 */

/** One atelier, by id. */
export interface AtelierTarget {
	atelierId: number;
}

/** One quarter report of an atelier; `status` null when the report does not exist yet. */
export interface QuarterTarget extends AtelierTarget {
	status: ReportStatus | null;
}

/** A fixed report, by the audience it was made for. */
export interface FixedReportTarget {
	audience: 'vws' | 'programmaraad';
}

/** The actions and the target each one is decided on (void: about the werkplaats as a whole). */
export interface Actions {
	/** See an atelier, its quarters and its numbers. */
	'atelier.read': AtelierTarget;
	/** Log, edit and submit the atelier's records (and keep its student roster). */
	'atelier.write': AtelierTarget;
	/** Open one quarter report: the council sees approved quarters only. */
	'quarter.read': QuarterTarget;
	'quarter.submit': AtelierTarget;
	'quarter.approve': AtelierTarget;
	'quarter.return': AtelierTarget;
	'quarter.reopen': AtelierTarget;
	/** See the names in an atelier's student roster (never the council, never another atelier). */
	'roster.read': AtelierTarget;
	'roster.write': AtelierTarget;
	/** Log records at all: the "Mijn ateliers" page. */
	'records.log': void;
	/** See submitted (not yet approved) quarters in dashboards and workbooks. */
	'data.submitted': void;
	'users.manage': void;
	/** Configure sign-in: OpenID Connect providers and whether passwords are accepted. */
	'signin.manage': void;
	'targets.manage': void;
	/** The werkplaats's own set-up: its settings and logo, subsidy periods and indicator texts. */
	'werkplaats.manage': void;
	'audit.read': void;
	/** The werkplaats-wide overview of every atelier's quarters and the review queue. */
	'quarters.overview': void;
	/** The review view of a quarter: every field of every record (council: approved only). */
	'quarter.review': QuarterTarget;
	/** Read and write the conversation on a quarter: management and the atelier's kartrekkers. */
	'quarter.comment': AtelierTarget;
	/** One's own notifications and e-mail preference. */
	'notifications.read': void;
	/** The job queue: failed e-mails and reminders with their reason. */
	'jobs.read': void;
	/** Retry a failed job; the reminder setting. */
	'jobs.manage': void;
	/** The list of fixed reports ("Rapporten"): management and the council. */
	'fixedReports.read': void;
	/** One fixed report and its files: management; the council its own edition only. */
	'fixedReport.read': FixedReportTarget;
	/** Fix ("vaststellen") a report: it cannot be undone, so management only. */
	'fixedReports.fix': void;
	/** Write a report's foreword, outlook, werkplaats highlights and explanations: management. */
	'reportNarrative.write': void;
	/** Create, change, end, continue and delete ateliers; assign their kartrekkers. */
	'ateliers.manage': void;
	/** The shared registries: wijken/stadsdelen and organisations, including merging them. */
	'registries.manage': void;
	/** Import earlier years from the werkplaats-wide history workbook. */
	'history.import': void;
}

export type Action = keyof Actions;

export type TargetArgs<A extends Action> = Actions[A] extends void ? [] : [target: Actions[A]];

const management = (user: SessionUser) => user.role === 'management';
const assigned = (user: SessionUser, { atelierId }: AtelierTarget) =>
	user.role === 'management' || (user.role === 'kartrekker' && user.atelierIds.includes(atelierId));

const RULES: { [A in Action]: (user: SessionUser, target: Actions[A]) => boolean } = {
	'atelier.read': (user, target) => user.role === 'council' || assigned(user, target),
	'atelier.write': assigned,
	'quarter.read': (user, target) =>
		user.role === 'council' ? target.status === 'goedgekeurd' : assigned(user, target),
	'quarter.submit': assigned,
	'quarter.approve': management,
	'quarter.return': management,
	'quarter.reopen': management,
	'roster.read': assigned,
	'roster.write': assigned,
	'records.log': (user) => user.role !== 'council',
	'data.submitted': (user) => user.role !== 'council',
	'users.manage': management,
	'signin.manage': management,
	'targets.manage': management,
	'werkplaats.manage': management,
	'audit.read': management,
	'quarters.overview': management,
	'quarter.review': (user, target) =>
		user.role === 'council' ? target.status === 'goedgekeurd' : assigned(user, target),
	'quarter.comment': assigned,
	'notifications.read': () => true,
	'jobs.read': management,
	'jobs.manage': management,
	'fixedReports.read': (user) => user.role === 'management' || user.role === 'council',
	'fixedReport.read': (user, { audience }) =>
		user.role === 'management' || (user.role === 'council' && audience === 'programmaraad'),
	'fixedReports.fix': management,
	'reportNarrative.write': management,
	'ateliers.manage': management,
	'registries.manage': management,
	'history.import': management
};

/** Whether the user may do the action (on the target); an anonymous visitor may do nothing. */
export function can<A extends Action>(
	user: SessionUser | null,
	action: A,
	...target: TargetArgs<A>
): boolean {
	if (!user) return false;
	return RULES[action](user, target[0] as Actions[A]);
}

const REFUSALS: Partial<Record<Action, string>> = {
	'atelier.read': 'Je hebt geen toegang tot dit leeratelier.',
	'atelier.write': 'Je hebt geen toegang tot dit leeratelier.',
	'quarter.submit': 'Je hebt geen toegang tot dit leeratelier.',
	'roster.read': 'Je hebt geen toegang tot dit leeratelier.',
	'roster.write': 'Je hebt geen toegang tot dit leeratelier.',
	'quarter.read': 'Geen toegang: de programmaraad ziet alleen goedgekeurde kwartalen.',
	'quarter.approve': 'Alleen management mag kwartalen goedkeuren, terugsturen of heropenen.',
	'quarter.return': 'Alleen management mag kwartalen goedkeuren, terugsturen of heropenen.',
	'quarter.reopen': 'Alleen management mag kwartalen goedkeuren, terugsturen of heropenen.',
	'quarter.review': 'Geen toegang: de programmaraad ziet alleen goedgekeurde kwartalen.',
	'quarter.comment':
		'Alleen management en de kartrekkers van dit leeratelier kunnen het gesprek lezen en erin schrijven.',
	'fixedReports.read':
		'Geen toegang: vastgestelde rapporten zijn voor management en de programmaraad.',
	'fixedReport.read':
		'Geen toegang: de programmaraad ziet alleen de rapporten die voor de programmaraad zijn vastgesteld.',
	'fixedReports.fix': 'Alleen management mag een rapport vaststellen.',
	'reportNarrative.write':
		'Alleen management schrijft het voorwoord en de toelichting van een rapport.'
};

/** The Dutch message for a refused action. */
export function refusalOf(action: Action): string {
	return REFUSALS[action] ?? 'Je hebt geen toegang tot deze pagina.';
}

/** For loads and endpoints: a 403 page (never the data) when the user may not. */
export function authorize<A extends Action>(
	user: SessionUser,
	action: A,
	...target: TargetArgs<A>
): void {
	if (!can(user, action, ...target)) error(403, refusalOf(action));
}

/** For services: an ActionError 403 (a form shows it) when the user may not. */
export function assertCan<A extends Action>(
	user: SessionUser,
	action: A,
	...target: TargetArgs<A>
): void {
	if (!can(user, action, ...target)) throw new ActionError(refusalOf(action), 403);
}

/** The ateliers a user may see at all: null means every atelier. */
export function visibleAtelierIds(user: SessionUser): number[] | null {
	return user.role === 'kartrekker' ? user.atelierIds : null;
}

/**
 * The ateliers whose roster names the user may read, for lists that span ateliers: null means all.
 * The same rule as 'roster.read' (tests/policy.test.ts holds them together).
 */
export function rosterAtelierIds(user: SessionUser): number[] | null {
	if (user.role === 'management') return null;
	return user.role === 'kartrekker' ? user.atelierIds : [];
}

/** Which quarters count for this user's dashboards and workbooks. */
export function dataScopeFor(user: SessionUser): 'approved' | 'approved+submitted' {
	return can(user, 'data.submitted') ? 'approved+submitted' : 'approved';
}

/** The menu: which sections a user is offered (the routes check again with `authorize`). */
/**
 * The page a user lands on after signing in without a page to return to (and on '/'): a
 * kartrekker on their own ateliers, where their open quarters and due dates are; everyone else
 * on the overview of all ateliers.
 */
export function homeFor(user: SessionUser | null): '/mijn-ateliers' | '/ateliers' | '/inloggen' {
	if (user === null) return '/inloggen';
	return user.role === 'kartrekker' ? '/mijn-ateliers' : '/ateliers';
}

export function menuFor(user: SessionUser | null) {
	return {
		mijnAteliers: can(user, 'records.log'),
		beheer: can(user, 'werkplaats.manage'),
		quarters: can(user, 'quarters.overview'),
		targets: can(user, 'targets.manage'),
		users: can(user, 'users.manage'),
		signIn: can(user, 'signin.manage'),
		audit: can(user, 'audit.read'),
		notifications: can(user, 'notifications.read'),
		jobs: can(user, 'jobs.read'),
		fixedReports: can(user, 'fixedReports.read'),
		ateliersManage: can(user, 'ateliers.manage'),
		registries: can(user, 'registries.manage'),
		history: can(user, 'history.import')
	};
}
