import { spawn } from 'node:child_process';
import { freePort } from '../../scripts/free-port';

export interface TestAccount {
	/** What one types as "login" on the provider's page; also the subject unless `sub` is set. */
	login: string;
	sub?: string;
	email: string;
	emailVerified: boolean;
	name: string;
}

export interface TestClient {
	clientId: string;
	clientSecret: string;
	redirectUris: string[];
}

export interface ProviderOptions {
	accounts: TestAccount[];
	clients: TestClient[];
	/** Shifts this provider's clock (seconds; negative: behind). */
	clockOffsetSeconds?: number;
	idTokenSeconds?: number;
	/** Publish a key set that does not hold the signing key. */
	wrongKeys?: boolean;
}

export interface RunningProvider {
	issuer: string;
	stop: () => Promise<void>;
}

/** Starts a real OpenID Connect provider (oidc-provider) on 127.0.0.1 in its own process. */
export async function startOidcProvider(options: ProviderOptions): Promise<RunningProvider> {
	const port = await freePort();
	const issuer = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, ['tests/helpers/oidc-provider-server.mjs'], {
		env: { ...process.env, OIDC_TEST_CONFIG: JSON.stringify({ ...options, port, issuer }) },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	await new Promise<void>((resolve, reject) => {
		child.stdout.on('data', (chunk) => {
			output += chunk;
			if (output.includes(`ready ${issuer}`)) resolve();
		});
		child.stderr.on('data', (chunk) => (output += chunk));
		child.once('exit', (code) => reject(new Error(`OIDC provider exited (${code}):\n${output}`)));
	});
	return {
		issuer,
		stop: async () => {
			if (child.exitCode === null) child.kill('SIGTERM');
			await exited;
		}
	};
}

/**
 * Signs in at the provider as a person would, without a browser: follows the authorization URL to
 * the provider's login page, submits the login, and returns the URL the provider sends the browser
 * back to (the redirect URL with code and state), without visiting it.
 */
export async function loginAtProvider(authorizationUrl: URL, login: string): Promise<URL> {
	const jar = new Map<string, string>();
	const remember = (response: Response) => {
		for (const line of response.headers.getSetCookie()) {
			const [pair] = line.split(';');
			const at = pair.indexOf('=');
			jar.set(pair.slice(0, at), pair.slice(at + 1));
		}
	};
	const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
	let url = new URL(authorizationUrl);
	let init: RequestInit = {};
	const origin = authorizationUrl.origin;
	for (let hop = 0; hop < 10; hop++) {
		const response = await fetch(url, {
			...init,
			redirect: 'manual',
			headers: { ...(init.headers as Record<string, string>), cookie: cookie() }
		});
		remember(response);
		const location = response.headers.get('location');
		if (location) {
			const next = new URL(location, url);
			if (next.origin !== origin) return next;
			url = next;
			init = {};
			continue;
		}
		const html = await response.text();
		const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
		if (!action || !html.includes('name="login"'))
			throw new Error(`unexpected provider page (${response.status}): ${html.slice(0, 300)}`);
		url = new URL(action, url);
		init = {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ prompt: 'login', login, password: 'wat-dan-ook' }).toString()
		};
	}
	throw new Error('the provider did not send the browser back');
}
