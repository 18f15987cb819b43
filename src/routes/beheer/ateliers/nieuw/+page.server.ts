import { redirect } from '@sveltejs/kit';
import { createAtelier } from '$lib/server/ateliers/admin';
import { atelierFormValues, newAtelierSchema } from '$lib/server/ateliers/forms';
import { requireCan } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db/index';
import { parseInput } from '$lib/server/errors';
import { failureOf } from '$lib/server/forms/result';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	requireCan(event, 'ateliers.manage');
	return {};
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const actor = requireCan(event, 'ateliers.manage');
		const form = await event.request.formData();
		const values = atelierFormValues(form);
		let slug: string;
		try {
			({ slug } = await createAtelier(getDb(), actor, parseInput(newAtelierSchema, values)));
		} catch (e) {
			return failureOf(e, { values });
		}
		redirect(303, `/beheer/ateliers/${slug}?aangemaakt=1`);
	}
} satisfies Actions;
