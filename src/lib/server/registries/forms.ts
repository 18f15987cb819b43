import { z } from 'zod';
import type { LocationKind, OrganisationKind } from '../db/types';
import { ORGANISATION_KINDS } from '../records/schemas';

export const LOCATION_KINDS: readonly LocationKind[] = ['wijk', 'stadsdeel'];

const name = z.string().trim().min(1, 'Vul een naam in.').max(200, 'Deze naam is te lang.');
const municipality = z
	.string()
	.trim()
	.min(1, 'Vul de gemeente in.')
	.max(100, 'Deze gemeentenaam is te lang.');

export const locationSchema = z.object({
	municipality,
	name,
	kind: z.enum(LOCATION_KINDS as [LocationKind, ...LocationKind[]], {
		message: 'Kies wijk of stadsdeel.'
	})
});
export type LocationInput = z.output<typeof locationSchema>;

export const organisationSchema = z.object({
	name,
	kind: z.enum(ORGANISATION_KINDS as unknown as [OrganisationKind, ...OrganisationKind[]], {
		message: 'Kies het soort organisatie.'
	}),
	municipality: z
		.string()
		.trim()
		.max(100, 'Deze gemeentenaam is te lang.')
		.transform((v) => (v === '' ? null : v))
});
export type OrganisationInput = z.output<typeof organisationSchema>;

const text = (form: FormData, key: string) => String(form.get(key) ?? '');

export const locationFormValues = (form: FormData) => ({
	municipality: text(form, 'municipality'),
	name: text(form, 'name'),
	kind: text(form, 'kind')
});

export const organisationFormValues = (form: FormData) => ({
	name: text(form, 'name'),
	kind: text(form, 'kind'),
	municipality: text(form, 'municipality')
});
