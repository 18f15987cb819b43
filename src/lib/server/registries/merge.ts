import type { SessionUser } from '../auth/guards';
import { recordAudit, type Executor } from '../audit/index';
import { ActionError } from '../errors';

// What merging two register entries (organisations, wijken) has in common: locking the pair and
// the two audit entries that say what moved where.

/** Both rows locked in id order (two merges of the same pair cannot deadlock), or a refusal. */
export async function lockPair<T>(
	survivorId: number,
	removedId: number,
	lock: (id: number) => Promise<T | undefined>,
	what: string
): Promise<{ survivor: T; removed: T }> {
	if (survivorId === removedId)
		throw new ActionError(`Kies twee verschillende ${what} om samen te voegen.`, 400);
	const [first, second] = [survivorId, removedId].sort((a, b) => a - b);
	const rows = new Map<number, T | undefined>();
	rows.set(first, await lock(first));
	rows.set(second, await lock(second));
	const survivor = rows.get(survivorId);
	const removed = rows.get(removedId);
	if (!survivor || !removed)
		throw new ActionError(
			`Een van de twee ${what} bestaat niet meer (intussen samengevoegd of verwijderd). Er is niets gewijzigd.`,
			409
		);
	return { survivor, removed };
}

/** One entry on the survivor (what moved) and one on the removed entry (where it went). */
export async function auditMerge<T extends { id: number; name: string }>(
	trx: Executor,
	actor: SessionUser,
	entity: 'organisation' | 'location',
	pair: { survivor: T; removed: T },
	audited: (row: T) => Record<string, unknown>,
	moved: Record<string, unknown>
): Promise<void> {
	const { survivor, removed } = pair;
	await recordAudit(trx, {
		actorId: actor.id,
		entity,
		entityId: survivor.id,
		action: 'merge',
		before: { survivor: audited(survivor), removed: { id: removed.id, ...audited(removed) } },
		after: { survivor: audited(survivor), ...moved }
	});
	await recordAudit(trx, {
		actorId: actor.id,
		entity,
		entityId: removed.id,
		action: 'merged_into',
		before: audited(removed),
		after: { mergedInto: survivor.id, name: survivor.name }
	});
}
