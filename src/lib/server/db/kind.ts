import type { Kysely } from 'kysely';

// Which Kysely instances talk to a PostgreSQL server (a pool that other processes share), as
// opposed to the embedded PGlite (one process, one connection). Code that coordinates processes
// (advisory locks) or holds a second connection while it waits needs to know.
const servers = new WeakSet<Kysely<never>>();

export function markPostgresServer(db: Kysely<never>): void {
	servers.add(db);
}

export function isPostgresServer(db: Kysely<never>): boolean {
	return servers.has(db);
}
