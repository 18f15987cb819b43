import type { Kysely } from 'kysely';
import { recordAudit, type Executor } from '../audit/index';
import type { SessionUser } from '../auth/guards';
import { assertCan } from '../auth/policy';
import type { Database } from '../db/types';
import { ConflictError, fieldError } from '../errors';

export const MAX_LOGO_BYTES = 1024 * 1024;

export type LogoMime = 'image/png' | 'image/jpeg';

export interface Logo {
	bytes: Buffer;
	mime: LogoMime;
	version: number;
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * What an uploaded file is, by its first bytes (never its name or the browser's type): PNG or
 * JPEG, or null. An SVG is text and may carry script, so it is refused like anything else.
 */
export function imageTypeOf(bytes: Uint8Array): LogoMime | null {
	if (bytes.length > PNG.length && PNG.every((b, i) => bytes[i] === b)) return 'image/png';
	if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
		return 'image/jpeg';
	return null;
}

/** Checks an uploaded file; a Dutch message at the field when it is not an acceptable logo. */
export function checkLogo(bytes: Uint8Array): LogoMime {
	if (bytes.length === 0) throw fieldError('Kies een afbeelding (PNG of JPEG).', 'logo');
	if (bytes.length > MAX_LOGO_BYTES)
		throw fieldError('Dit bestand is groter dan 1 MB; kies een kleinere afbeelding.', 'logo');
	const mime = imageTypeOf(bytes);
	if (!mime)
		throw fieldError(
			'Dit is geen PNG- of JPEG-afbeelding (SVG en andere soorten worden niet geaccepteerd).',
			'logo'
		);
	return mime;
}

export async function loadLogo(db: Executor): Promise<Logo | null> {
	const row = await db
		.selectFrom('werkplaats_logo')
		.select(['bytes', 'mime', 'version'])
		.where('id', '=', 1)
		.executeTakeFirst();
	return row ? { bytes: Buffer.from(row.bytes), mime: row.mime, version: row.version } : null;
}

/** The logo's version (0: no logo), for the header's URL that changes with it. */
export async function logoVersion(db: Executor): Promise<number> {
	const row = await db
		.selectFrom('werkplaats_logo')
		.select('version')
		.where('id', '=', 1)
		.executeTakeFirst();
	return row?.version ?? 0;
}

// The version counter lives in settings, so it keeps counting across a removal: a page opened
// before a removal cannot overwrite what came after it.
const VERSION_KEY = 'logo_version';

/** Locks the logo for this transaction and returns its version (0 before any upload). */
async function lockLogo(trx: Executor): Promise<number> {
	await trx
		.insertInto('settings')
		.values({ key: VERSION_KEY, value: JSON.stringify(0) })
		.onConflict((oc) => oc.column('key').doNothing())
		.execute();
	const row = await trx
		.selectFrom('settings')
		.select('value')
		.where('key', '=', VERSION_KEY)
		.forUpdate()
		.executeTakeFirstOrThrow();
	return typeof row.value === 'number' ? row.value : 0;
}

/** The version the logo form shows (0 before any upload). */
export async function logoFormVersion(db: Executor): Promise<number> {
	const row = await db
		.selectFrom('settings')
		.select('value')
		.where('key', '=', VERSION_KEY)
		.executeTakeFirst();
	return typeof row?.value === 'number' ? row.value : 0;
}

async function setVersion(trx: Executor, version: number): Promise<void> {
	await trx
		.updateTable('settings')
		.set({ value: JSON.stringify(version), updated_at: new Date() })
		.where('key', '=', VERSION_KEY)
		.execute();
}

const conflict = (version: number) => new ConflictError({ values: {}, version });

/** Replaces the logo, on the version the form showed. */
export async function saveLogo(
	db: Kysely<Database>,
	actor: SessionUser,
	version: number,
	bytes: Uint8Array
): Promise<number> {
	assertCan(actor, 'werkplaats.manage');
	const mime = checkLogo(bytes);
	const data = Buffer.from(bytes);
	return db.transaction().execute(async (trx) => {
		const current = await lockLogo(trx);
		if (current !== version) throw conflict(current);
		const before = await loadLogo(trx);
		const next = current + 1;
		await trx
			.insertInto('werkplaats_logo')
			.values({ id: 1, bytes: data, mime, version: next })
			.onConflict((oc) =>
				oc.column('id').doUpdateSet({ bytes: data, mime, version: next, updated_at: new Date() })
			)
			.execute();
		await setVersion(trx, next);
		await recordAudit(trx, {
			actorId: actor.id,
			entity: 'werkplaats_logo',
			entityId: 1,
			action: before ? 'update' : 'create',
			before: before ? { mime: before.mime, bytes: before.bytes.length } : null,
			after: { mime, bytes: data.length }
		});
		return next;
	});
}

/** Removes the logo, on the version the form showed. */
export async function removeLogo(
	db: Kysely<Database>,
	actor: SessionUser,
	version: number
): Promise<void> {
	assertCan(actor, 'werkplaats.manage');
	await db.transaction().execute(async (trx) => {
		const current = await lockLogo(trx);
		if (current !== version) throw conflict(current);
		const before = await loadLogo(trx);
		if (!before) return;
		await trx.deleteFrom('werkplaats_logo').where('id', '=', 1).execute();
		await setVersion(trx, current + 1);
		await recordAudit(trx, {
			actorId: actor.id,
			entity: 'werkplaats_logo',
			entityId: 1,
			action: 'delete',
			before: { mime: before.mime, bytes: before.bytes.length },
			after: null
		});
	});
}
