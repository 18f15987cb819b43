import { formatDate } from '../../format';
import { quarterLabel } from '../../quarters';
import { RECORD_FIELDS, RECORD_TYPES, type RecordType } from '../../records/fields';
import { ROLE_NAMES } from '../../roles';
import { QUARTER_STATE_LABELS } from '../../status-labels';
import { DEFINITIONS } from '../records/kinds';
import { shownFields } from '../review/review-fields';

/**
 * The words the audit trail speaks: what was changed, what happened, which field, and how a value
 * reads. Every entity, action and field the services write has its Dutch name here;
 * tests/audit-vocabulary.test.ts fails when a service writes one that is missing.
 */

const RECORD_TABLES = new Map<string, RecordType>(
	RECORD_TYPES.map((t) => [DEFINITIONS[t].table, t])
);

export const ENTITY_LABELS: Record<string, string> = {
	activities: 'Bijeenkomst',
	student_participations: 'Studentdeelname',
	partner_involvements: 'Partner in een kwartaal',
	publications: 'Publicatie',
	reach: 'Bereik',
	highlights: 'Trots op',
	quarter_report: 'Kwartaalrapportage',
	report_comment: 'Opmerking',
	atelier_student: 'Student in het overzicht',
	organisation: 'Organisatie',
	user: 'Gebruiker',
	notification_preference: 'Meldingsvoorkeur',
	setting: 'Instelling',
	settings: 'Instelling',
	sign_in_provider: 'Inlogprovider',
	indicator_target: 'Streefwaarde',
	werkplaats: 'Werkplaats',
	werkplaats_logo: 'Logo',
	subsidy_period: 'Subsidieperiode',
	indicator: 'Indicator',
	fixed_report: 'Vastgesteld rapport',
	report_narrative: 'Tekst van een rapport',
	atelier: 'Atelier',
	location: 'Wijk of stadsdeel',
	history_import: 'Historische gegevens'
};

export const ACTION_LABELS: Record<string, string> = {
	create: 'aangemaakt',
	update: 'gewijzigd',
	delete: 'verwijderd',
	activate: 'weer geactiveerd',
	deactivate: 'gedeactiveerd',
	password_change: 'wachtwoord gewijzigd',
	password_link: 'wachtwoordlink gemaakt',
	password_set: 'wachtwoord ingesteld',
	identity_link: 'inlogaccount gekoppeld',
	identity_unlink: 'inlogaccount ontkoppeld',
	resolve: 'afgehandeld',
	reopen: 'heropend',
	submit: 'ingediend',
	approve: 'goedgekeurd',
	return: 'teruggestuurd',
	setup: 'ingericht (eerste start)',
	fix: 'vastgesteld',
	end: 'beëindigd',
	continue: 'voortgezet als nieuw atelier',
	assign_kartrekker: 'kartrekker toegewezen',
	remove_kartrekker: 'kartrekker weggehaald',
	merge: 'samengevoegd',
	merged_into: 'opgegaan in een andere',
	import: 'ingelezen',
	history_import: 'ingelezen uit historische gegevens'
};

/** Fields outside the record forms (whose labels come from lib/records/fields.ts). */
export const FIELD_LABELS: Record<string, string> = {
	quarter: 'Kwartaal',
	status: 'Status',
	comment: 'Toelichting',
	body: 'Tekst',
	record: 'Bij gegeven',
	resolved: 'Afgehandeld',
	name: 'Naam',
	email: 'E-mailadres',
	role: 'Rol',
	active: 'Actief',
	atelierIds: 'Ateliers',
	validHours: 'Geldig (uren)',
	passwordSignIn: 'Inloggen met wachtwoord',
	provider: 'Provider',
	issuer: 'Uitgever (issuer)',
	key: 'Sleutel',
	clientId: 'Client-id',
	clientSecret: 'Clientgeheim',
	emailDomains: 'E-maildomeinen',
	display_name: 'Naam',
	student_number: 'Studentnummer',
	network_members: 'Netwerkleden',
	no_activities: 'Geen activiteiten dit kwartaal',
	normalized_name: 'Naam voor vergelijken',
	kind: 'Soort',
	municipality: 'Gemeente',
	id: 'Nummer',
	days: 'Dagen',
	mode: 'Meldingen',
	slug: 'Adres in de URL',
	theme: 'Thema',
	activeFrom: 'Eerste actieve kwartaal',
	activeTo: 'Laatste actieve kwartaal',
	predecessorId: 'Voortzetting van',
	kartrekkerIds: 'Kartrekkers (nummers)',
	userId: 'Gebruiker (nummer)',
	survivor: 'Blijft',
	removed: 'Verdwijnt',
	mergedInto: 'Opgegaan in (nummer)',
	partnerInvolvementIds: 'Omgezette partners (nummers)',
	joinedInvolvementIds: 'Samengevoegde partners (nummers)',
	activityIds: 'Omgezette bijeenkomsten (nummers)',
	reachIds: 'Omgezet bereik (nummers)',
	joinedReachIds: 'Samengevoegd bereik (nummers)',
	quarters: 'Ingelezen kwartalen',
	created: 'Opgeslagen regels',
	skipped: 'Overgeslagen regels',
	imported: 'Ateliers en kwartalen',
	indicator: 'Indicator',
	year: 'Jaar',
	target: 'Streefwaarde',
	shortName: 'Korte naam',
	quarterDueMonths: 'Inleveren (maanden na het kwartaal)',
	contactAddress: 'Adres',
	contactPhone: 'Telefoon',
	contactEmail: 'E-mail',
	contactWebsite: 'Website',
	fundingLine: 'Financieringsregel',
	mime: 'Soort afbeelding',
	bytes: 'Grootte (bytes)',
	startQuarter: 'Eerste kwartaal',
	endQuarter: 'Laatste kwartaal',
	definition: 'Definitie',
	hidden: 'Verborgen',
	period: 'Periode',
	audience: 'Voor',
	version: 'Versie',
	pdf_sha256: 'SHA-256 van de pdf',
	xlsx_sha256: 'SHA-256 van het werkboek',
	foreword: 'Voorwoord',
	outlook: 'Vooruitblik',
	highlights: 'Hoogtepunten van de werkplaats',
	explanations: 'Toelichting op verschillen',
	differenceThreshold: 'Drempel voor toelichting (%)'
};

const VALUE_LABELS: Record<string, Record<string, string>> = {
	status: QUARTER_STATE_LABELS,
	role: ROLE_NAMES,
	mode: {
		immediate: 'direct per e-mail',
		digest: 'dagoverzicht per e-mail',
		app: 'alleen in Jaarbeeld'
	}
};

/** What the audit page needs to show ids as names. */
export interface AuditNames {
	ateliers: Map<number, string>;
	/** '#12' -> the student's name. */
	students: Map<string, string>;
}

export const entityLabel = (entity: string) => ENTITY_LABELS[entity] ?? entity;
export const actionLabel = (action: string) => ACTION_LABELS[action] ?? action;

function fieldLabel(entity: string, field: string): string {
	const type = RECORD_TABLES.get(entity);
	const spec = type ? RECORD_FIELDS[type].find((f) => f.name === field) : undefined;
	return spec?.label ?? FIELD_LABELS[field] ?? field;
}

function plain(field: string, value: unknown, names: AuditNames): string {
	if (value === null || value === undefined || value === '') return '';
	if (typeof value === 'boolean') return value ? 'ja' : 'nee';
	if (Array.isArray(value)) {
		if (field === 'atelierIds')
			return value.map((id) => names.ateliers.get(Number(id)) ?? `atelier ${id}`).join(', ');
		return value.map((v) => plain(field, v, names)).join(', ');
	}
	if (typeof value === 'object') return JSON.stringify(value);
	if (field === 'predecessorId' && names.ateliers.has(Number(value)))
		return names.ateliers.get(Number(value))!;
	const text = String(value);
	const labels = VALUE_LABELS[field];
	if (labels?.[text]) return labels[text];
	if (/^\d{4}Q[1-4]$/.test(text)) return quarterLabel(text);
	if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return formatDate(text);
	if (/^#\d+$/.test(text) && names.students.has(text)) return names.students.get(text)!;
	return text;
}

export interface AuditChange {
	field: string;
	before: string;
	after: string;
}

/** The fields that differ between before and after, with Dutch labels and readable values. */
export function describeChanges(
	entity: string,
	before: unknown,
	after: unknown,
	names: AuditNames
): AuditChange[] {
	const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
	const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
	const type = RECORD_TABLES.get(entity);
	const shown = (values: Record<string, unknown>) =>
		type
			? new Map(
					shownFields(type, values as Record<string, string | string[]>, names.students).map(
						(f) => [f.name, f.value === '–' ? '' : f.value]
					)
				)
			: null;
	const [sb, sa] = [shown(b), shown(a)];
	const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
	return (
		fields
			.filter((f) => JSON.stringify(b[f]) !== JSON.stringify(a[f]))
			.map((field) => ({
				field: fieldLabel(entity, field),
				before: (field in b ? sb?.get(field) : undefined) ?? plain(field, b[field], names),
				after: (field in a ? sa?.get(field) : undefined) ?? plain(field, a[field], names)
			}))
			// absent and empty read the same: no line for a comment that was never given
			.filter((c) => c.before !== c.after)
	);
}
