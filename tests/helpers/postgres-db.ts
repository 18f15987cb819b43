import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A fresh, empty PostgreSQL database on the server of DATABASE_URL, dropped again by `drop`. */
export async function createPostgresDatabase(prefix = 'jaarbeeld_e2e'): Promise<{
	url: string;
	drop: () => Promise<void>;
}> {
	const base = process.env.DATABASE_URL;
	if (!base) throw new Error('DATABASE_URL is niet gezet');
	const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
	await admin(base, `create database ${name}`);
	const url = new URL(base);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		drop: () => admin(base, `drop database if exists ${name} with (force)`)
	};
}

async function admin(url: string, text: string): Promise<void> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await client.query(text);
	} finally {
		await client.end();
	}
}
