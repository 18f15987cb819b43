import * as client from 'openid-client';
import { INACTIVE } from '../sign-in';

/** Why a sign-in through a provider was refused; each has its own Dutch message. */
export const FAULTS = [
	'unknown_provider',
	'misconfigured',
	'unreachable',
	'client',
	'cancelled',
	'state',
	'token',
	'token_expired',
	'email_unverified',
	'domain',
	'linked_elsewhere',
	'inactive',
	'no_account'
] as const;

export type Fault = (typeof FAULTS)[number];

export class SignInRefused extends Error {
	constructor(
		readonly fault: Fault,
		/** For the log line: a library's error code or our reason, never a token or secret. */
		readonly detail?: string
	) {
		super(fault);
	}
}

export const isFault = (value: string | null): value is Fault =>
	(FAULTS as readonly string[]).includes(value ?? '');

/** The message on the sign-in page; `name` is the provider's display name. */
export function faultMessage(fault: Fault, name: string): string {
	switch (fault) {
		case 'unknown_provider':
			return 'Deze manier van inloggen bestaat niet (meer). Kies een van de knoppen hieronder.';
		case 'misconfigured':
			return `Inloggen met ${name} is niet goed ingesteld. Meld dit aan het management van de werkplaats.`;
		case 'unreachable':
			return `${name} is nu niet bereikbaar. Probeer het over een paar minuten opnieuw.`;
		case 'client':
			return `${name} weigert de gegevens waarmee Jaarbeeld zich aanmeldt (client id of geheim). Meld dit aan het management van de werkplaats.`;
		case 'cancelled':
			return `Het inloggen bij ${name} is afgebroken of geweigerd. Probeer het opnieuw.`;
		case 'state':
			return 'Deze inlogpoging is verlopen, al gebruikt of niet in deze browser begonnen. Begin opnieuw met de knop hieronder.';
		case 'token':
			return `Het antwoord van ${name} kon niet worden gecontroleerd (ongeldige handtekening of niet voor Jaarbeeld bestemd). Er is niets gewijzigd; meld het aan het management als het blijft gebeuren.`;
		case 'token_expired':
			return `Het antwoord van ${name} is verlopen of nog niet geldig (lopen de klokken gelijk?). Probeer het opnieuw.`;
		case 'email_unverified':
			return `${name} geeft geen bevestigd e-mailadres door. Bevestig je e-mailadres bij ${name} en probeer het opnieuw.`;
		case 'domain':
			return `Je e-mailadres hoort niet bij ${name}. Kies een andere manier van inloggen.`;
		case 'linked_elsewhere':
			return `Je Jaarbeeld-account is al gekoppeld aan een ander account bij ${name}. Log in met dat account, of vraag het management om de koppeling te verwijderen.`;
		case 'inactive':
			return INACTIVE;
		case 'no_account':
			return 'Je hebt nog geen account in Jaarbeeld; vraag het management van de werkplaats.';
	}
}

/** Sorts a library error into a fault; the detail names the error, never its content. */
export function faultOf(error: unknown): SignInRefused {
	if (error instanceof SignInRefused) return error;
	if (error instanceof client.AuthorizationResponseError)
		return new SignInRefused('cancelled', `authorization response: ${error.error}`);
	if (error instanceof client.ResponseBodyError)
		return new SignInRefused(
			error.error === 'invalid_client' || error.error === 'unauthorized_client'
				? 'client'
				: 'token',
			`response body: ${error.error} (${error.status})`
		);
	// A 401 with a WWW-Authenticate challenge: the token endpoint did not accept our client.
	if (error instanceof client.WWWAuthenticateChallengeError)
		return new SignInRefused(
			error.status === 401 ? 'client' : 'token',
			`challenge (${error.status}): ${error.cause.map((c) => c.scheme).join(', ')}`
		);
	if (error instanceof client.ClientError) {
		const code = error.code ?? 'unknown';
		if (code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED')
			return new SignInRefused('token_expired', code);
		if (
			[
				'OAUTH_TIMEOUT',
				'OAUTH_ABORT',
				'OAUTH_RESPONSE_IS_NOT_CONFORM',
				'OAUTH_RESPONSE_IS_NOT_JSON'
			].includes(code) ||
			(code === 'unknown' && error.cause instanceof TypeError)
		)
			return new SignInRefused('unreachable', code);
		if (code === 'OAUTH_INVALID_SERVER_METADATA' || code === 'OAUTH_MISSING_SERVER_METADATA')
			return new SignInRefused('misconfigured', code);
		return new SignInRefused('token', `${code}: ${causeMessage(error)}`);
	}
	if (error instanceof TypeError) return new SignInRefused('unreachable', causeMessage(error));
	throw error;
}

function causeMessage(error: Error): string {
	const cause = error.cause;
	const text = cause instanceof Error ? `${error.message} / ${cause.message}` : error.message;
	return text.slice(0, 200);
}
