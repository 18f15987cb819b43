import { error, redirect } from '@sveltejs/kit';
import type { Role } from '../db/types';

/** The signed-in user as every load, action and endpoint sees it (set by hooks.server.ts). */
export interface SessionUser {
	id: number;
	name: string;
	email: string;
	role: Role;
	/** Ateliers assigned to a kartrekker; empty for other roles (they see all ateliers). */
	atelierIds: number[];
}

interface Guarded {
	locals: App.Locals;
	url: URL;
}

/** Anonymous visitors are sent to the login page, which brings them back afterwards. */
export function requireUser({ locals, url }: Guarded): SessionUser {
	if (!locals.user) {
		const target = url.pathname + url.search;
		redirect(303, `/inloggen?naar=${encodeURIComponent(target)}`);
	}
	return locals.user;
}

export function requireRole(event: Guarded, ...roles: Role[]): SessionUser {
	const user = requireUser(event);
	if (!roles.includes(user.role)) error(403, 'Je hebt geen toegang tot deze pagina.');
	return user;
}

export type AtelierAccess = 'read' | 'write';

export function canAccessAtelier(
	user: SessionUser,
	atelierId: number,
	mode: AtelierAccess
): boolean {
	if (user.role === 'management') return true;
	if (user.role === 'council') return mode === 'read';
	return user.atelierIds.includes(atelierId);
}

/** 403 (never the data) when the user may not read or change this atelier. */
export function requireAtelierAccess(
	user: SessionUser,
	atelierId: number,
	mode: AtelierAccess
): void {
	if (!canAccessAtelier(user, atelierId, mode))
		error(403, 'Je hebt geen toegang tot dit leeratelier.');
}

/** Council members see approved data only; management and kartrekkers also see submitted data. */
export function mayIncludeSubmitted(user: SessionUser): boolean {
	return user.role !== 'council';
}

/** The ateliers a user may see: null means all of them. */
export function visibleAtelierIds(user: SessionUser): number[] | null {
	return user.role === 'kartrekker' ? user.atelierIds : null;
}
