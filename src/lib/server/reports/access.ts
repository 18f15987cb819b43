import { error } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import { isQuarter } from '../../quarters';
import { requireUser, type SessionUser } from '../auth/guards';
import { authorize, can } from '../auth/policy';
import type { Database, ReportStatus } from '../db/types';
import type { QuarterRef } from './report';

export interface QuarterContext {
	user: SessionUser;
	ref: QuarterRef;
	atelier: { id: number; slug: string; name: string };
}

/**
 * Resolves /ateliers/[slug]/[kwartaal] for a request: 404 for an unknown atelier or a quarter
 * outside its active life, 403 for a user without access. `write` also refuses the council.
 */
export async function quarterContext(
	db: Kysely<Database>,
	event: { locals: App.Locals; url: URL; params: { slug: string; kwartaal: string } },
	mode: 'read' | 'write'
): Promise<QuarterContext> {
	const user = requireUser(event);
	const quarter = event.params.kwartaal;
	const atelier = await db
		.selectFrom('ateliers')
		.select(['id', 'slug', 'name', 'active_from', 'active_to'])
		.where('slug', '=', event.params.slug)
		.executeTakeFirst();
	if (!atelier) error(404, 'Dit leeratelier bestaat niet.');
	authorize(user, mode === 'write' ? 'atelier.write' : 'atelier.read', { atelierId: atelier.id });
	if (
		!isQuarter(quarter) ||
		quarter < atelier.active_from ||
		(atelier.active_to !== null && quarter > atelier.active_to)
	)
		error(404, 'Dit leeratelier was in dat kwartaal niet actief.');
	return {
		user,
		ref: { atelierId: atelier.id, quarter },
		atelier: { id: atelier.id, slug: atelier.slug, name: atelier.name }
	};
}

/**
 * Whether `user` may open the quarter page /ateliers/[slug]/[kwartaal]: the same rules as
 * quarterContext(…, 'read') and quarterPage (read access to the atelier, a quarter in its active
 * life, and for the council an approved report), so a link to it never leads to a 403 or 404.
 */
export function mayOpenQuarterReport(
	user: SessionUser,
	atelier: { id: number; activeFrom: string; activeTo: string | null },
	quarter: string,
	status: string | null
): boolean {
	if (!isQuarter(quarter) || quarter < atelier.activeFrom) return false;
	if (atelier.activeTo !== null && quarter > atelier.activeTo) return false;
	return can(user, 'quarter.read', {
		atelierId: atelier.id,
		status: status as ReportStatus | null
	});
}
