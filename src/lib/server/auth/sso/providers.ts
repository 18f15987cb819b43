import { z } from 'zod';
import type { Executor } from '../../audit/index';
import { StartupError } from '../../db/startup-error';
import { providerFields, providerKey } from './provider-schema';
import { decryptSecret, secretKey } from './secret-box';

/** A provider someone can sign in through: from the database or from environment variables. */
export interface SignInProvider {
	key: string;
	/** On the button: "Inloggen met <name>". */
	name: string;
	issuer: string;
	clientId: string;
	/** Null when the stored secret cannot be decrypted (SSO_SECRET_KEY missing or changed). */
	clientSecret: string | null;
	/** The e-mail domains it is meant for; empty: any. */
	emailDomains: string[];
	source: 'database' | 'environment';
	/** sign_in_providers.id and version, for a provider from the database. */
	id: number | null;
	version: number | null;
}

/** What the sign-in page may show about a provider. */
export type ProviderButton = Pick<SignInProvider, 'key' | 'name'>;

const envName = (key: string, field: string) =>
	`SSO_${key.toUpperCase().replace(/-/g, '_')}_${field}`;

/**
 * Providers configured through the environment, for installations that keep secrets out of the
 * database: SSO_PROVIDERS=surfconext,eduid and per key SSO_<KEY>_ISSUER, _CLIENT_ID,
 * _CLIENT_SECRET, _NAME and (optionally) _DOMAINS. A mistake stops the app at start.
 */
export function environmentProviders(env: NodeJS.ProcessEnv = process.env): SignInProvider[] {
	const keys = (env.SSO_PROVIDERS ?? '')
		.split(',')
		.map((k) => k.trim())
		.filter(Boolean);
	return keys.map((rawKey) => {
		const key = providerKey.safeParse(rawKey);
		if (!key.success)
			throw new StartupError(
				`SSO_PROVIDERS: '${rawKey}' is geen geldige sleutel. ${key.error.issues[0].message}`
			);
		const read = (field: string) => env[envName(key.data, field)] ?? '';
		const parsed = z
			.object({ ...providerFields, clientSecret: z.string().min(1, 'ontbreekt.') })
			.safeParse({
				name: read('NAME') || key.data,
				issuer: read('ISSUER'),
				clientId: read('CLIENT_ID'),
				clientSecret: read('CLIENT_SECRET'),
				emailDomains: read('DOMAINS')
			});
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			const field =
				{
					name: 'NAME',
					issuer: 'ISSUER',
					clientId: 'CLIENT_ID',
					clientSecret: 'CLIENT_SECRET',
					emailDomains: 'DOMAINS'
				}[String(issue.path[0])] ?? 'ISSUER';
			throw new StartupError(`${envName(key.data, field)}: ${issue.message}`);
		}
		return {
			key: key.data,
			...parsed.data,
			source: 'environment' as const,
			id: null,
			version: null
		};
	});
}

/** Every provider, environment first; a database provider never shadows one from the environment. */
export async function listProviders(
	db: Executor,
	env: NodeJS.ProcessEnv = process.env
): Promise<SignInProvider[]> {
	const fromEnv = environmentProviders(env);
	const rows = await db
		.selectFrom('sign_in_providers')
		.selectAll()
		.orderBy('display_name')
		.execute();
	const key = secretKey(env);
	const fromDb = rows
		.filter((r) => !fromEnv.some((p) => p.key === r.key))
		.map((r): SignInProvider => ({
			key: r.key,
			name: r.display_name,
			issuer: r.issuer,
			clientId: r.client_id,
			clientSecret: key ? decryptSecret(key, r.client_secret_encrypted) : null,
			emailDomains: (r.email_domains as unknown[]).filter((d) => typeof d === 'string'),
			source: 'database',
			id: r.id,
			version: r.version
		}));
	return [...fromEnv, ...fromDb];
}

export async function findProvider(db: Executor, key: string): Promise<SignInProvider | null> {
	return (await listProviders(db)).find((p) => p.key === key) ?? null;
}

export async function providerButtons(db: Executor): Promise<ProviderButton[]> {
	return (await listProviders(db)).map(({ key, name }) => ({ key, name }));
}

/** Whether an e-mail address belongs to the provider's domains (any, when it lists none). */
export function domainFits(provider: Pick<SignInProvider, 'emailDomains'>, email: string): boolean {
	if (provider.emailDomains.length === 0) return true;
	const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
	return provider.emailDomains.some((d) => domain === d || domain.endsWith(`.${d}`));
}
