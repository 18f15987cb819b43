import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types';
import { log } from '../../log';
import type { NewSession } from '../session';
import { faultOf, SignInRefused, type Fault } from './faults';
import { signInWithIdentity } from './link';
import { completeAuthorization, providerConfig, startAuthorization } from './oidc';
import { findProvider, type SignInProvider } from './providers';

/** A started sign-in may take this long at the provider (typing a password, a second factor). */
const STATE_MINUTES = 10;

const hash = (value: string) => createHash('sha256').update(value).digest('hex');

/** Where the provider sends the browser back: register exactly this URL with the provider. */
export function redirectUri(origin: string, key: string): string {
	return `${origin}/inloggen/sso/${key}/terug`;
}

async function usableProvider(db: Kysely<Database>, key: string) {
	const provider = await findProvider(db, key);
	if (!provider) throw new SignInRefused('unknown_provider', 'no such provider');
	if (provider.clientSecret === null)
		throw new SignInRefused(
			'misconfigured',
			'client secret cannot be decrypted with SSO_SECRET_KEY'
		);
	return provider as SignInProvider & { clientSecret: string };
}

export type StartResult =
	{ ok: true; url: URL; state: string } | { ok: false; fault: Fault; name: string };

/**
 * Starts a sign-in at the provider: a state (also kept in a cookie of this browser), a nonce and
 * a PKCE verifier are stored once in sso_states; the browser goes to the provider's login page.
 */
export async function startProviderSignIn(
	db: Kysely<Database>,
	key: string,
	origin: string,
	returnTo: string
): Promise<StartResult> {
	let name = key;
	try {
		const provider = await usableProvider(db, key);
		name = provider.name;
		const config = await providerConfig(provider);
		const start = await startAuthorization(config, redirectUri(origin, key));
		await db.deleteFrom('sso_states').where('expires_at', '<', new Date()).execute();
		await db
			.insertInto('sso_states')
			.values({
				state_hash: hash(start.state),
				provider_key: key,
				code_verifier: start.codeVerifier,
				nonce: start.nonce,
				return_to: returnTo,
				expires_at: new Date(Date.now() + STATE_MINUTES * 60_000)
			})
			.execute();
		return { ok: true, url: start.url, state: start.state };
	} catch (error) {
		const refused = faultOf(error);
		logRefusal(key, 'start', refused);
		return { ok: false, fault: refused.fault, name };
	}
}

export type FinishResult =
	| { ok: true; userId: number; session: NewSession; returnTo: string; linked: boolean }
	| { ok: false; fault: Fault; name: string };

/**
 * Completes a sign-in when the provider sends the browser back. The state in the URL must equal
 * the one in this browser's cookie and is used up at once (a replay finds nothing); then the
 * library exchanges the code and verifies the ID token, and the identity is matched to an account.
 */
export async function finishProviderSignIn(
	db: Kysely<Database>,
	key: string,
	callbackUrl: URL,
	cookieState: string | undefined,
	userAgent?: string | null
): Promise<FinishResult> {
	let name = key;
	try {
		const provider = await usableProvider(db, key);
		name = provider.name;
		const state = callbackUrl.searchParams.get('state') ?? '';
		if (!state || !cookieState || state !== cookieState)
			throw new SignInRefused('state', 'state missing or not this browser’s');
		const stored = await db
			.deleteFrom('sso_states')
			.where('state_hash', '=', hash(state))
			.where('provider_key', '=', key)
			.where('expires_at', '>', new Date())
			.returning(['code_verifier', 'nonce', 'return_to'])
			.executeTakeFirst();
		if (!stored) throw new SignInRefused('state', 'state unknown, used or expired');
		const config = await providerConfig(provider);
		const claims = await completeAuthorization(config, callbackUrl, {
			state,
			nonce: stored.nonce,
			codeVerifier: stored.code_verifier
		});
		const result = await signInWithIdentity(db, provider, claims, userAgent);
		log.info({
			msg: 'sso sign-in',
			provider: key,
			userId: result.userId,
			linked: result.linked
		});
		return { ok: true, ...result, returnTo: stored.return_to };
	} catch (error) {
		const refused = faultOf(error);
		logRefusal(key, 'callback', refused);
		return { ok: false, fault: refused.fault, name };
	}
}

function logRefusal(provider: string, step: string, refused: SignInRefused): void {
	log.warn({
		msg: 'sso sign-in refused',
		provider,
		step,
		fault: refused.fault,
		detail: refused.detail
	});
}
