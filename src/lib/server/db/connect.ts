import { accessSync, constants, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock';
import { markPostgresServer } from './kind';
import { log } from '../log';
import { StartupError } from './startup-error';
import type { Database } from './types';

export type DbKind = 'pglite' | 'postgres';

export interface DbHandle {
	db: Kysely<Database>;
	kind: DbKind;
	/** Where the data lives, without credentials, for messages and logs. */
	where: string;
	/** The embedded instance itself (for its own dump and restore); absent on PostgreSQL. */
	pglite?: PGlite;
	/** The connection string (PostgreSQL only), for pg_dump and pg_restore. */
	url?: string;
	/** The connection pool (PostgreSQL only); the tests watch how many connections a page takes. */
	pool?: pg.Pool;
	close(): Promise<void>;
}

export interface DbOptions {
	/** PostgreSQL connection string; when set, PGlite is not used. */
	databaseUrl?: string;
	/** PGlite data directory, or 'memory://' for a throw-away database. */
	dataDir?: string;
}

/**
 * Connections per app process on PostgreSQL when DATABASE_POOL_SIZE is not set. A cold dashboard
 * holds at most 6 at once and sends about 30 statements (two result-cache computations on their
 * advisory-lock connections, the cache writes, the period presets and the indicator texts; see
 * tests/db-pool.test.ts), so 20 serves two cold pages and a few warm ones at the same moment. Two
 * app processes and the job worker stay well under PostgreSQL's default max_connections of 100.
 */
export const DEFAULT_POOL_SIZE = 20;

/** DATABASE_POOL_SIZE as a number of connections: a whole number from 2, else the default. */
export function poolSizeFromEnv(env: NodeJS.ProcessEnv = process.env): number {
	const raw = env.DATABASE_POOL_SIZE?.trim();
	if (!raw) return DEFAULT_POOL_SIZE;
	const size = Number(raw);
	if (!Number.isInteger(size) || size < 2)
		throw new StartupError(
			`DATABASE_POOL_SIZE moet een geheel getal van 2 of meer zijn (nu: ${raw}); laat het leeg voor ${DEFAULT_POOL_SIZE}.`
		);
	return size;
}

/**
 * The embedded database's shared buffers when PGLITE_SHARED_BUFFERS is not set. PGlite keeps
 * them inside its WebAssembly memory and touches all of them at start, so PostgreSQL's 128MB is
 * 128 MB of resident memory from the first second; with 16MB a restarted app on the demo data
 * stays around 120 MB lower (docs/prestaties.md). The data files still sit in the operating
 * system's file cache, so reads that miss the buffers cost a copy, not a disk read.
 */
export const DEFAULT_PGLITE_SHARED_BUFFERS = '16MB';

/** PGlite's start parameters: its own defaults, plus the shared buffers of the environment. */
export function pgliteStartParams(env: NodeJS.ProcessEnv = process.env): string[] {
	const buffers = env.PGLITE_SHARED_BUFFERS?.trim() || DEFAULT_PGLITE_SHARED_BUFFERS;
	if (!/^\d+(kB|MB|GB)$/.test(buffers))
		throw new StartupError(
			`PGLITE_SHARED_BUFFERS moet een hoeveelheid geheugen zijn zoals 16MB of 128MB (nu: ${buffers}).`
		);
	return [...PGlite.defaultStartParams, '-c', `shared_buffers=${buffers}`];
}

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

// Counts and sums come back as numbers from both databases, dates as 'YYYY-MM-DD' text.
const toNumber = (value: string) => Number(value);
const keepText = (value: string) => value;

export async function openDatabase(options: DbOptions): Promise<DbHandle> {
	return options.databaseUrl
		? openPostgres(options.databaseUrl)
		: openPglite(options.dataDir ?? './data');
}

function describeUrl(url: string): string {
	try {
		const parsed = new URL(url);
		return `PostgreSQL ${parsed.hostname}:${parsed.port || 5432}/${parsed.pathname.slice(1)}`;
	} catch {
		throw new StartupError(
			'DATABASE_URL is geen geldige PostgreSQL-URL; verwacht bijvoorbeeld postgres://gebruiker:wachtwoord@host:5432/database.'
		);
	}
}

function explainPgError(error: unknown, where: string): StartupError {
	const e = error as { code?: string; message?: string };
	const reason =
		e.code === 'ECONNREFUSED'
			? 'de verbinding werd geweigerd; draait de server en klopt de poort?'
			: e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN'
				? 'de hostnaam is onbekend.'
				: e.code === '28P01' || e.code === '28000'
					? 'aanmelden mislukt; controleer gebruiker en wachtwoord.'
					: e.code === '3D000'
						? 'die database bestaat niet; maak hem aan (createdb) of corrigeer de naam.'
						: /timeout/i.test(e.message ?? '')
							? 'geen antwoord binnen 5 seconden.'
							: (e.message ?? String(error));
	return new StartupError(`Database ${where} (DATABASE_URL) is niet bruikbaar: ${reason}`, {
		cause: error
	});
}

async function openPostgres(url: string): Promise<DbHandle> {
	const where = describeUrl(url);
	const pool = new pg.Pool({
		connectionString: url,
		connectionTimeoutMillis: 5_000,
		max: poolSizeFromEnv(),
		types: {
			getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
				if (oid === INT8 || oid === NUMERIC) return toNumber;
				if (oid === DATE) return keepText;
				return pg.types.getTypeParser(oid, format);
			}) as typeof pg.types.getTypeParser
		}
	});
	// An idle client losing its connection must not crash the process (the next query
	// reconnects), but it is worth a line in the log.
	pool.on('error', (error) => log.warn({ error: error.message }, 'database connection lost'));
	// pg-pool listens for errors only while a client is idle: a connection that drops while it is
	// checked out (a transaction between two statements, the job worker's round) would emit an
	// unhandled 'error' and end the process. The statement that follows fails instead.
	pool.on('connect', (client) =>
		client.on('error', (error) =>
			log.warn({ error: error.message }, 'database connection lost during use')
		)
	);
	try {
		const client = await pool.connect();
		client.release();
	} catch (error) {
		await pool
			.end()
			.catch((e: unknown) => log.debug({ error: String(e) }, 'closing the pool failed'));
		throw explainPgError(error, where);
	}
	const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
	markPostgresServer(db as Kysely<never>);
	return { db, kind: 'postgres', where, url, pool, close: () => db.destroy() };
}

async function openPglite(dataDir: string): Promise<DbHandle> {
	if (dataDir === 'memory://') {
		const pglite = await PGlite.create({
			parsers: pgliteParsers,
			startParams: pgliteStartParams()
		});
		const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
		return {
			db,
			kind: 'pglite',
			where: 'PGlite (in het geheugen)',
			pglite,
			close: () => db.destroy()
		};
	}
	const dir = resolve(dataDir);
	try {
		mkdirSync(dir, { recursive: true });
		accessSync(dir, constants.W_OK);
	} catch (error) {
		throw new StartupError(
			`DATA_DIR ${dir} is niet schrijfbaar (${(error as NodeJS.ErrnoException).code ?? 'onbekende fout'}): ` +
				'kies een map waarin dit proces mag schrijven, of pas de rechten aan.',
			{ cause: error }
		);
	}
	const unlock = lockDataDir(dir);
	let pglite: PGlite;
	try {
		pglite = await PGlite.create(join(dir, 'pglite'), {
			parsers: pgliteParsers,
			startParams: pgliteStartParams()
		});
	} catch (error) {
		unlock();
		throw new StartupError(
			`De ingebouwde database in ${dir} kon niet worden geopend: ${(error as Error).message}`,
			{ cause: error }
		);
	}
	const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
	return {
		db,
		kind: 'pglite',
		where: `PGlite in ${dir}`,
		pglite,
		close: async () => {
			await db.destroy();
			unlock();
		}
	};
}

export const pgliteParsers = { [INT8]: toNumber, [NUMERIC]: toNumber, [DATE]: keepText };
