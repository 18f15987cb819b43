// A worker process for tests/jobs-processes.test.ts: opens DATABASE_URL, says it is ready, waits for
// the go file (so two of them start together),
// runs due jobs one at a time until none is left, and prints how many it ran.
import { existsSync, writeFileSync } from 'node:fs';
import { openDatabase } from '../../src/lib/server/db/connect';
import { runDueJobs } from '../../src/lib/server/jobs/worker';
import { HANDLERS } from '../../src/lib/server/notifications/handlers';

const handle = await openDatabase({ databaseUrl: process.env.DATABASE_URL });
const go = process.env.WORKER_GO_FILE ?? '';
if (process.env.WORKER_READY_FILE) writeFileSync(process.env.WORKER_READY_FILE, '');
while (go && !existsSync(go)) await new Promise((r) => setTimeout(r, 20));
let total = 0;
for (;;) {
	const ran = await runDueJobs(handle.db, { handlers: HANDLERS, limit: 1 });
	total += ran;
	if (ran === 0) break;
}
console.log(`WORKER-RESULT ${total}`);
await handle.close();
