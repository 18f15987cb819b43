import type { Role } from '../db/types';

export const ROLES: readonly Role[] = ['kartrekker', 'council', 'management'];

export interface UserInput {
	name: string;
	email: string;
	role: Role;
	/** Only kept for kartrekkers; other roles see all ateliers. */
	atelierIds: number[];
}

/** The audited state of a user: never a password hash or token. */
export interface UserSnapshot extends UserInput {
	active: boolean;
}

export interface UserRow extends UserSnapshot {
	id: number;
	hasPassword: boolean;
}
