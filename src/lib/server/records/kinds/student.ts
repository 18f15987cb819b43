import { define, type Prepared, text } from '../definitions';
import { resolveStudent } from '../registries';
import { studentParticipationSchema } from '../schemas';

export const student = define({
	table: 'student_participations',
	schema: () => studentParticipationSchema,
	prepare: async (trx, ctx, input): Promise<Prepared<'student_participations'>> => ({
		row: {
			student_id: await resolveStudent(trx, ctx.atelierId, input.student),
			activity: input.activity,
			description: input.description
		}
	}),
	rows: (db, reportId, id) =>
		db
			.selectFrom('student_participations as r')
			.innerJoin('students as s', 's.id', 'r.student_id')
			.selectAll('r')
			.select('s.display_name as student_name')
			.where('r.report_id', '=', reportId)
			.$if(id !== undefined, (q) => q.where('r.id', '=', id!))
			.orderBy('s.display_name')
			.orderBy('r.id')
			.execute(),
	present: (r) => ({
		values: {
			student: `#${r.student_id}`,
			activity: r.activity,
			description: text(r.description)
		},
		summary: `${r.student_name}: ${r.activity}${r.description ? ` — ${r.description}` : ''}`
	})
});
