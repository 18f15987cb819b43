import { define, lookup, type Prepared, text } from '../definitions';
import { resolveStudent } from '../registries';
import { studentParticipationSchema } from '../schemas';

export const student = define({
	table: 'student_participations',
	schema: () => studentParticipationSchema,
	prepare: async (trx, ctx, input): Promise<Prepared<'student_participations'>> => ({
		row: {
			student_id: await lookup(ctx, `student:${input.student}`, () =>
				resolveStudent(trx, ctx.atelierId, input.student)
			),
			activity: input.activity,
			description: input.description
		}
	}),
	rows: (db, reportId, id, slice) =>
		db
			.selectFrom('student_participations as r')
			.innerJoin('students as s', 's.id', 'r.student_id')
			.selectAll('r')
			.where('r.report_id', '=', reportId)
			.$if(id !== undefined, (q) => q.where('r.id', '=', id!))
			.orderBy('s.display_name')
			.orderBy('r.id')
			.$if(slice !== undefined, (q) => q.limit(slice!.limit).offset(slice!.offset))
			.execute(),
	present: (r) => ({
		values: {
			student: `#${r.student_id}`,
			activity: r.activity,
			description: text(r.description)
		},
		// no name here: the quarter page adds it for who may read the roster (student-names.ts)
		summary: `${r.activity}${r.description ? ` — ${r.description}` : ''}`
	})
});
