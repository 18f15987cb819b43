import { error, redirect } from '@sveltejs/kit';
import {
	continueAtelier,
	deleteAtelier,
	endAtelier,
	updateAtelier
} from '$lib/server/ateliers/admin';
import { adminAtelier } from '$lib/server/ateliers/admin-queries';
import { findAtelierId } from '$lib/server/ateliers/detail';
import {
	atelierEditSchema,
	atelierFormValues,
	continueAtelierSchema,
	continueFormValues,
	endAtelierSchema
} from '$lib/server/ateliers/forms';
import { assignKartrekker, removeKartrekker } from '$lib/server/ateliers/kartrekkers';
import { listAudit } from '$lib/server/audit/query';
import { requireCan } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db/index';
import { parseInput } from '$lib/server/errors';
import { askConfirmation, isConfirmed } from '$lib/server/forms/confirm';
import { failureOf, intField } from '$lib/server/forms/result';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function atelierIdOf(event: RequestEvent): Promise<number> {
	const id = await findAtelierId(getDb(), event.params.slug);
	if (id === null) error(404, 'Dit leeratelier bestaat niet.');
	return id;
}

export const load = (async (event) => {
	requireCan(event, 'ateliers.manage');
	const db = getDb();
	const found = await adminAtelier(db, event.params.slug);
	if (!found) error(404, 'Dit leeratelier bestaat niet.');
	const history = await listAudit(
		db,
		{ entity: 'atelier', entityId: String(found.atelier.id) },
		{ page: 1, pageSize: 50 }
	);
	return { ...found, history: history.rows, created: event.url.searchParams.has('aangemaakt') };
}) satisfies PageServerLoad;

export const actions = {
	update: async (event) => {
		const actor = requireCan(event, 'ateliers.manage');
		const form = await event.request.formData();
		const values = atelierFormValues(form);
		let slug: string;
		try {
			const input = parseInput(atelierEditSchema, values);
			({ slug } = await updateAtelier(
				getDb(),
				actor,
				await atelierIdOf(event),
				intField(form, 'version') ?? 0,
				input
			));
		} catch (e) {
			return failureOf(e, { form: 'update', values });
		}
		redirect(303, `/beheer/ateliers/${slug}?opgeslagen=1`);
	},
	end: async (event) => {
		const actor = requireCan(event, 'ateliers.manage');
		const form = await event.request.formData();
		const values = { activeTo: String(form.get('activeTo') ?? '') };
		try {
			const { activeTo } = parseInput(endAtelierSchema, values);
			await endAtelier(
				getDb(),
				actor,
				await atelierIdOf(event),
				intField(form, 'version') ?? 0,
				activeTo
			);
		} catch (e) {
			return failureOf(e, { form: 'end', values });
		}
		return { ended: true };
	},
	continue: async (event) => {
		const actor = requireCan(event, 'ateliers.manage');
		const form = await event.request.formData();
		const values = continueFormValues(form);
		let slug: string;
		try {
			const input = parseInput(continueAtelierSchema, {
				...values,
				carryKartrekkers: values.carryKartrekkers === 'ja'
			});
			({ slug } = await continueAtelier(
				getDb(),
				actor,
				await atelierIdOf(event),
				intField(form, 'version') ?? 0,
				input
			));
		} catch (e) {
			return failureOf(e, { form: 'continue', values });
		}
		redirect(303, `/beheer/ateliers/${slug}?aangemaakt=1`);
	},
	assign: async (event) => {
		const actor = requireCan(event, 'ateliers.manage');
		const form = await event.request.formData();
		try {
			await assignKartrekker(
				getDb(),
				actor,
				await atelierIdOf(event),
				intField(form, 'kartrekker') ?? 0
			);
		} catch (e) {
			return failureOf(e, { form: 'assign' });
		}
		return { assigned: true };
	},
	remove: async (event) => {
		const actor = requireCan(event, 'ateliers.manage');
		const form = await event.request.formData();
		if (!isConfirmed(form)) return askConfirmation(`remove-${form.get('kartrekker')}`, form);
		try {
			await removeKartrekker(
				getDb(),
				actor,
				await atelierIdOf(event),
				intField(form, 'kartrekker') ?? 0
			);
		} catch (e) {
			return failureOf(e, { form: 'remove' });
		}
		return { removed: true };
	},
	delete: async (event) => {
		const actor = requireCan(event, 'ateliers.manage');
		const form = await event.request.formData();
		if (!isConfirmed(form)) return askConfirmation('delete', form);
		try {
			await deleteAtelier(getDb(), actor, await atelierIdOf(event), intField(form, 'version') ?? 0);
		} catch (e) {
			return failureOf(e, { form: 'delete' });
		}
		redirect(303, '/beheer/ateliers?verwijderd=1');
	}
} satisfies Actions;
