import { countOf } from '../../../format';
import { define, lookup, type Prepared } from '../definitions';
import { locationLabel, resolveLocation } from '../registries';
import { reachSchema } from '../schemas';

export const reach = define({
	table: 'reach',
	schema: () => reachSchema,
	prepare: async (trx, ctx, input): Promise<Prepared<'reach'>> => ({
		row: {
			location_id: (await lookup(ctx, `location:${input.location}`, () =>
				resolveLocation(trx, input.location)
			))!,
			resident_conversations: input.resident_conversations,
			professionals_reached: input.professionals_reached
		}
	}),
	rows: (db, reportId, id, slice) =>
		db
			.selectFrom('reach as r')
			.innerJoin('locations as l', 'l.id', 'r.location_id')
			.selectAll('r')
			.select(['l.name as location_name', 'l.municipality as location_municipality'])
			.where('r.report_id', '=', reportId)
			.$if(id !== undefined, (q) => q.where('r.id', '=', id!))
			.orderBy('l.municipality')
			.orderBy('l.name')
			.$if(slice !== undefined, (q) => q.limit(slice!.limit).offset(slice!.offset))
			.execute(),
	present: (r) => {
		const label = locationLabel({ name: r.location_name, municipality: r.location_municipality });
		return {
			values: {
				location: label,
				resident_conversations: String(r.resident_conversations),
				professionals_reached: String(r.professionals_reached)
			},
			summary: `${label}: ${countOf(r.resident_conversations, 'gesprek', 'gesprekken')} met bewoners, ${countOf(r.professionals_reached, 'professional', 'professionals')} bereikt`
		};
	}
});
