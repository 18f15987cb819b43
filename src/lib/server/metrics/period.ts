import { z } from 'zod';
import { addQuarters, isQuarter, quarterIndex, type Quarter } from '../../quarters';

/** The period before a period, of the same number of quarters. */
export function previousPeriod(from: string, to: string): { from: Quarter; to: Quarter } {
	const length = quarterIndex(to) - quarterIndex(from) + 1;
	return { from: addQuarters(from, -length), to: addQuarters(to, -length) };
}

const quarter = z
	.string()
	.trim()
	.toUpperCase()
	.refine(isQuarter, { message: 'Geef een kwartaal als 2022Q4.' })
	.refine((v) => v >= '2000Q1' && v <= '2100Q4', {
		message: 'Kies een kwartaal tussen 2000 en 2100.'
	});

/**
 * The dashboard's selection as it stands in the URL: `van`, `tot`, optional `atelier` (repeatable,
 * by slug) and `lijn=1` for lineage grouping. Missing van/tot are filled in by the caller.
 */
export const selectionSchema = z
	.object({
		van: quarter.optional(),
		tot: quarter.optional(),
		atelier: z.array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)).max(100),
		lijn: z.boolean()
	})
	.refine((s) => !s.van || !s.tot || s.van <= s.tot, {
		message: 'Het eerste kwartaal moet vóór het laatste liggen.',
		path: ['tot']
	})
	.refine((s) => !s.van || !s.tot || quarterIndex(s.tot) - quarterIndex(s.van) < 80, {
		message: 'Kies een periode van hoogstens twintig jaar.',
		path: ['tot']
	});

export type SelectionInput = z.infer<typeof selectionSchema>;

export function parseSelection(params: URLSearchParams) {
	return selectionSchema.safeParse({
		van: params.get('van') || undefined,
		tot: params.get('tot') || undefined,
		atelier: params.getAll('atelier').filter((s) => s !== ''),
		lijn: params.get('lijn') === '1'
	});
}
