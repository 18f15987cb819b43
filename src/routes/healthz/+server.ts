import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index';
import { databaseAnswers } from '$lib/server/health';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
	const ok = await databaseAnswers(getDb());
	return json(ok ? { status: 'ok' } : { status: 'unavailable' }, {
		status: ok ? 200 : 503,
		headers: { 'cache-control': 'no-store' }
	});
};
