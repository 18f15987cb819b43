import { fail, redirect } from '@sveltejs/kit';
import { authorize } from '$lib/server/auth/policy';
import { getDb } from '$lib/server/db/index';
import { formDataWithinLimit } from '$lib/server/http/body-limits';
import { ImportFileError, TOO_LARGE } from '$lib/server/import/read';
import {
	ImportBusy,
	importTemplate,
	ImportProblems,
	type Problem
} from '$lib/server/import/import';
import { ActionError } from '$lib/server/errors';
import { askConfirmation, isConfirmed } from '$lib/server/forms/confirm';
import { failureOf, intField } from '$lib/server/forms/result';
import { formValues, recordType } from '$lib/server/records/form';
import { deleteRecord, saveRecord, saveReportDetails } from '$lib/server/records/service';
import { quarterContext } from '$lib/server/reports/access';
import { quarterPage, type RecordPages } from '$lib/server/records/quarter-page';
import { RECORD_TYPES } from '$lib/server/records/schemas';
import { z } from 'zod';
import { transition, type Transition } from '$lib/server/reports/workflow';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const pageNumber = z.coerce.number().int().min(1).max(100_000);

/** ?pagina-activity=2 and the like: which page of each record list to show. */
function recordPages(url: URL): RecordPages {
	const pages: RecordPages = {};
	for (const type of RECORD_TYPES) {
		const parsed = pageNumber.safeParse(url.searchParams.get(`pagina-${type}`) ?? undefined);
		if (parsed.success) pages[type] = parsed.data;
	}
	return pages;
}

export const load = (async (event) => {
	const db = getDb();
	return quarterPage(db, await quarterContext(db, event, 'read'), recordPages(event.url));
}) satisfies PageServerLoad;

// back to the section that was saved, to its status message (a fragment that is the message
// itself gives it the focus, also without JavaScript)
const done = (event: RequestEvent, what: string, anchor = what) =>
	redirect(303, `${event.url.pathname}?gelukt=${what}#gelukt-${anchor}`);

async function move(event: RequestEvent, kind: Transition) {
	const db = getDb();
	const { user, ref } = await quarterContext(db, event, 'write');
	authorize(user, `quarter.${kind}`, { atelierId: ref.atelierId });
	const form = await event.request.formData();
	if (kind === 'reopen' && !isConfirmed(form)) return askConfirmation('heropenen', form);
	const version = intField(form, 'version');
	const comment = String(form.get('comment') ?? '');
	if (version === null)
		return fail(400, {
			form: 'workflow',
			id: null,
			values: { comment },
			errors: { form: 'Vernieuw de pagina en probeer het opnieuw.' }
		});
	try {
		await transition(db, user, ref, kind, { version, comment });
	} catch (e) {
		return failureOf(e, { form: 'workflow', values: { comment } });
	}
	done(event, kind, 'status');
}

export const actions = {
	opslaan: async (event) => {
		const db = getDb();
		const { user, ref } = await quarterContext(db, event, 'write');
		const form = await event.request.formData();
		const type = recordType(form);
		const id = intField(form, 'id');
		const values = formValues(form);
		if (!type)
			return fail(400, {
				form: 'onbekend',
				id,
				values,
				errors: { form: 'Onbekend soort gegeven.' }
			});
		try {
			await saveRecord(db, user, ref, type, { id, version: intField(form, 'version') }, values);
		} catch (e) {
			return failureOf(e, { form: type, id, values });
		}
		done(event, type);
	},
	verwijderen: async (event) => {
		const db = getDb();
		const { user, ref } = await quarterContext(db, event, 'write');
		const form = await event.request.formData();
		const type = recordType(form);
		const id = intField(form, 'id');
		const version = intField(form, 'version');
		if (!isConfirmed(form)) return askConfirmation(`verwijderen-${type}-${id}`, form);
		if (!type || id === null || version === null)
			return fail(400, { form: 'onbekend', id, values: {}, errors: { form: 'Onbekend gegeven.' } });
		try {
			await deleteRecord(db, user, ref, type, { id, version });
		} catch (e) {
			return failureOf(e, { form: type, id });
		}
		done(event, `${type}-verwijderd`, type);
	},
	gegevens: async (event) => {
		const db = getDb();
		const { user, ref } = await quarterContext(db, event, 'write');
		const form = await event.request.formData();
		const values = formValues(form);
		const version = intField(form, 'version');
		if (version === null)
			return fail(400, {
				form: 'gegevens',
				id: null,
				values,
				errors: { form: 'Vernieuw de pagina en probeer het opnieuw.' }
			});
		try {
			await saveReportDetails(db, user, ref, version, values);
		} catch (e) {
			return failureOf(e, { form: 'gegevens', values });
		}
		done(event, 'gegevens');
	},
	importeren: async (event) => {
		const db = getDb();
		const { user, ref, atelier } = await quarterContext(db, event, 'write');
		const importFail = (message: string, problems: Problem[] = [], status = 400) =>
			fail(status, { form: 'import', id: null, values: {}, errors: { form: message }, problems });
		const form = await formDataWithinLimit(event.request);
		if (!form) return importFail(TOO_LARGE, [], 413);
		const file = form.get('bestand');
		if (!(file instanceof File) || file.size === 0)
			return importFail('Kies een ingevuld sjabloon (.xlsx) om te uploaden.');
		try {
			const result = await importTemplate(
				db,
				user,
				{ ...ref, slug: atelier.slug },
				new Uint8Array(await file.arrayBuffer())
			);
			return { imported: result.created, skipped: result.skipped };
		} catch (e) {
			if (e instanceof ImportFileError) return importFail(e.message);
			if (e instanceof ImportProblems) return importFail(e.message, e.problems);
			if (e instanceof ImportBusy) return importFail(e.message, [], 503);
			if (e instanceof ActionError) return importFail(e.message);
			throw e;
		}
	},
	indienen: async (event) => move(event, 'submit'),
	goedkeuren: async (event) => move(event, 'approve'),
	terugsturen: async (event) => move(event, 'return'),
	heropenen: async (event) => move(event, 'reopen')
} satisfies Actions;
