import { z } from 'zod';
import type { Role } from '../db/types';
import { ROLES } from './types';

const email = z
	.string()
	.trim()
	.toLowerCase()
	.min(1, 'Vul een e-mailadres in.')
	.max(200, 'Dit e-mailadres is te lang.')
	.email('Vul een geldig e-mailadres in, zoals naam@organisatie.nl.');

export const signInSchema = z.object({
	email: z.string().trim().min(1, 'Vul je e-mailadres in.').max(200, 'Dit e-mailadres is te lang.'),
	password: z.string().min(1, 'Vul je wachtwoord in.').max(1000, 'Dit wachtwoord is te lang.')
});

export const userSchema = z.object({
	name: z.string().trim().min(1, 'Vul een naam in.').max(200, 'Deze naam is te lang.'),
	email,
	role: z.enum(ROLES as [Role, ...Role[]], { message: 'Kies een rol.' }),
	// a kartrekker needs an atelier as soon as there is one (users/accounts.ts checks that in
	// the transaction): on a new installation the kartrekker may come first
	atelierIds: z.array(z.coerce.number().int().positive('Kies een bestaand atelier.'))
});

/** Reads a user form (name, email, role, atelier checkboxes) from FormData. */
export function userFormValues(form: FormData) {
	return {
		name: String(form.get('name') ?? ''),
		email: String(form.get('email') ?? ''),
		role: String(form.get('role') ?? ''),
		atelierIds: form.getAll('atelier').map(String)
	};
}

export const newPasswordSchema = z
	.object({
		password: z.string(),
		confirm: z.string()
	})
	.refine((v) => v.password === v.confirm, {
		message: 'De twee wachtwoorden zijn niet gelijk.',
		path: ['confirm']
	});

export const changePasswordSchema = z
	.object({
		current: z.string().min(1, 'Vul je huidige wachtwoord in.'),
		next: z.string(),
		confirm: z.string()
	})
	.refine((v) => v.next === v.confirm, {
		message: 'De twee nieuwe wachtwoorden zijn niet gelijk.',
		path: ['confirm']
	});
