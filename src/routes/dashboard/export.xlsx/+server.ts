import { requireUser } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db/index';
import { workbookResponse } from '$lib/server/exports/index';
import { today } from '$lib/server/today';
import { selectionFromUrl } from '$lib/server/metrics/selection';
import type { RequestHandler } from './$types';

/** The dashboard's selection as an Excel workbook (same query parameters as /dashboard). */
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const selection = await selectionFromUrl(db, event.url, today());
	return workbookResponse(db, user, selection);
};
