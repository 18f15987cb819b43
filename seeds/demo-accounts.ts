// Demo passwords: every app_user the demo seed created can sign in with `jaarbeeld-demo`.
// Called at the end of seedDemo's transaction, so demo accounts exist only where the demo data was
// loaded. The app warns on every page while such an account is active on a PostgreSQL database.
import type { Transaction } from 'kysely';
import { DEMO_PASSWORD } from '../src/lib/server/auth/demo-warning';
import type { Database } from '../src/lib/server/db/types';
import { giveUsersPassword } from '../src/lib/server/users/passwords';

export { DEMO_PASSWORD };

/** Gives the seeded accounts (by e-mail) the demo password; returns how many got it. */
export async function setDemoPasswords(
	trx: Transaction<Database>,
	emails: string[]
): Promise<number> {
	return giveUsersPassword(trx, emails, DEMO_PASSWORD);
}
