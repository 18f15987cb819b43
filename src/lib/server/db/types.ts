import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** 'YYYY-MM-DD': dates are kept as text end to end so no timezone can shift them. */
type DateText = string;
/** 'YYYYQn', e.g. '2022Q4'. */
export type QuarterText = string;

export type Role = 'kartrekker' | 'council' | 'management';
export type ReportStatus = 'concept' | 'ingediend' | 'goedgekeurd' | 'teruggestuurd';

export interface SettingsTable {
	key: string;
	value: ColumnType<unknown, string, string>;
	updated_at: Generated<Date>;
}

export interface SubsidyPeriodsTable {
	id: Generated<number>;
	name: string;
	start_quarter: QuarterText;
	end_quarter: QuarterText;
}

export interface AppUsersTable {
	id: Generated<number>;
	name: string;
	email: string;
	role: Role;
	active: Generated<boolean>;
	/** argon2id hash of the password; null: signs in through a password link or a provider. */
	password_hash: string | null;
	created_at: Generated<Date>;
	updated_at: Generated<Date>;
}

export interface AteliersTable {
	id: Generated<number>;
	slug: string;
	name: string;
	theme: Generated<string>;
	active_from: QuarterText;
	active_to: QuarterText | null;
	predecessor_id: number | null;
	version: Generated<number>;
	created_at: Generated<Date>;
	updated_at: Generated<Date>;
}

export interface AtelierAssignmentsTable {
	atelier_id: number;
	user_id: number;
}

export interface QuarterReportsTable {
	id: Generated<number>;
	atelier_id: number;
	quarter: QuarterText;
	status: Generated<ReportStatus>;
	no_activities: Generated<boolean>;
	network_members: number | null;
	return_comment: string | null;
	version: Generated<number>;
	created_at: Generated<Date>;
	updated_at: Generated<Date>;
}

export interface ReportStatusHistoryTable {
	id: Generated<number>;
	report_id: number;
	from_status: ReportStatus | null;
	to_status: ReportStatus;
	actor_user_id: number | null;
	comment: string | null;
	at: Timestamp;
}

export type LocationKind = 'stadsdeel' | 'wijk';
export interface LocationsTable {
	id: Generated<number>;
	municipality: string;
	name: string;
	kind: LocationKind;
}

export type OrganisationKind =
	'welzijn' | 'zorg' | 'gemeente' | 'onderwijs' | 'onderzoek' | 'burgers/ervaringsdeskundigen';
export interface OrganisationsTable {
	id: Generated<number>;
	name: string;
	normalized_name: string;
	kind: OrganisationKind;
	municipality: string | null;
	created_at: Generated<Date>;
}

export type ActivityKind =
	| 'expertmeeting'
	| 'kennisbijeenkomst'
	| 'themamiddag'
	| 'symposium'
	| 'workshop'
	| 'leeratelierbijeenkomst'
	| 'intervisie'
	| 'overig';
export interface ActivitiesTable {
	id: Generated<number>;
	report_id: number;
	date: DateText;
	title: string;
	kind: ActivityKind;
	is_public: Generated<boolean>;
	participants_total: Generated<number>;
	participants_professionals: Generated<number>;
	participants_bewoners: Generated<number>;
	participants_studenten: Generated<number>;
	participants_beleidsmedewerkers: Generated<number>;
	participants_onderzoekers_docenten: Generated<number>;
	participants_ervaringsdeskundigen: Generated<number>;
	location_id: number | null;
	venue: Generated<string>;
	description: Generated<string>;
	version: Generated<number>;
	created_at: Generated<Date>;
	updated_at: Generated<Date>;
}

export interface ActivityOrganisationsTable {
	activity_id: number;
	organisation_id: number;
}

export interface StudentsTable {
	id: Generated<number>;
	display_name: string;
	student_number: string | null;
	created_at: Generated<Date>;
}

export interface AtelierStudentsTable {
	atelier_id: number;
	student_id: number;
}

export type StudentActivity =
	'wijkverhalen' | 'stage' | 'afstuderen' | 'symposium' | 'onderzoek' | 'overig';
export interface StudentParticipationsTable {
	id: Generated<number>;
	report_id: number;
	student_id: number;
	activity: StudentActivity;
	description: Generated<string>;
	version: Generated<number>;
	created_at: Generated<Date>;
	updated_at: Generated<Date>;
}

export interface PartnerInvolvementsTable {
	id: Generated<number>;
	report_id: number;
	organisation_id: number;
	role: Generated<string>;
	version: Generated<number>;
	created_at: Generated<Date>;
	updated_at: Generated<Date>;
}

export type PublicationKind =
	'rapport' | 'artikel' | 'verslag' | 'boekje' | 'video' | 'website' | 'presentatie';
export interface PublicationsTable {
	id: Generated<number>;
	report_id: number;
	date: DateText;
	title: string;
	kind: PublicationKind;
	url: string | null;
	authors: Generated<string>;
	version: Generated<number>;
	created_at: Generated<Date>;
	updated_at: Generated<Date>;
}

export interface ReachTable {
	id: Generated<number>;
	report_id: number;
	location_id: number;
	resident_conversations: Generated<number>;
	professionals_reached: Generated<number>;
	version: Generated<number>;
	created_at: Generated<Date>;
	updated_at: Generated<Date>;
}

export interface HighlightsTable {
	id: Generated<number>;
	report_id: number;
	title: string;
	body: Generated<string>;
	quote: string | null;
	quote_speaker: string | null;
	quote_role: string | null;
	url: string | null;
	in_report: Generated<boolean>;
	version: Generated<number>;
	created_at: Generated<Date>;
	updated_at: Generated<Date>;
}

export type Aggregation = 'count' | 'sum' | 'distinct' | 'last';
export interface IndicatorsTable {
	code: string;
	name: string;
	definition: string;
	aggregation: Aggregation;
	sort_order: Generated<number>;
}

export interface IndicatorTargetsTable {
	id: Generated<number>;
	indicator_code: string;
	year: number;
	atelier_id: number | null;
	target: number;
}

// Sessions and sign-in (migrations/2026_12_01_1620_own_sessions_and_sso.ts, lib/server/auth)
export interface SessionsTable {
	/** SHA-256 (hex) of the random token in the cookie: the table never holds a usable token. */
	token_hash: string;
	user_id: number;
	/** 'password' or 'sso:<provider key>'. */
	method: string;
	created_at: Generated<Date>;
	renewed_at: Generated<Date>;
	expires_at: Timestamp;
	user_agent: string | null;
}

export interface SignInProvidersTable {
	id: Generated<number>;
	key: string;
	display_name: string;
	issuer: string;
	client_id: string;
	/** AES-256-GCM with SSO_SECRET_KEY (auth/sso/secret-box.ts). */
	client_secret_encrypted: string;
	email_domains: ColumnType<string[], string, string>;
	version: Generated<number>;
	created_at: Generated<Date>;
	updated_at: Generated<Date>;
}

export interface UserIdentitiesTable {
	id: Generated<number>;
	user_id: number;
	provider_key: string;
	issuer: string;
	subject: string;
	/** The verified e-mail address with which the identity was linked. */
	email: string;
	linked_at: Generated<Date>;
	last_sign_in_at: Timestamp | null;
}

export interface SsoStatesTable {
	state_hash: string;
	provider_key: string;
	code_verifier: string;
	nonce: string;
	return_to: string;
	created_at: Generated<Date>;
	expires_at: Timestamp;
}

export interface SignInFailuresTable {
	id: Generated<number>;
	email: string;
	ip: string;
	at: Generated<Date>;
}

export interface PasswordResetLinksTable {
	token_hash: string;
	user_id: number;
	created_by: number | null;
	created_at: Generated<Date>;
	expires_at: Timestamp;
	used_at: Timestamp | null;
}

export interface AuditLogTable {
	id: Generated<number>;
	at: Generated<Date>;
	actor_id: number | null;
	entity: string;
	entity_id: string;
	atelier_id: number | null;
	action: string;
	before: ColumnType<unknown, string | null, string | null>;
	after: ColumnType<unknown, string | null, string | null>;
}

export interface Database {
	settings: SettingsTable;
	subsidy_periods: SubsidyPeriodsTable;
	app_users: AppUsersTable;
	ateliers: AteliersTable;
	atelier_assignments: AtelierAssignmentsTable;
	quarter_reports: QuarterReportsTable;
	report_status_history: ReportStatusHistoryTable;
	locations: LocationsTable;
	organisations: OrganisationsTable;
	activities: ActivitiesTable;
	activity_organisations: ActivityOrganisationsTable;
	students: StudentsTable;
	atelier_students: AtelierStudentsTable;
	student_participations: StudentParticipationsTable;
	partner_involvements: PartnerInvolvementsTable;
	publications: PublicationsTable;
	reach: ReachTable;
	highlights: HighlightsTable;
	indicators: IndicatorsTable;
	indicator_targets: IndicatorTargetsTable;
	sessions: SessionsTable;
	sign_in_providers: SignInProvidersTable;
	user_identities: UserIdentitiesTable;
	sso_states: SsoStatesTable;
	sign_in_failures: SignInFailuresTable;
	password_reset_links: PasswordResetLinksTable;
	audit_log: AuditLogTable;
}

export type Atelier = Selectable<AteliersTable>;
export type NewAtelier = Insertable<AteliersTable>;
export type AtelierUpdate = Updateable<AteliersTable>;
export type QuarterReport = Selectable<QuarterReportsTable>;
export type NewQuarterReport = Insertable<QuarterReportsTable>;
export type Activity = Selectable<ActivitiesTable>;
export type NewActivity = Insertable<ActivitiesTable>;
export type Organisation = Selectable<OrganisationsTable>;
export type Location = Selectable<LocationsTable>;
export type Publication = Selectable<PublicationsTable>;
export type Highlight = Selectable<HighlightsTable>;
export type AppUser = Selectable<AppUsersTable>;
