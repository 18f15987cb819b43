// See https://svelte.dev/docs/kit/types#app.d.ts
import type { SessionUser } from '$lib/server/auth/guards';

declare global {
	namespace App {
		interface Error {
			message: string;
			requestId?: string;
		}
		interface Locals {
			/** Set by the request log; echoed as the X-Request-Id response header. */
			requestId: string;
			/** Null for anonymous visitors; resolved from the session cookie in hooks.server.ts. */
			user: SessionUser | null;
		}
	}
}

export {};
