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
	return `/dashboard/cijfer/${code}?${selectionParams({ ...s, lineage: false })}`;
}
