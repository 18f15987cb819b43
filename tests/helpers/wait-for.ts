/**
 * Waits until `condition` holds, checking again after each short pause; fails after `timeoutMs`.
 * For tests that must wait for something another process or connection does (never a fixed sleep).
 */
export async function waitFor(
	condition: () => boolean | Promise<boolean>,
	{ timeoutMs = 10_000, what = 'de voorwaarde' }: { timeoutMs?: number; what?: string } = {}
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await condition()) return;
		if (Date.now() > deadline)
			throw new Error(`Wachten op ${what} duurde langer dan ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}
