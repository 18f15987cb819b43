import { define, lookup, type Prepared, text } from '../definitions';
import { resolveOrganisation } from '../registries';
import { partnerSchema } from '../schemas';

export const partner = define({
	table: 'partner_involvements',
	schema: () => partnerSchema,
	prepare: async (trx, ctx, input): Promise<Prepared<'partner_involvements'>> => ({
		row: {
			organisation_id: await lookup(
				ctx,
				`organisation:${JSON.stringify([input.organisation, input.organisation_kind, input.municipality])}`,
				() =>
					resolveOrganisation(trx, ctx.actorId, {
						organisation: input.organisation,
						organisation_kind: input.organisation_kind,
						municipality: input.municipality
					})
			),
			role: input.role
		}
	}),
	rows: (db, reportId, id, slice) =>
		db
			.selectFrom('partner_involvements as r')
			.innerJoin('organisations as o', 'o.id', 'r.organisation_id')
			.selectAll('r')
			.select('o.name as organisation_name')
			.where('r.report_id', '=', reportId)
			.$if(id !== undefined, (q) => q.where('r.id', '=', id!))
			.orderBy('o.name')
			.orderBy('r.id')
			.$if(slice !== undefined, (q) => q.limit(slice!.limit).offset(slice!.offset))
			.execute(),
	present: (r) => ({
		values: {
			organisation: r.organisation_name,
			organisation_kind: '',
			municipality: '',
			role: text(r.role)
		},
		summary: `${r.organisation_name}${r.role ? ` — ${r.role}` : ''}`
	})
});
