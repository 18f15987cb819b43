import { countOf, formatDate } from '../../../format';
import { ACTIVITY_KIND_LABELS, RECORDED_PARTICIPANT_GROUPS } from '../../../labels';
import { define, lookup, type Prepared, text } from '../definitions';
import { findOrganisationIds, locationLabel, resolveLocation } from '../registries';
import { activitySchema } from '../schemas';

export const activity = define({
	table: 'activities',
	schema: activitySchema,
	prepare: async (trx, ctx, input): Promise<Prepared<'activities'>> => ({
		row: {
			date: input.date,
			title: input.title,
			kind: input.kind,
			is_public: input.is_public,
			participants_total: input.participants_total,
			participants_professionals: input.professionals,
			participants_bewoners: input.bewoners,
			participants_studenten: input.studenten,
			participants_beleidsmedewerkers: input.beleidsmedewerkers,
			participants_onderzoekers_docenten: input.onderzoekers_docenten,
			participants_ervaringsdeskundigen: input.ervaringsdeskundigen,
			location_id: await lookup(ctx, `location:${input.location}`, () =>
				resolveLocation(trx, input.location)
			),
			venue: input.venue,
			description: input.description
		},
		organisationIds: await lookup(ctx, `organisations:${JSON.stringify(input.organisations)}`, () =>
			findOrganisationIds(trx, input.organisations, 'organisations')
		)
	}),
	rows: async (db, reportId, id, slice) => {
		const rows = await db
			.selectFrom('activities as r')
			.leftJoin('locations as l', 'l.id', 'r.location_id')
			.selectAll('r')
			.select(['l.name as location_name', 'l.municipality as location_municipality'])
			.where('r.report_id', '=', reportId)
			.$if(id !== undefined, (q) => q.where('r.id', '=', id!))
			.orderBy('r.date')
			.orderBy('r.id')
			.$if(slice !== undefined, (q) => q.limit(slice!.limit).offset(slice!.offset))
			.execute();
		if (rows.length === 0) return [];
		const orgs = await db
			.selectFrom('activity_organisations as ao')
			.innerJoin('organisations as o', 'o.id', 'ao.organisation_id')
			.select(['ao.activity_id', 'o.name'])
			.where(
				'ao.activity_id',
				'in',
				rows.map((r) => r.id)
			)
			.orderBy('o.name')
			.execute();
		return rows.map((r) => ({
			...r,
			organisations: orgs.filter((o) => o.activity_id === r.id).map((o) => o.name)
		}));
	},
	present: (r) => {
		const values: Record<string, string | string[]> = {
			date: r.date,
			title: r.title,
			kind: r.kind,
			is_public: r.is_public ? 'on' : '',
			participants_total: String(r.participants_total),
			location:
				r.location_name && r.location_municipality
					? locationLabel({ name: r.location_name, municipality: r.location_municipality })
					: '',
			venue: r.venue,
			description: r.description,
			organisations: r.organisations
		};
		for (const group of RECORDED_PARTICIPANT_GROUPS)
			values[group] = text(r[`participants_${group}`]);
		return {
			values,
			summary: `${formatDate(r.date)} · ${ACTIVITY_KIND_LABELS[r.kind]}${r.is_public ? ' (openbaar)' : ''}: ${r.title} — ${countOf(r.participants_total, 'deelnemer', 'deelnemers')}`
		};
	}
});
