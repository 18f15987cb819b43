import { createHash } from 'node:crypto';
import * as client from 'openid-client';
import { SignInRefused } from './faults';
import { isLoopback } from './provider-schema';
import type { SignInProvider } from './providers';

/** Seconds an ID token's exp/iat/nbf may be off: a bounded clock skew between the two servers. */
export const CLOCK_TOLERANCE_SECONDS = 30;
/** Milliseconds one request to a provider (discovery, JWKS, token, userinfo) may take. */
const REQUEST_TIMEOUT_MS = 10_000;
/** Discovery documents are kept this long; a failed discovery is not kept. */
const DISCOVERY_TTL_MS = 10 * 60_000;

const configs = new Map<string, { at: number; config: Promise<client.Configuration> }>();

const cacheKey = (p: SignInProvider) =>
	createHash('sha256')
		.update([p.key, p.issuer, p.clientId, p.clientSecret ?? ''].join('\n'))
		.digest('hex');

/**
 * The provider's metadata and keys, from its discovery document (openid-client). ID tokens are
 * checked on signature (against the provider's JWKS: enableNonRepudiationChecks), issuer,
 * audience, expiry (with CLOCK_TOLERANCE_SECONDS) and nonce by the library, never by our code.
 */
export function providerConfig(provider: SignInProvider & { clientSecret: string }) {
	const key = cacheKey(provider);
	const cached = configs.get(key);
	if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.config;
	if (configs.size > 50) configs.clear();
	const config = client.discovery(
		new URL(provider.issuer),
		provider.clientId,
		{ [client.clockTolerance]: CLOCK_TOLERANCE_SECONDS },
		client.ClientSecretBasic(provider.clientSecret),
		{
			timeout: REQUEST_TIMEOUT_MS / 1000,
			// Plain http only for a provider on this machine (tests); anything else must be https.
			execute: [
				client.enableNonRepudiationChecks,
				...(isLoopback(provider.issuer) ? [client.allowInsecureRequests] : [])
			]
		}
	);
	config.catch(() => configs.delete(key));
	configs.set(key, { at: Date.now(), config });
	return config;
}

/** Forget cached discovery documents (after management changes a provider). */
export function forgetProviderConfigs(): void {
	configs.clear();
}

export interface AuthorizationStart {
	url: URL;
	state: string;
	nonce: string;
	codeVerifier: string;
}

/** Authorization Code with PKCE (S256), a fresh state and nonce; only the scopes we need. */
export async function startAuthorization(
	config: client.Configuration,
	redirectUri: string
): Promise<AuthorizationStart> {
	const codeVerifier = client.randomPKCECodeVerifier();
	const state = client.randomState();
	const nonce = client.randomNonce();
	const url = client.buildAuthorizationUrl(config, {
		redirect_uri: redirectUri,
		scope: 'openid email profile',
		response_type: 'code',
		code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
		code_challenge_method: 'S256',
		state,
		nonce
	});
	return { url, state, nonce, codeVerifier };
}

/** The identity claims we use: the subject, and the e-mail address with its verification. */
export interface IdentityClaims {
	issuer: string;
	subject: string;
	email: string | null;
	emailVerified: boolean;
	name: string | null;
}

/**
 * Exchanges the code (checking state, nonce, PKCE and the ID token) and reads the claims; the
 * e-mail address comes from the ID token or, when the provider keeps it there, from userinfo
 * (whose subject the library checks against the ID token's).
 */
export async function completeAuthorization(
	config: client.Configuration,
	callbackUrl: URL,
	expected: { state: string; nonce: string; codeVerifier: string }
): Promise<IdentityClaims> {
	const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
		pkceCodeVerifier: expected.codeVerifier,
		expectedState: expected.state,
		expectedNonce: expected.nonce,
		idTokenExpected: true
	});
	const claims = tokens.claims();
	if (!claims) throw new SignInRefused('token', 'no ID token in the token response');
	let source: Record<string, unknown> = claims;
	if (typeof claims.email !== 'string' && tokens.access_token)
		source = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
	return {
		issuer: claims.iss,
		subject: claims.sub,
		email: typeof source.email === 'string' ? source.email.trim().toLowerCase() : null,
		emailVerified: source.email_verified === true,
		name: typeof source.name === 'string' ? source.name : null
	};
}
