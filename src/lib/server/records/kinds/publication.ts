import { formatDate } from '../../../format';
import { PUBLICATION_KIND_LABELS } from '../../../labels';
import { define, type Prepared, text } from '../definitions';
import { publicationSchema } from '../schemas';

export const publication = define({
	table: 'publications',
	schema: publicationSchema,
	prepare: async (_trx, _ctx, input): Promise<Prepared<'publications'>> => ({
		row: {
			date: input.date,
			title: input.title,
			kind: input.kind,
			url: input.url,
			authors: input.authors
		}
	}),
	rows: (db, reportId, id, slice) =>
		db
			.selectFrom('publications as r')
			.selectAll('r')
			.where('r.report_id', '=', reportId)
			.$if(id !== undefined, (q) => q.where('r.id', '=', id!))
			.orderBy('r.date')
			.orderBy('r.id')
			.$if(slice !== undefined, (q) => q.limit(slice!.limit).offset(slice!.offset))
			.execute(),
	present: (r) => ({
		values: {
			date: r.date,
			title: r.title,
			kind: r.kind,
			url: text(r.url),
			authors: text(r.authors)
		},
		summary: `${formatDate(r.date)} · ${PUBLICATION_KIND_LABELS[r.kind]}: ${r.title}`
	})
});
