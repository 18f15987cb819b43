// A real OpenID Connect provider (the oidc-provider package) for the tests, in its own process:
// node tests/helpers/oidc-provider-server.mjs, configured by the JSON in OIDC_TEST_CONFIG.
// Faults a real provider can have are options: a clock that is off (ID tokens that expired
// before they arrive) and a published key set that does not match the signing key.
import { generateKeyPairSync } from 'node:crypto';

const config = JSON.parse(process.env.OIDC_TEST_CONFIG ?? '{}');

if (config.clockOffsetSeconds) {
	// This process only: everything the provider signs or times is off by this much.
	const realNow = Date.now;
	Date.now = () => realNow() + config.clockOffsetSeconds * 1000;
}

const { default: Provider } = await import('oidc-provider');

const signingKey = {
	...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
	kid: 'test-key',
	alg: 'RS256',
	use: 'sig'
};
// Another key published under the same key id: signatures no longer verify.
const otherPublic = {
	...generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' }),
	kid: 'test-key',
	alg: 'RS256',
	use: 'sig'
};

const accounts = new Map(config.accounts.map((a) => [a.login, a]));

const provider = new Provider(config.issuer, {
	clients: config.clients.map((c) => ({
		client_id: c.clientId,
		client_secret: c.clientSecret,
		redirect_uris: c.redirectUris,
		grant_types: ['authorization_code'],
		response_types: ['code'],
		token_endpoint_auth_method: 'client_secret_basic'
	})),
	jwks: { keys: [signingKey] },
	claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
	async findAccount(_ctx, id) {
		const account = accounts.get(id);
		if (!account) return undefined;
		return {
			accountId: id,
			async claims() {
				return {
					sub: account.sub ?? id,
					email: account.email,
					email_verified: account.emailVerified,
					name: account.name
				};
			}
		};
	},
	// First-party test client: no consent screen, the grant is given on login.
	async loadExistingGrant(ctx) {
		const grantId =
			ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
		if (grantId) return ctx.oidc.provider.Grant.find(grantId);
		const grant = new ctx.oidc.provider.Grant({
			clientId: ctx.oidc.client.clientId,
			accountId: ctx.oidc.session.accountId
		});
		grant.addOIDCScope('openid email profile');
		await grant.save();
		return grant;
	},
	pkce: { required: () => true },
	ttl: { IdToken: config.idTokenSeconds ?? 3600 },
	cookies: { keys: ['test-cookie-key-0123456789abcdef'] },
	features: { devInteractions: { enabled: true } }
});

if (config.wrongKeys)
	provider.use(async (ctx, next) => {
		if (ctx.path === '/jwks') {
			ctx.type = 'application/jwk-set+json';
			ctx.body = { keys: [otherPublic] };
			return;
		}
		await next();
	});

const server = provider.listen(config.port, '127.0.0.1', () => {
	process.stdout.write(`ready ${config.issuer}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
