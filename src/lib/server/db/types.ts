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
	/** better-auth's user (auth_user.id) that holds this person's password and sessions. */
	auth_user_id: string | null;
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

// better-auth's tables (created by migrations/2026_11_30_0100_auth.ts, mapped in auth/better-auth.ts)
export interface AuthUserTable {
	id: string;
	name: string;
	email: string;
	email_verified: Generated<boolean>;
	image: string | null;
	created_at: Generated<Date>;
	updated_at: Generated<Date>;
}

export interface AuthSessionTable {
	id: string;
	expires_at: Timestamp;
	token: string;
	created_at: Generated<Date>;
	updated_at: Generated<Date>;
	ip_address: string | null;
	user_agent: string | null;
	user_id: string;
}

export interface AuthAccountTable {
	id: string;
	account_id: string;
	provider_id: string;
	user_id: string;
	access_token: string | null;
	refresh_token: string | null;
	id_token: string | null;
	access_token_expires_at: Timestamp | null;
	refresh_token_expires_at: Timestamp | null;
	scope: string | null;
	password: string | null;
	created_at: Generated<Date>;
	updated_at: Generated<Date>;
}

export interface AuthVerificationTable {
	id: string;
	identifier: string;
	value: string;
	expires_at: Timestamp;
	created_at: Generated<Date>;
	updated_at: Generated<Date>;
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
	/** The quarter report a record change belongs to (for "gewijzigd sinds de vorige indiening"). */
	report_id: number | null;
}

export interface ReportCommentsTable {
	id: Generated<number>;
	report_id: number;
	/** With record_id: the comment is about one record of the quarter; both null: the quarter. */
	record_type: string | null;
	record_id: number | null;
	author_user_id: number | null;
	body: string;
	resolved_at: Timestamp | null;
	resolved_by: number | null;
	created_at: Generated<Date>;
}

export interface NotificationsTable {
	id: Generated<number>;
	user_id: number;
	kind: string;
	atelier_id: number | null;
	report_id: number | null;
	subject: string;
	body: string;
	/** Path on this site, e.g. /ateliers/armoede/2024Q1/beoordeling. */
	url: string;
	created_at: Generated<Date>;
	read_at: Timestamp | null;
	/** When it went out in a daily digest e-mail. */
	digested_at: Timestamp | null;
}

export type NotificationMode = 'immediate' | 'digest' | 'app';
export interface NotificationPreferencesTable {
	user_id: number;
	mode: NotificationMode;
	updated_at: Generated<Date>;
}

export type JobStatus = 'pending' | 'done' | 'failed';
export interface JobsTable {
	id: Generated<number>;
	kind: string;
	payload: ColumnType<unknown, string, string>;
	dedupe_key: string | null;
	status: Generated<JobStatus>;
	run_at: Timestamp;
	attempts: Generated<number>;
	max_attempts: Generated<number>;
	locked_until: Timestamp | null;
	locked_by: string | null;
	last_error: string | null;
	created_at: Generated<Date>;
	finished_at: Timestamp | null;
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
	auth_user: AuthUserTable;
	auth_session: AuthSessionTable;
	auth_account: AuthAccountTable;
	auth_verification: AuthVerificationTable;
	sign_in_failures: SignInFailuresTable;
	password_reset_links: PasswordResetLinksTable;
	audit_log: AuditLogTable;
	report_comments: ReportCommentsTable;
	notifications: NotificationsTable;
	notification_preferences: NotificationPreferencesTable;
	jobs: JobsTable;
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
