import { Readable } from 'node:stream';
import { requireCan } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db/index';
import { writeHistoryTemplate } from '$lib/server/import/history-template';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	requireCan(event, 'history.import');
	const stream = await writeHistoryTemplate(getDb());
	return new Response(Readable.toWeb(stream) as ReadableStream, {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': 'attachment; filename="jaarbeeld-historie.xlsx"',
			'cache-control': 'private, no-store'
		}
	});
};
