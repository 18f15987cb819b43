import { Readable } from 'node:stream';
import { getDb } from '$lib/server/db/index';
import { writeTemplate } from '$lib/server/import/template';
import { quarterContext } from '$lib/server/reports/access';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const db = getDb();
	const { atelier, ref } = await quarterContext(db, event, 'write');
	const stream = await writeTemplate(db, atelier, ref.quarter);
	return new Response(Readable.toWeb(stream) as ReadableStream, {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="jaarbeeld-${atelier.slug}-${ref.quarter}.xlsx"`,
			'cache-control': 'private, no-store'
		}
	});
};
