import { getDb } from '../db/index';
import { createAuth, type Auth } from './better-auth';
import { resolveAuthSecret } from './secret';

let secret: Promise<string> | undefined;
const instances = new Map<string, Auth>();

/**
 * The app's better-auth instance for the origin of this request (adapter-node derives it from
 * ORIGIN, or from the Host header and PROTOCOL_HEADER behind a proxy): https makes cookies Secure.
 */
export async function appAuth(url: URL): Promise<Auth> {
	secret ??= resolveAuthSecret(getDb()).catch((error) => {
		secret = undefined;
		throw error;
	});
	const value = await secret;
	let auth = instances.get(url.origin);
	if (!auth) {
		if (instances.size >= 8) instances.clear();
		auth = createAuth(getDb(), { secret: value, baseURL: url.origin });
		instances.set(url.origin, auth);
	}
	return auth;
}
