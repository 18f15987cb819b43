// Parsing a workbook is CPU and memory work on the event loop: a few at once per process keep
// the server answering (issue 13: three large uploads at once made /healthz answer 503).

/** Imports that read and store at the same time, per process. */
export const MAX_CONCURRENT_IMPORTS = 2;
/** More waiting than this are refused with BUSY instead of queueing without end. */
const MAX_WAITING_IMPORTS = 4;
export const BUSY =
	'Er worden nu al meer bestanden tegelijk ingelezen. Probeer het over een minuut opnieuw.';

/** Thrown when too many imports are running and waiting in this process. */
export class ImportBusy extends Error {
	constructor() {
		super(BUSY);
	}
}

let running = 0;
const waiting: (() => void)[] = [];

/** Runs `work` when fewer than MAX_CONCURRENT_IMPORTS run; refuses when too many wait. */
export async function withImportSlot<T>(work: () => Promise<T>): Promise<T> {
	if (running >= MAX_CONCURRENT_IMPORTS) {
		if (waiting.length >= MAX_WAITING_IMPORTS) throw new ImportBusy();
		await new Promise<void>((resolve) => waiting.push(resolve));
	} else running++;
	try {
		return await work();
	} finally {
		const next = waiting.shift();
		if (next) next();
		else running--;
	}
}
