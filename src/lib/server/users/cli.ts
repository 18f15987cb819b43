import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import type { Database, Role } from '../db/types';
import { passwordProblem } from '../auth/password';
import { fieldError } from '../errors';
import { createUser } from './accounts';
import { ROLES } from './types';

export interface UserCreateArgs {
	email: string;
	password: string;
	role: Role;
	name: string;
	atelierSlugs: string[];
}

const USAGE =
	'Gebruik: npm run user:create -- --email E --password P --role kartrekker|council|management [--name "Naam"] [--atelier SLUG ...]';

/** Checks the command line of `npm run user:create`; returns Dutch errors for bad input. */
export function parseUserCreateArgs(
	argv: string[]
): { ok: true; args: UserCreateArgs } | { ok: false; errors: string[] } {
	let values;
	try {
		({ values } = parseArgs({
			args: argv,
			options: {
				email: { type: 'string' },
				password: { type: 'string' },
				role: { type: 'string' },
				name: { type: 'string' },
				atelier: { type: 'string', multiple: true }
			},
			strict: true,
			allowPositionals: false
		}));
	} catch (error) {
		const message = (error as Error).message;
		const option = /'([^']+)'/.exec(message)?.[1];
		return {
			ok: false,
			errors: [option ? `Onbekende of onvolledige optie ${option}.` : 'Ongeldige opties.', USAGE]
		};
	}
	const errors: string[] = [];
	const email = values.email?.trim().toLowerCase() ?? '';
	if (!email) errors.push('Geef een e-mailadres met --email.');
	else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
		errors.push(`'${values.email}' is geen geldig e-mailadres.`);
	const password = values.password ?? '';
	if (!password) errors.push('Geef een wachtwoord met --password.');
	else {
		const problem = passwordProblem(password);
		if (problem) errors.push(problem);
	}
	const role = values.role?.trim() ?? '';
	if (!role) errors.push('Geef een rol met --role (kartrekker, council of management).');
	else if (!(ROLES as string[]).includes(role))
		errors.push(`Onbekende rol '${role}': kies kartrekker, council of management.`);
	const atelierSlugs = [...new Set(values.atelier ?? [])].map((s) => s.trim());
	if (role === 'kartrekker' && atelierSlugs.length === 0)
		errors.push('Een kartrekker heeft minstens één atelier nodig: --atelier SLUG.');
	if (role && role !== 'kartrekker' && atelierSlugs.length > 0)
		errors.push('Alleen een kartrekker krijgt ateliers; laat --atelier weg voor deze rol.');
	if (errors.length) return { ok: false, errors: [...errors, USAGE] };
	const name = values.name?.trim() || email.split('@')[0];
	return { ok: true, args: { email, password, role: role as Role, name, atelierSlugs } };
}

/** Creates the user of a checked command line; unknown atelier slugs are refused. */
export async function runUserCreate(db: Kysely<Database>, args: UserCreateArgs): Promise<number> {
	const ateliers = args.atelierSlugs.length
		? await db
				.selectFrom('ateliers')
				.select(['id', 'slug'])
				.where('slug', 'in', args.atelierSlugs)
				.execute()
		: [];
	const unknown = args.atelierSlugs.filter((s) => !ateliers.some((a) => a.slug === s));
	if (unknown.length)
		throw fieldError(`Onbekend atelier: ${unknown.join(', ')}. Controleer de slug.`, 'atelier');
	return createUser(
		db,
		null,
		{ name: args.name, email: args.email, role: args.role, atelierIds: ateliers.map((a) => a.id) },
		args.password
	);
}
