import type { Kysely } from 'kysely';
import { recordAudit, type Executor } from '../../audit/index';
import type { Database } from '../../db/types';
import { ActionError, ConflictError, fieldError, parseInput } from '../../errors';
import type { SessionUser } from '../guards';
import {
	lockSignInSetup,
	managementViaProviders,
	NO_MANAGEMENT_VIA_PROVIDER,
	passwordSignInEnabled
} from '../password-switch';
import { assertCan } from '../policy';
import { forgetProviderConfigs } from './oidc';
import { providerSchema, type ProviderInput } from './provider-schema';
import { environmentProviders, listProviders } from './providers';
import { encryptSecret, KEY_VARIABLE, secretKey } from './secret-box';

/** A provider on /beheer/inloggen: never its secret, only whether one is stored and usable. */
export interface ProviderRow {
	id: number | null;
	version: number | null;
	key: string;
	name: string;
	issuer: string;
	clientId: string;
	emailDomains: string[];
	source: 'database' | 'environment';
	secretUsable: boolean;
	/** Accounts that have signed in through it (linked identities at its issuer). */
	linkedAccounts: number;
}

export async function providerRows(db: Kysely<Database>): Promise<ProviderRow[]> {
	const providers = await listProviders(db);
	const counts = await db
		.selectFrom('user_identities')
		.select(['issuer', (eb) => eb.fn.countAll<number>().as('n')])
		.groupBy('issuer')
		.execute();
	return providers.map((p) => ({
		id: p.id,
		version: p.version,
		key: p.key,
		name: p.name,
		issuer: p.issuer,
		clientId: p.clientId,
		emailDomains: p.emailDomains,
		source: p.source,
		secretUsable: p.clientSecret !== null,
		linkedAccounts: Number(counts.find((c) => c.issuer === p.issuer)?.n ?? 0)
	}));
}

/** Reads the provider form; throws ValidationError with the messages per field. */
export function parseProviderForm(form: FormData): ProviderInput {
	return parseInput(providerSchema, providerFormValues(form));
}

export function providerFormValues(form: FormData) {
	return {
		key: String(form.get('key') ?? ''),
		name: String(form.get('name') ?? ''),
		issuer: String(form.get('issuer') ?? ''),
		clientId: String(form.get('clientId') ?? ''),
		clientSecret: String(form.get('clientSecret') ?? ''),
		emailDomains: String(form.get('emailDomains') ?? '')
	};
}

const audited = (input: Omit<ProviderInput, 'clientSecret'>) => ({
	key: input.key,
	name: input.name,
	issuer: input.issuer,
	clientId: input.clientId,
	emailDomains: input.emailDomains
});

function requireKey() {
	const key = secretKey();
	if (!key)
		throw fieldError(
			`Zet eerst ${KEY_VARIABLE} in de omgeving van de server (minstens 32 willekeurige tekens); daarmee wordt het clientgeheim versleuteld opgeslagen.`,
			'clientSecret',
			409
		);
	return key;
}

async function assertKeyFree(trx: Executor, key: string, exceptId?: number) {
	if (environmentProviders().some((p) => p.key === key))
		throw fieldError(
			'Deze sleutel wordt al gebruikt door een provider uit de omgeving.',
			'key',
			409
		);
	let query = trx.selectFrom('sign_in_providers').select('id').where('key', '=', key);
	if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
	if (await query.executeTakeFirst())
		throw fieldError('Er is al een provider met deze sleutel.', 'key', 409);
}

/** Adds a provider; the client secret is stored encrypted with SSO_SECRET_KEY. */
export async function createProvider(
	db: Kysely<Database>,
	actor: SessionUser,
	input: ProviderInput
): Promise<number> {
	assertCan(actor, 'signin.manage');
	if (!input.clientSecret) throw fieldError('Vul het clientgeheim in.', 'clientSecret');
	const sealed = encryptSecret(requireKey(), input.clientSecret);
	const id = await db.transaction().execute(async (trx) => {
		await lockSignInSetup(trx);
		await assertKeyFree(trx, input.key);
		const { id } = await trx
			.insertInto('sign_in_providers')
			.values({
				key: input.key,
				display_name: input.name,
				issuer: input.issuer,
				client_id: input.clientId,
				client_secret_encrypted: sealed,
				email_domains: JSON.stringify(input.emailDomains)
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await recordAudit(trx, {
			actorId: actor.id,
			entity: 'sign_in_provider',
			entityId: id,
			action: 'create',
			before: null,
			after: audited(input)
		});
		return id;
	});
	forgetProviderConfigs();
	return id;
}

async function currentRow(trx: Executor, id: number) {
	return trx
		.selectFrom('sign_in_providers')
		.selectAll()
		.where('id', '=', id)
		.forUpdate()
		.executeTakeFirst();
}

type StoredProvider = NonNullable<Awaited<ReturnType<typeof currentRow>>>;

const inputOf = (row: StoredProvider) => ({
	key: row.key,
	name: row.display_name,
	issuer: row.issuer,
	clientId: row.client_id,
	emailDomains: row.email_domains as string[]
});

const formValuesOf = (row: StoredProvider) => ({
	...inputOf(row),
	emailDomains: (row.email_domains as string[]).join(', '),
	clientSecret: ''
});

/** While passwords are off, a change may not leave management without a way in. */
async function assertManagementKeepsAWayIn(trx: Executor, changedIssuerGone: string | null) {
	if (changedIssuerGone === null || (await passwordSignInEnabled(trx))) return;
	const rest = (await listProviders(trx)).filter((p) => p.clientSecret !== null);
	if ((await managementViaProviders(trx, rest)) === 0)
		throw new ActionError(
			`Zo kan geen enkel managementaccount meer inloggen: wachtwoorden staan uit. ${NO_MANAGEMENT_VIA_PROVIDER}`,
			409
		);
}

/** Changes a provider (an empty secret keeps the stored one), on the version the form showed. */
export async function updateProvider(
	db: Kysely<Database>,
	actor: SessionUser,
	id: number,
	version: number,
	input: ProviderInput
): Promise<void> {
	assertCan(actor, 'signin.manage');
	const sealed = input.clientSecret ? encryptSecret(requireKey(), input.clientSecret) : null;
	await db.transaction().execute(async (trx) => {
		await lockSignInSetup(trx);
		const before = await currentRow(trx, id);
		if (!before || before.version !== version)
			throw new ConflictError(
				before ? { values: formValuesOf(before), version: before.version } : null
			);
		await assertKeyFree(trx, input.key, id);
		await trx
			.updateTable('sign_in_providers')
			.set({
				key: input.key,
				display_name: input.name,
				issuer: input.issuer,
				client_id: input.clientId,
				email_domains: JSON.stringify(input.emailDomains),
				...(sealed ? { client_secret_encrypted: sealed } : {}),
				version: before.version + 1,
				updated_at: new Date()
			})
			.where('id', '=', id)
			.execute();
		await assertManagementKeepsAWayIn(trx, before.issuer !== input.issuer ? before.issuer : null);
		await recordAudit(trx, {
			actorId: actor.id,
			entity: 'sign_in_provider',
			entityId: id,
			action: 'update',
			before: inputOf(before),
			after: { ...audited(input), ...(sealed ? { clientSecret: 'vervangen' } : {}) }
		});
	});
	forgetProviderConfigs();
}

/**
 * Removes a provider. The identities linked through it stay: adding the same issuer again lets
 * those people sign in as before.
 */
export async function deleteProvider(
	db: Kysely<Database>,
	actor: SessionUser,
	id: number,
	version: number
): Promise<void> {
	assertCan(actor, 'signin.manage');
	await db.transaction().execute(async (trx) => {
		await lockSignInSetup(trx);
		const before = await currentRow(trx, id);
		if (!before || before.version !== version)
			throw new ConflictError(
				before ? { values: formValuesOf(before), version: before.version } : null
			);
		await trx.deleteFrom('sign_in_providers').where('id', '=', id).execute();
		await assertManagementKeepsAWayIn(trx, before.issuer);
		await recordAudit(trx, {
			actorId: actor.id,
			entity: 'sign_in_provider',
			entityId: id,
			action: 'delete',
			before: inputOf(before),
			after: null
		});
	});
	forgetProviderConfigs();
}
