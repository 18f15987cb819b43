import { redirect } from '@sveltejs/kit';
import type { Role } from '../db/types';
import { authorize, type Action, type TargetArgs } from './policy';

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

/** A signed-in user who may do the action (on the target); else login or a 403 page. */
export function requireCan<A extends Action>(
	event: Guarded,
	action: A,
	...target: TargetArgs<A>
): SessionUser {
	const user = requireUser(event);
	authorize(user, action, ...target);
	return user;
}
