import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db/index';
import { INDICATOR_RULES, isIndicatorCode } from '$lib/server/metrics/catalogue';
import { metricsQueryFor } from '$lib/server/metrics/dashboard';
import { loadIndicatorTexts } from '$lib/server/metrics/indicator-texts';
import { drilldown, parsePage } from '$lib/server/metrics/drilldown';
import { cachedMetrics } from '$lib/server/metrics/cache';
import { today } from '$lib/server/today';
import { pageHref } from '../../links';
import { selectionFromUrl } from '$lib/server/metrics/selection';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
	const user = requireUser(event);
	const code = event.params.indicator;
	if (!isIndicatorCode(code)) error(404, `Het cijfer '${code}' bestaat niet.`);
	const db = getDb();
	const selection = await selectionFromUrl(db, event.url, today());
	const requested = parsePage(event.url.searchParams.get('pagina'));
	// with lijn=1 the query holds the whole line of a chosen atelier, as on the dashboard
	const { query } = await metricsQueryFor(db, user, selection);
	// the number itself comes from the engine, like on the dashboard
	const [records, metrics, text] = await Promise.all([
		drilldown(db, code, query, {
			viewer: user,
			page: requested ?? 1
		}),
		cachedMetrics(db, { ...query, totalsOnly: true }),
		loadIndicatorTexts(db).then((texts) => texts.find((t) => t.code === code))
	]);
	// an indicator the werkplaats does not report on is not shown anywhere, this list included
	if (text?.hidden) error(404, `De werkplaats rapporteert niet over '${text.name}'.`);
	const raw = (event.url.searchParams.get('pagina') ?? '').trim().slice(0, 20);
	// an unusable or too high page number: say so above the page that is shown instead
	const pageNotice =
		requested === null
			? `‘${raw}’ is geen paginanummer; hieronder staat pagina 1.`
			: requested !== records.page
				? `Pagina ${requested} bestaat niet: de lijst heeft ${records.pages} ${records.pages === 1 ? 'pagina' : 'pagina’s'}. Hieronder staat de laatste.`
				: null;
	const href = (page: number) => pageHref(event.url, page);
	return {
		code,
		name: text?.name ?? INDICATOR_RULES[code].name,
		definition: text?.definition ?? '',
		rule: INDICATOR_RULES[code],
		value: metrics.total[code],
		selection,
		scope: query.scope,
		records,
		pageNotice,
		paging: {
			first: href(1),
			previous: records.page > 1 ? href(records.page - 1) : null,
			next: records.page < records.pages ? href(records.page + 1) : null,
			last: href(records.pages)
		}
	};
}) satisfies PageServerLoad;
