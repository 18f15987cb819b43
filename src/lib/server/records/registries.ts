import type { Executor } from '../audit/index';
import { recordAudit } from '../audit/index';
import type { OrganisationKind } from '../db/types';
import { ValidationError } from '../errors';
import { ORGANISATION_KINDS } from './schemas';

/** Lower case without spaces and punctuation: "MIK & PIW Groep" -> "mikpiwgroep". */
export function normalizeOrganisationName(name: string): string {
	return name
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');
}

export function locationLabel(l: { name: string; municipality: string }): string {
	return `${l.name} (${l.municipality})`;
}

/** Existing organisations by name (ignoring case, spaces and punctuation). */
export async function findOrganisationIds(
	db: Executor,
	names: string[],
	field: string
): Promise<number[]> {
	if (names.length === 0) return [];
	const keys = names.map(normalizeOrganisationName);
	const rows = await db
		.selectFrom('organisations')
		.select(['id', 'normalized_name'])
		.where('normalized_name', 'in', keys)
		// a merge that removes one of them waits for this record, or this waits for the merge and
		// then no longer finds the removed one (/beheer/registers, registries/organisations.ts)
		.forKeyShare()
		.execute();
	const byKey = new Map(rows.map((r) => [r.normalized_name, r.id]));
	const missing = names.filter((_, i) => !byKey.has(keys[i]));
	if (missing.length)
		throw new ValidationError({
			[field]: `Onbekende organisatie: ${missing.join(', ')}. Voeg haar eerst toe bij de partnerorganisaties (in Excel: op het tabblad Partners).`
		});
	return [...new Set(keys.map((k) => byKey.get(k)!))];
}

/**
 * The organisation for a partner involvement: the existing one with exactly this name; when only
 * the spelling differs, the existing one is offered first (a refusal naming it); a new name is
 * added to the shared registry (kind required).
 */
export async function resolveOrganisation(
	trx: Executor,
	actorId: number,
	input: { organisation: string; organisation_kind: string; municipality: string }
): Promise<number> {
	const key = normalizeOrganisationName(input.organisation);
	if (!key) throw new ValidationError({ organisation: 'Vul een naam met letters of cijfers in.' });
	const existing = await trx
		.selectFrom('organisations')
		.select(['id', 'name'])
		.where('normalized_name', '=', key)
		.forKeyShare()
		.executeTakeFirst();
	if (existing) {
		if (existing.name === input.organisation) return existing.id;
		throw new ValidationError({
			organisation: `Deze organisatie bestaat al als “${existing.name}”. Kies die (sla opnieuw op met die naam) in plaats van een nieuwe toe te voegen.`,
			suggestion: existing.name
		});
	}
	const kind = ORGANISATION_KINDS.find((k) => k === input.organisation_kind.toLowerCase());
	if (!kind)
		throw new ValidationError({
			organisation_kind: `Nieuwe organisatie: kies het soort (${ORGANISATION_KINDS.join(', ')}).`
		});
	const row = await trx
		.insertInto('organisations')
		.values({
			name: input.organisation,
			normalized_name: key,
			kind: kind as OrganisationKind,
			municipality: input.municipality || null
		})
		.returning(['id', 'name', 'kind', 'municipality'])
		.executeTakeFirstOrThrow();
	await recordAudit(trx, {
		actorId,
		entity: 'organisation',
		entityId: row.id,
		action: 'create',
		after: row
	});
	return row.id;
}

/** A location by its label 'Wijk (Gemeente)', or by its name alone when that is unambiguous. */
export async function resolveLocation(
	db: Executor,
	label: string,
	field = 'location'
): Promise<number | null> {
	if (label === '') return null;
	// key-share locks: a merge of locations and this record take turns (registries/locations.ts)
	const rows = await db
		.selectFrom('locations')
		.select(['id', 'name', 'municipality'])
		.forKeyShare()
		.execute();
	const lower = label.toLowerCase();
	const exact = rows.filter((r) => locationLabel(r).toLowerCase() === lower);
	const byName = rows.filter((r) => r.name.toLowerCase() === lower);
	const match = exact.length === 1 ? exact[0] : byName.length === 1 ? byName[0] : null;
	if (!match)
		throw new ValidationError({
			[field]: `Onbekende wijk of stadsdeel “${label}”. Kies er een uit de lijst.`
		});
	return match.id;
}

/** A student of the atelier's roster: '#id' (the form), student number or display name (Excel). */
export async function resolveStudent(
	db: Executor,
	atelierId: number,
	value: string
): Promise<number> {
	const roster = await db
		.selectFrom('atelier_students as a')
		.innerJoin('students as s', 's.id', 'a.student_id')
		.select(['s.id', 's.display_name', 's.student_number'])
		.where('a.atelier_id', '=', atelierId)
		.execute();
	const idMatch = /^#(\d+)$/.exec(value);
	const found = idMatch
		? roster.filter((s) => s.id === Number(idMatch[1]))
		: roster.filter((s) => s.student_number === value).length
			? roster.filter((s) => s.student_number === value)
			: roster.filter((s) => s.display_name.toLowerCase() === value.toLowerCase());
	if (found.length !== 1)
		throw new ValidationError({
			student:
				found.length > 1
					? `Meer studenten heten “${value}”; gebruik het studentnummer.`
					: `“${value}” staat niet in het studentenoverzicht van dit atelier.`
		});
	return found[0].id;
}
