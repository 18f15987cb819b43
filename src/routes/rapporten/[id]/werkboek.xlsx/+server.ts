import { requireCan } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db/index';
import { fixedFileResponse, idFrom } from '$lib/server/fixed-reports/pages';
import type { RequestHandler } from './$types';

/** The workbook of a fixed report, byte for byte as it was stored. */
export const GET: RequestHandler = async (event) => {
	const user = requireCan(event, 'fixedReports.read');
	return fixedFileResponse(getDb(), user, idFrom(event.params.id), 'xlsx');
};
