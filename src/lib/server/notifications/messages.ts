import { formatDate } from '../../format';
import { quarterLabel } from '../../quarters';
import type { NotificationKind } from './notify';

/** The base of links in e-mails: the public URL (ORIGIN), else the local default. */
export function siteOrigin(env: NodeJS.ProcessEnv = process.env): string {
	const origin = env.ORIGIN?.trim();
	return (origin || `http://localhost:${env.PORT ?? 3000}`).replace(/\/$/, '');
}

export const quarterPath = (slug: string, quarter: string) => `/ateliers/${slug}/${quarter}`;
export const reviewPath = (slug: string, quarter: string) =>
	`${quarterPath(slug, quarter)}/beoordeling`;

export const PREFERENCE_PATH = '/meldingen#voorkeur';

/** Why the recipient got this e-mail, in one Dutch sentence. */
export function reasonFor(
	kind: NotificationKind | string,
	recipient: { role: string },
	atelierName: string | null
): string {
	const kartrekker = `je kartrekker bent van ${atelierName ?? 'dit leeratelier'}`;
	switch (kind) {
		case 'submitted':
			return 'Je krijgt dit bericht omdat je management bent en ingediende kwartaalrapportages beoordeelt.';
		case 'weekly':
			return 'Je krijgt dit weekoverzicht omdat je management bent; het komt elke maandag.';
		case 'returned':
		case 'approved':
		case 'reopened':
			return `Je krijgt dit bericht omdat ${kartrekker} en management de status van jullie kwartaalrapportage heeft veranderd.`;
		case 'reminder_due':
		case 'reminder_overdue':
			return `Je krijgt deze herinnering omdat ${kartrekker} en de rapportage nog niet is ingediend.`;
		case 'comment':
			return `Je krijgt dit bericht omdat ${recipient.role === 'management' ? 'je management bent' : kartrekker} en iemand een opmerking plaatste in het gesprek over deze kwartaalrapportage.`;
		default:
			return 'Je krijgt dit bericht omdat je een account hebt in Jaarbeeld.';
	}
}

/** The text of an e-mail about one notification: why, the link to the page, the preference. */
export function mailText(input: {
	name: string;
	body: string;
	url: string;
	reason: string;
	origin: string;
}): string {
	return [
		`Hallo ${input.name},`,
		'',
		input.body,
		'',
		`Bekijk het in Jaarbeeld: ${input.origin}${input.url}`,
		'',
		'--',
		input.reason,
		`Kies zelf hoe je meldingen krijgt (meteen per e-mail, één keer per dag, of alleen in Jaarbeeld): ${input.origin}${PREFERENCE_PATH}`
	].join('\n');
}

/** The daily digest: every notification since the last one, each with its link. */
export function digestText(input: {
	name: string;
	items: { subject: string; body: string; url: string }[];
	origin: string;
}): string {
	return [
		`Hallo ${input.name},`,
		'',
		`Dit zijn je ${input.items.length === 1 ? 'melding' : `${input.items.length} meldingen`} in Jaarbeeld sinds het vorige overzicht:`,
		'',
		...input.items.flatMap((n) => [
			`* ${n.subject}`,
			`  ${n.body}`,
			`  ${input.origin}${n.url}`,
			''
		]),
		'--',
		'Je krijgt dit dagelijkse overzicht omdat je hebt gekozen voor één e-mail per dag met je meldingen.',
		`Kies zelf hoe je meldingen krijgt (meteen per e-mail, één keer per dag, of alleen in Jaarbeeld): ${input.origin}${PREFERENCE_PATH}`
	].join('\n');
}

const q = (quarter: string, atelier: string) => `${quarterLabel(quarter)} van ${atelier}`;

/** Subject and body of the notifications about a quarter's workflow and conversation. */
export const MESSAGES = {
	submitted: (p: { quarter: string; atelier: string; actor: string }) => ({
		subject: `${q(p.quarter, p.atelier)} is ingediend`,
		body: `${p.actor} heeft de kwartaalrapportage ${q(p.quarter, p.atelier)} ingediend. Ze wacht op je beoordeling.`
	}),
	returned: (p: { quarter: string; atelier: string; actor: string; comment: string }) => ({
		subject: `${q(p.quarter, p.atelier)} is teruggestuurd`,
		body: `${p.actor} heeft de kwartaalrapportage ${q(p.quarter, p.atelier)} teruggestuurd met deze opmerking: “${p.comment}”`
	}),
	approved: (p: { quarter: string; atelier: string; actor: string }) => ({
		subject: `${q(p.quarter, p.atelier)} is goedgekeurd`,
		body: `${p.actor} heeft de kwartaalrapportage ${q(p.quarter, p.atelier)} goedgekeurd. Ze is nu afgesloten.`
	}),
	reopened: (p: { quarter: string; atelier: string; actor: string; comment: string }) => ({
		subject: `${q(p.quarter, p.atelier)} is heropend`,
		body: `${p.actor} heeft de goedgekeurde kwartaalrapportage ${q(p.quarter, p.atelier)} heropend, met als reden: “${p.comment}”`
	}),
	comment: (p: {
		quarter: string;
		atelier: string;
		actor: string;
		body: string;
		about: string | null;
	}) => ({
		subject: `Nieuwe opmerking bij ${q(p.quarter, p.atelier)}`,
		body: `${p.actor} schreef${p.about ? ` bij ${p.about}` : ''}: “${p.body.length > 500 ? `${p.body.slice(0, 500)}…` : p.body}”`
	}),
	reminder_due: (p: { quarter: string; atelier: string; due: string }) => ({
		subject: `Herinnering: ${q(p.quarter, p.atelier)} uiterlijk ${formatDate(p.due)} indienen`,
		body: `De kwartaalrapportage ${q(p.quarter, p.atelier)} moet uiterlijk ${formatDate(p.due)} zijn ingediend en is nog niet ingediend.`
	}),
	reminder_overdue: (p: { quarter: string; atelier: string; due: string }) => ({
		subject: `${q(p.quarter, p.atelier)} is te laat`,
		body: `De kwartaalrapportage ${q(p.quarter, p.atelier)} had uiterlijk ${formatDate(p.due)} ingediend moeten zijn en is nog niet ingediend. Vul haar aan en dien haar in.`
	})
};
