import { betterAuth } from 'better-auth';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types';
import { hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, verifyPassword } from './password';

export interface AuthOptions {
	/** Signs the session cookie: BETTER_AUTH_SECRET, or the generated one (see secret.ts). */
	secret: string;
	/** The app's origin, e.g. https://jaarbeeld.example.nl; https makes the cookies Secure. */
	baseURL: string;
}

export const SESSION_DAYS = 7;

/**
 * better-auth on our own Kysely instance (PGlite or pg alike). Its tables are created by our
 * migrations (auth_user, auth_session, auth_account, auth_verification, snake_case columns); our
 * app_users row points at its user through app_users.auth_user_id.
 *
 * Only its server API is used (sign-in, session lookup, sign-out): its HTTP handler is not
 * mounted, so none of its endpoints (sign-up among them) is reachable from outside. Users are
 * created, changed and given passwords by lib/server/users in our own transactions.
 */
export function createAuth(db: Kysely<Database>, options: AuthOptions) {
	return betterAuth({
		appName: 'Jaarbeeld',
		baseURL: options.baseURL,
		secret: options.secret,
		database: { db, type: 'postgres' },
		telemetry: { enabled: false },
		logger: { level: 'error' },
		emailAndPassword: {
			enabled: true,
			disableSignUp: true,
			minPasswordLength: PASSWORD_MIN_LENGTH,
			maxPasswordLength: PASSWORD_MAX_LENGTH,
			password: {
				hash: hashPassword,
				verify: ({ hash, password }) => verifyPassword(hash, password)
			}
		},
		user: {
			modelName: 'auth_user',
			fields: {
				emailVerified: 'email_verified',
				createdAt: 'created_at',
				updatedAt: 'updated_at'
			}
		},
		session: {
			modelName: 'auth_session',
			expiresIn: SESSION_DAYS * 24 * 60 * 60,
			updateAge: 24 * 60 * 60,
			// Every request reads the session from the database, so ending it there ends it at once.
			cookieCache: { enabled: false },
			fields: {
				expiresAt: 'expires_at',
				createdAt: 'created_at',
				updatedAt: 'updated_at',
				ipAddress: 'ip_address',
				userAgent: 'user_agent',
				userId: 'user_id'
			}
		},
		account: {
			modelName: 'auth_account',
			fields: {
				accountId: 'account_id',
				providerId: 'provider_id',
				userId: 'user_id',
				accessToken: 'access_token',
				refreshToken: 'refresh_token',
				idToken: 'id_token',
				accessTokenExpiresAt: 'access_token_expires_at',
				refreshTokenExpiresAt: 'refresh_token_expires_at',
				createdAt: 'created_at',
				updatedAt: 'updated_at'
			}
		},
		verification: {
			modelName: 'auth_verification',
			fields: {
				expiresAt: 'expires_at',
				createdAt: 'created_at',
				updatedAt: 'updated_at'
			}
		},
		// Throttling is ours (auth/throttle.ts), counted in the database for every app process.
		rateLimit: { enabled: false },
		advanced: {
			cookiePrefix: 'jaarbeeld',
			useSecureCookies: options.baseURL.startsWith('https:'),
			defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', path: '/' }
		}
	});
}

export type Auth = ReturnType<typeof createAuth>;
