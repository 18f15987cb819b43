import type { Content, ContentText } from 'pdfmake/interfaces';
import { MUTED } from './pdf-blocks';
import type { ReportData } from './report-data';

/** The werkplaats's logo for the cover, from the database (nothing is fetched), or nothing. */
export function coverLogo(data: ReportData): Content[] {
	const logo = data.logo;
	if (!logo) return [];
	return [
		{
			image: `data:${logo.mime};base64,${logo.bytes.toString('base64')}`,
			fit: [180, 80],
			margin: [0, 0, 0, 24]
		}
	];
}

/**
 * The colophon on the last page: who publishes the report, how to reach them, and the funding
 * line, as management set them on /beheer/werkplaats. Lines left empty there are left out.
 */
export function colophon(data: ReportData): Content[] {
	const spaced = (text: string, extra: Partial<ContentText> = {}): ContentText => ({
		text,
		margin: [0, 12, 0, 0],
		...extra
	});
	const w = data.werkplaats;
	const contact = [
		...w.contactAddress.split(/\r?\n/),
		w.contactPhone && `Telefoon: ${w.contactPhone}`,
		w.contactEmail && `E-mail: ${w.contactEmail}`,
		w.contactWebsite && `Website: ${w.contactWebsite}`
	]
		.map((line) => line.trim())
		.filter(Boolean);
	return [
		{ text: 'Colofon', style: 'h2', pageBreak: 'before', tocItem: true },
		{ text: w.name, bold: true },
		...contact.map((line) => ({ text: line })),
		...(w.fundingLine ? [spaced(w.fundingLine)] : []),
		spaced('Samengesteld met Jaarbeeld uit de kwartaalrapportages van de leerateliers.', {
			color: MUTED,
			fontSize: 8
		})
	];
}
