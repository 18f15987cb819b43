import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { requireUser } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db/index';
import { reportResponse } from '$lib/server/exports/index';
import { today } from '$lib/server/today';
import { selectionFromUrl } from '$lib/server/metrics/selection';
import type { RequestHandler } from './$types';

const audience = z.enum(['vws', 'programmaraad'], {
	message: 'Kies voor=vws of voor=programmaraad.'
});

/** The PDF report for VWS (voor=vws) or the programme council (voor=programmaraad). */
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const voor = audience.safeParse(event.url.searchParams.get('voor') ?? 'vws');
	if (!voor.success) error(400, voor.error.issues.map((i) => i.message).join(' '));
	const db = getDb();
	const selection = await selectionFromUrl(db, event.url, today());
	return reportResponse(db, user, selection, voor.data);
};
