import { z } from 'zod';
import type { AuditFilters } from './query';

const id = z.coerce.number().int().positive();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * The audit page's GET filters (gebruiker, atelier, entiteit, id, van, tot, pagina): shareable
 * URLs. Invalid values are ignored with a Dutch message next to the field.
 */
export function parseAuditQuery(params: URLSearchParams) {
	const get = (key: string) => params.get(key)?.trim() ?? '';
	const values = {
		gebruiker: get('gebruiker'),
		atelier: get('atelier'),
		entiteit: get('entiteit'),
		id: get('id'),
		van: get('van'),
		tot: get('tot')
	};
	const errors: Record<string, string> = {};
	const filters: AuditFilters = {};
	if (values.gebruiker) {
		const p = id.safeParse(values.gebruiker);
		if (p.success) filters.actorId = p.data;
		else errors.gebruiker = 'Kies een gebruiker uit de lijst.';
	}
	if (values.atelier) {
		const p = id.safeParse(values.atelier);
		if (p.success) filters.atelierId = p.data;
		else errors.atelier = 'Kies een atelier uit de lijst.';
	}
	if (values.entiteit) filters.entity = values.entiteit.slice(0, 100);
	if (values.id) filters.entityId = values.id.slice(0, 100);
	if (values.van) {
		if (date.safeParse(values.van).success) filters.from = values.van;
		else errors.van = 'Vul een datum in als jjjj-mm-dd.';
	}
	if (values.tot) {
		if (date.safeParse(values.tot).success) filters.to = values.tot;
		else errors.tot = 'Vul een datum in als jjjj-mm-dd.';
	}
	if (filters.from && filters.to && filters.from > filters.to)
		errors.tot = 'De einddatum ligt voor de begindatum.';
	const page = id.safeParse(get('pagina'));
	return { filters, values, errors, page: page.success ? page.data : 1 };
}
