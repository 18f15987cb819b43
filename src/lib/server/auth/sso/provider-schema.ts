import { z } from 'zod';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** https, or http on this machine only (a provider in a test or on the same host). */
export function issuerProblem(raw: string): string | null {
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		return 'Vul een volledige URL in, zoals https://connect.surfconext.nl.';
	}
	if (url.search || url.hash) return 'De issuer-URL heeft geen ? of #.';
	if (url.protocol === 'https:') return null;
	if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return null;
	return 'De issuer-URL moet met https:// beginnen.';
}

export const isLoopback = (issuer: string) => LOOPBACK.has(new URL(issuer).hostname);

const DOMAIN = /^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** 'hogeschool.nl, partner.nl' or one per line -> ['hogeschool.nl', 'partner.nl']. */
export const emailDomains = z
	.string()
	.max(2000, 'Te veel domeinen.')
	.transform((raw) => [
		...new Set(
			raw
				.split(/[\s,;]+/)
				.map((d) => d.trim().toLowerCase().replace(/^@/, ''))
				.filter(Boolean)
		)
	])
	.refine((list) => list.length <= 20, 'Hoogstens 20 domeinen.')
	.refine((list) => list.every((d) => DOMAIN.test(d)), {
		message: 'Vul domeinen in zoals hogeschool.nl, gescheiden door komma’s.'
	});

export const providerKey = z
	.string()
	.trim()
	.toLowerCase()
	.regex(
		/^[a-z0-9][a-z0-9-]{0,39}$/,
		'Gebruik kleine letters, cijfers en streepjes (bijvoorbeeld surfconext); hoogstens 40 tekens.'
	);

export const providerFields = {
	name: z
		.string()
		.trim()
		.min(1, 'Vul de naam op de knop in, zoals SURFconext.')
		.max(60, 'Hoogstens 60 tekens.'),
	issuer: z
		.string()
		.trim()
		.min(1, 'Vul de issuer-URL in.')
		.max(500, 'Deze URL is te lang.')
		.superRefine((s, ctx) => {
			const problem = issuerProblem(s);
			if (problem) ctx.addIssue({ code: 'custom', message: problem });
		}),
	clientId: z.string().trim().min(1, 'Vul de client id in.').max(300, 'Deze client id is te lang.'),
	emailDomains
};

/** The form on /beheer/inloggen; an empty secret on an edit keeps the stored one. */
export const providerSchema = z.object({
	key: providerKey,
	...providerFields,
	clientSecret: z.string().max(1000, 'Dit geheim is te lang.')
});

export type ProviderInput = z.output<typeof providerSchema>;
