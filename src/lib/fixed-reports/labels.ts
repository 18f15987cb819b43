/** How the pages name the audiences of a report. */
export const AUDIENCE_LABELS: Record<'vws' | 'programmaraad', string> = {
	vws: 'VWS',
	programmaraad: 'Programmaraad'
};

const dateTime = new Intl.DateTimeFormat('nl-NL', {
	dateStyle: 'long',
	timeStyle: 'short',
	timeZone: 'Europe/Amsterdam'
});
const dateOnly = new Intl.DateTimeFormat('nl-NL', {
	dateStyle: 'long',
	timeZone: 'Europe/Amsterdam'
});

/** '1 december 2026 om 21:05' for an ISO timestamp, in Amsterdam time. */
export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));
/** '1 december 2026' for an ISO timestamp, in Amsterdam time. */
export const formatDay = (iso: string) => dateOnly.format(new Date(iso));
