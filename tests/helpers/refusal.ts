import { expect } from 'vitest';
import { ActionError } from '../../src/lib/server/errors';

/** The ActionError a refused service call throws; fails the test when the call succeeds. */
export async function refusal(promise: Promise<unknown>): Promise<ActionError> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(ActionError);
	return error as ActionError;
}
