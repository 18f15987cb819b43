// Dutch labels for the kinds and groups the dashboard breaks numbers down by. Shared by server
// and components; the order here is the order on screen and in exports.

export const ACTIVITY_KINDS = [
	'expertmeeting',
	'kennisbijeenkomst',
	'themamiddag',
	'symposium',
	'workshop',
	'leeratelierbijeenkomst',
	'intervisie',
	'overig'
] as const;
export type ActivityKindCode = (typeof ACTIVITY_KINDS)[number];

export const ACTIVITY_KIND_LABELS: Record<ActivityKindCode, string> = {
	expertmeeting: 'Expertmeeting',
	kennisbijeenkomst: 'Kennisbijeenkomst',
	themamiddag: 'Themamiddag',
	symposium: 'Symposium',
	workshop: 'Workshop',
	leeratelierbijeenkomst: 'Leeratelierbijeenkomst',
	intervisie: 'Intervisie',
	overig: 'Overig'
};

/** The groups a kartrekker counts per activity: form field and column suffix `participants_<group>`. */
export const RECORDED_PARTICIPANT_GROUPS = [
	'professionals',
	'bewoners',
	'studenten',
	'beleidsmedewerkers',
	'onderzoekers_docenten',
	'ervaringsdeskundigen'
] as const;
export type RecordedParticipantGroup = (typeof RECORDED_PARTICIPANT_GROUPS)[number];

/** The groups the dashboard shows: the recorded ones plus the participants no group was given. */
export const PARTICIPANT_GROUPS = [...RECORDED_PARTICIPANT_GROUPS, 'overig'] as const;
export type ParticipantGroup = (typeof PARTICIPANT_GROUPS)[number];

export const PARTICIPANT_GROUP_LABELS: Record<ParticipantGroup, string> = {
	professionals: 'Professionals',
	bewoners: 'Bewoners',
	studenten: 'Studenten',
	beleidsmedewerkers: 'Beleidsmedewerkers',
	onderzoekers_docenten: 'Onderzoekers en docenten',
	ervaringsdeskundigen: 'Ervaringsdeskundigen',
	overig: 'Niet ingedeeld'
};

export const PUBLICATION_KINDS = [
	'rapport',
	'artikel',
	'verslag',
	'boekje',
	'video',
	'website',
	'presentatie'
] as const;
export type PublicationKindCode = (typeof PUBLICATION_KINDS)[number];

export const PUBLICATION_KIND_LABELS: Record<PublicationKindCode, string> = {
	rapport: 'Rapport',
	artikel: 'Artikel',
	verslag: 'Verslag',
	boekje: 'Boekje',
	video: 'Video',
	website: 'Website',
	presentatie: 'Presentatie'
};
