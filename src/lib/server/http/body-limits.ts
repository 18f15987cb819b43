// What the adapter refuses before any route runs: a body over BODY_SIZE_LIMIT (413) and, for a
// form action, a body that is not form data (415). Both are the sender's doing, so they get a
// Dutch explanation and a log line without a stack trace (issue 13: a 12 MB upload showed "Er
// ging iets mis aan onze kant" and logged a stack).

export const BODY_TOO_LARGE =
	'Wat u verstuurde is te groot (hoogstens 10 MB). Een Excel-bestand van meer dan 10 MB wordt niet ingelezen; verdeel de gegevens over meer bestanden.';
export const NOT_FORM_DATA =
	'Dit formulier verwacht gewone formuliergegevens. Verstuur het vanaf de pagina zelf.';

/** The Dutch message for a refusal of the request body, or null for any other status. */
export function bodyRefusal(status: number): string | null {
	if (status === 413) return BODY_TOO_LARGE;
	if (status === 415) return NOT_FORM_DATA;
	return null;
}

const statusOf = (error: unknown) =>
	typeof error === 'object' && error !== null && 'status' in error
		? Number((error as { status: unknown }).status)
		: null;

/** The form data of a request, or null when the adapter stopped the body at its size limit. */
export async function formDataWithinLimit(request: Request): Promise<FormData | null> {
	try {
		return await request.formData();
	} catch (error) {
		if (statusOf(error) === 413) return null;
		throw error;
	}
}
