import { define, type Prepared, text } from '../definitions';
import { highlightSchema } from '../schemas';

export const highlight = define({
	table: 'highlights',
	schema: () => highlightSchema,
	prepare: async (_trx, _ctx, input): Promise<Prepared<'highlights'>> => ({
		row: {
			title: input.title,
			body: input.body,
			quote: input.quote,
			quote_speaker: input.quote ? input.quote_speaker : null,
			quote_role: input.quote ? input.quote_role : null,
			url: input.url,
			in_report: input.in_report
		}
	}),
	rows: (db, reportId, id, slice) =>
		db
			.selectFrom('highlights as r')
			.selectAll('r')
			.where('r.report_id', '=', reportId)
			.$if(id !== undefined, (q) => q.where('r.id', '=', id!))
			.orderBy('r.id')
			.$if(slice !== undefined, (q) => q.limit(slice!.limit).offset(slice!.offset))
			.execute(),
	present: (r) => ({
		values: {
			title: r.title,
			body: text(r.body),
			quote: text(r.quote),
			quote_speaker: text(r.quote_speaker),
			quote_role: text(r.quote_role),
			url: text(r.url),
			in_report: r.in_report ? 'on' : ''
		},
		summary: `${r.title}${r.in_report ? ' (voor het verslag aan de financier)' : ''}`
	})
});
