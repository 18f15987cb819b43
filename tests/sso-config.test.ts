import { describe, expect, it } from 'vitest';
import { domainFits, environmentProviders } from '../src/lib/server/auth/sso/providers';
import { decryptSecret, encryptSecret, secretKey } from '../src/lib/server/auth/sso/secret-box';

// Sign-in configuration from the environment; each mistake names its variable (the app stops at
// start with that line: startup.ts reads both before it opens the database).
describe('sign-in configuration from the environment', () => {
	const env = {
		SSO_PROVIDERS: 'surfconext, eduid',
		SSO_SURFCONEXT_NAME: 'SURFconext',
		SSO_SURFCONEXT_ISSUER: 'https://connect.surfconext.nl',
		SSO_SURFCONEXT_CLIENT_ID: 'jaarbeeld.werkplaats.nl',
		SSO_SURFCONEXT_CLIENT_SECRET: 'geheim',
		SSO_SURFCONEXT_DOMAINS: 'hogeschool.nl, @partner.nl',
		SSO_EDUID_ISSUER: 'https://connect.eduid.nl',
		SSO_EDUID_CLIENT_ID: 'jaarbeeld',
		SSO_EDUID_CLIENT_SECRET: 'ander-geheim'
	};

	it('reads SSO_PROVIDERS and the variables per key', () => {
		const providers = environmentProviders(env);
		expect(providers).toMatchObject([
			{
				key: 'surfconext',
				name: 'SURFconext',
				issuer: 'https://connect.surfconext.nl',
				clientSecret: 'geheim',
				emailDomains: ['hogeschool.nl', 'partner.nl'],
				source: 'environment'
			},
			{ key: 'eduid', name: 'eduid', emailDomains: [] }
		]);
		expect(environmentProviders({})).toEqual([]);
		expect(domainFits(providers[0], 'kim@staf.hogeschool.nl')).toBe(true);
		expect(domainFits(providers[0], 'kim@nothogeschool.nl')).toBe(false);
		expect(domainFits(providers[1], 'wie@dan.ook')).toBe(true);
	});

	it('names the variable that is wrong', () => {
		expect(() =>
			environmentProviders({ ...env, SSO_EDUID_ISSUER: 'http://connect.eduid.nl' })
		).toThrow(/SSO_EDUID_ISSUER: .*https:\/\//);
		expect(() => environmentProviders({ ...env, SSO_EDUID_CLIENT_SECRET: '' })).toThrow(
			/SSO_EDUID_CLIENT_SECRET/
		);
		expect(() => environmentProviders({ ...env, SSO_PROVIDERS: 'Surf Conext' })).toThrow(
			/SSO_PROVIDERS: 'Surf Conext'/
		);
	});

	it('encrypts client secrets with SSO_SECRET_KEY and detects another key or a change', () => {
		expect(secretKey({})).toBeNull();
		expect(() => secretKey({ SSO_SECRET_KEY: 'kort' })).toThrow(/SSO_SECRET_KEY is te kort/);
		const key = secretKey({ SSO_SECRET_KEY: 'a'.repeat(40) })!;
		const other = secretKey({ SSO_SECRET_KEY: 'b'.repeat(40) })!;
		const sealed = encryptSecret(key, 'het geheim');
		expect(sealed).not.toContain('het geheim');
		expect(encryptSecret(key, 'het geheim')).not.toBe(sealed);
		expect(decryptSecret(key, sealed)).toBe('het geheim');
		expect(decryptSecret(other, sealed)).toBeNull();
		const parts = sealed.split(':');
		parts[3] = parts[3].replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
		expect(decryptSecret(key, parts.join(':'))).toBeNull();
		expect(decryptSecret(key, 'onzin')).toBeNull();
	});
});
