/** URLs that carry the whole dashboard selection. */
export interface SelectionLike {
	from: string;
	to: string;
	ateliers: string[];
	lineage: boolean;
}

export function selectionParams(s: SelectionLike): URLSearchParams {
	const params = new URLSearchParams({ van: s.from, tot: s.to });
	for (const a of s.ateliers) params.append('atelier', a);
	if (s.lineage) params.set('lijn', '1');
	return params;
}

export function dashboardHref(s: SelectionLike): string {
	return `/dashboard?${selectionParams(s)}`;
}

export function drillHref(code: string, s: SelectionLike): string {
	return `/dashboard/cijfer/${code}?${selectionParams(s)}`;
}

/**
 * A page of a drill-down list: the current URL with `pagina` set (left out for page 1), so every
 * other parameter of the selection stays as it was.
 */
export function pageHref(url: URL, page: number): string {
	const params = new URLSearchParams(url.search);
	params.delete('pagina');
	if (page > 1) params.set('pagina', String(page));
	const search = params.toString();
	return search ? `${url.pathname}?${search}` : url.pathname;
}
