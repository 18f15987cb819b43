import type { menuFor } from './server/auth/policy';

/**
 * The screens of the werkplaats's management, in the order the /beheer page lists them. `menu`
 * names the entry of policy.ts menuFor that decides who is offered the screen (the route checks
 * again). A new management screen adds one line here.
 */
export interface BeheerScreen {
	href: string;
	label: string;
	description: string;
	menu: Exclude<keyof ReturnType<typeof menuFor>, 'mijnAteliers' | 'notifications'>;
}

export const BEHEER_SCREENS: BeheerScreen[] = [
	{
		href: '/beheer/werkplaats',
		label: 'Werkplaats',
		description:
			'Naam en korte naam, wanneer een kwartaal ingeleverd moet zijn, colofon, financieringsregel en logo.',
		menu: 'beheer'
	},
	{
		href: '/beheer/periodes',
		label: 'Subsidieperiodes',
		description: 'De periodes (hele kwartalen) die het dashboard en de ateliers als keuze tonen.',
		menu: 'beheer'
	},
	{
		href: '/beheer/indicatoren',
		label: 'Indicatoren',
		description:
			'Naam en definitie van elk cijfer op het dashboard, in het werkboek en in de rapporten; cijfers verbergen.',
		menu: 'beheer'
	},
	{
		href: '/beheer/ateliers',
		label: 'Ateliers beheren',
		description:
			'Ateliers aanmaken, wijzigen, beëindigen, voortzetten als nieuw atelier; kartrekkers toewijzen.',
		menu: 'ateliersManage'
	},
	{
		href: '/beheer/registers',
		label: 'Wijken en organisaties',
		description: 'Wijken, stadsdelen en organisaties toevoegen en wijzigen; dubbele samenvoegen.',
		menu: 'registries'
	},
	{
		href: '/beheer/historie',
		label: 'Eerdere jaren inlezen',
		description: 'Gegevens van eerdere jaren in één werkboek voor alle ateliers inlezen.',
		menu: 'history'
	},
	{
		href: '/beheer/gebruikers',
		label: 'Gebruikers',
		description: 'Accounts, rollen en de ateliers van kartrekkers.',
		menu: 'users'
	},
	{
		href: '/beheer/doelen',
		label: 'Doelen',
		description: 'Streefwaarden per jaar, voor de werkplaats of per leeratelier.',
		menu: 'targets'
	},
	{
		href: '/beheer/kwartalen',
		label: 'Kwartalen',
		description: 'Alle kwartaalrapportages en wat er te beoordelen is.',
		menu: 'quarters'
	},
	{
		href: '/beheer/inloggen',
		label: 'Inloggen',
		description: 'Inloggen via SURFconext of eduID, en of wachtwoorden nog werken.',
		menu: 'signIn'
	},
	{
		href: '/beheer/meldingen',
		label: 'E-mail en herinneringen',
		description: 'Mislukte e-mails en wanneer kartrekkers een herinnering krijgen.',
		menu: 'jobs'
	},
	{
		href: '/beheer/audit',
		label: 'Audit',
		description: 'Wie wat wanneer veranderde.',
		menu: 'audit'
	}
];
