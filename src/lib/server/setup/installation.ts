import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { recordAudit, type Executor } from '../audit/index';
import { hashPassword, passwordProblem } from '../auth/password';
import { createSession, type NewSession } from '../auth/session';
import { claimSignInAttempt, forgiveSignInFailures, recordSignInFailure } from '../auth/throttle';
import type { Database } from '../db/types';
import { ActionError, fieldError, parseInput } from '../errors';
import {
	getWerkplaatsSettings,
	werkplaatsSchema,
	writeWerkplaatsSettings
} from '../settings/werkplaats';
import { insertUser } from '../users/accounts';

/**
 * The first start of a real installation: while no active management account exists, every page
 * leads to /installatie. There the one-time code from the server's log (so reaching the port is
 * not enough to claim the installation) creates the werkplaats and its first manager together.
 */

// Letters and digits that cannot be mistaken for each other when read from a log: 32 symbols,
// 16 of them make 80 random bits, shown in groups of four.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 16;

export const SETUP_THROTTLED =
	'Te veel verkeerde installatiecodes. Wacht een kwartier en probeer het dan opnieuw.';
export const WRONG_CODE =
	'Deze installatiecode klopt niet. Neem de code over uit het logboek van de server (de regel met “installatiecode”).';
export const ALREADY_SET_UP = 'Deze installatie is al ingericht.';

/** Databases known to have an active manager: from then on no page needs to ask again. */
const installed = new WeakSet<Kysely<Database>>();

/** True while the database has no active management account. */
export async function setupNeeded(db: Kysely<Database>): Promise<boolean> {
	if (installed.has(db)) return false;
	const manager = await activeManager(db);
	if (manager) installed.add(db);
	return !manager;
}

async function activeManager(db: Executor): Promise<boolean> {
	const row = await db
		.selectFrom('app_users')
		.select('id')
		.where('role', '=', 'management')
		.where('active', '=', true)
		.limit(1)
		.executeTakeFirst();
	return row !== undefined;
}

export function newSetupCode(): string {
	const chars = Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]);
	return chars.join('').replace(/(.{4})(?=.)/g, '$1-');
}

/** The code as typed (any case, with or without dashes or spaces), hashed for the lookup. */
function codeHash(code: string): string {
	const plain = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
	return createHash('sha256').update(plain).digest('hex');
}

/**
 * At start: a new code when the installation still needs setting up (its hash is stored, so any
 * app process accepts it), else null. Codes of earlier starts stay valid until the setup is done.
 */
export async function issueSetupCode(db: Kysely<Database>): Promise<string | null> {
	if (!(await setupNeeded(db))) return null;
	const code = newSetupCode();
	await db
		.insertInto('setup_codes')
		.values({ code_hash: codeHash(code) })
		.execute();
	return code;
}

async function codeIsValid(db: Executor, code: string): Promise<boolean> {
	const wanted = Buffer.from(codeHash(code), 'hex');
	const rows = await db.selectFrom('setup_codes').select('code_hash').execute();
	return rows.some((r) => timingSafeEqual(Buffer.from(r.code_hash, 'hex'), wanted));
}

const email = z
	.string()
	.trim()
	.toLowerCase()
	.min(1, 'Vul je e-mailadres in.')
	.max(200, 'Dit e-mailadres is te lang.')
	.email('Vul een geldig e-mailadres in, zoals naam@organisatie.nl.');

export const setupSchema = z
	.object({
		werkplaatsName: werkplaatsSchema.shape.name,
		shortName: werkplaatsSchema.shape.shortName,
		name: z.string().trim().min(1, 'Vul je naam in.').max(200, 'Deze naam is te lang.'),
		email,
		password: z.string().superRefine((v, ctx) => {
			const problem = passwordProblem(v);
			if (problem) ctx.addIssue({ code: 'custom', message: problem });
		}),
		confirm: z.string()
	})
	.refine((v) => v.password === v.confirm, {
		message: 'De twee wachtwoorden zijn niet gelijk.',
		path: ['confirm']
	});

export function setupFormValues(form: FormData) {
	const text = (key: string) => String(form.get(key) ?? '');
	return {
		code: text('code'),
		werkplaatsName: text('werkplaatsName'),
		shortName: text('shortName'),
		name: text('name'),
		email: text('email'),
		password: text('password'),
		confirm: text('confirm')
	};
}

export interface SetupRequest {
	values: ReturnType<typeof setupFormValues>;
	/** The client's address, for throttling wrong codes per address. */
	ip: string;
	userAgent?: string | null;
}

/**
 * Checks the code (wrong ones are counted like failed sign-ins), then creates the werkplaats's
 * name and the first management account in one transaction, uses up every code, and signs the
 * new manager in. Refused with 404 once any active management account exists.
 */
export async function completeSetup(
	db: Kysely<Database>,
	request: SetupRequest
): Promise<{ userId: number; session: NewSession }> {
	if (!(await setupNeeded(db))) throw new ActionError(ALREADY_SET_UP, 404);
	const ip = request.ip || 'onbekend';
	const throttleKey = `installatie:${ip}`;
	// Counted before the check, like a password (auth/throttle.ts): a burst cannot try more.
	const attempt = await claimSignInAttempt(db, throttleKey, ip);
	if (attempt.throttled) throw fieldError(SETUP_THROTTLED, 'code', 429);
	if (!(await codeIsValid(db, request.values.code))) {
		await recordSignInFailure(db, attempt.id);
		throw fieldError(WRONG_CODE, 'code');
	}
	// The right code: a mistake in the other fields is no guess, so it does not count.
	await forgiveSignInFailures(db, throttleKey, attempt);
	const input = parseInput(setupSchema, request.values);
	const hash = await hashPassword(input.password);
	const userId = await db.transaction().execute(async (trx) => {
		// Two set-ups at once (or one and `npm run user:create`): the second waits here, then finds
		// the first one's manager.
		await sql`lock table app_users in share row exclusive mode`.execute(trx);
		if (await activeManager(trx)) throw new ActionError(ALREADY_SET_UP, 404);
		const before = await getWerkplaatsSettings(trx);
		const werkplaats = { name: input.werkplaatsName, shortName: input.shortName };
		await writeWerkplaatsSettings(trx, werkplaats, before.version + 1);
		const id = await insertUser(
			trx,
			null,
			{ name: input.name, email: input.email, role: 'management', atelierIds: [] },
			hash
		);
		await trx.deleteFrom('setup_codes').execute();
		await recordAudit(trx, {
			actorId: id,
			entity: 'werkplaats',
			entityId: 'werkplaats',
			action: 'setup',
			before: { name: before.name, shortName: before.shortName },
			after: werkplaats
		});
		return id;
	});
	installed.add(db);
	const session = await createSession(db, userId, 'password', request.userAgent);
	return { userId, session };
}
