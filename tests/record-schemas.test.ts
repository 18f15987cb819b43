import { describe, expect, it } from 'vitest';
import { activitySchema, publicationSchema } from '../src/lib/server/records/schemas';

// The date schemas depend on the quarter and are built once per quarter (a 500-row import built
// and compiled one per row before: a second in zod alone). Kept per quarter, never shared across
// quarters: a date outside the quarter is still refused.
describe('record schemas per quarter', () => {
	it('are built once per quarter and keep each quarter its own dates', () => {
		expect(activitySchema('2024Q1')).toBe(activitySchema('2024Q1'));
		expect(publicationSchema('2024Q1')).toBe(publicationSchema('2024Q1'));
		expect(activitySchema('2024Q2')).not.toBe(activitySchema('2024Q1'));
		const row = {
			date: '2024-02-15',
			title: 'Bijeenkomst',
			kind: 'workshop',
			participants_total: '5'
		};
		expect(activitySchema('2024Q1').safeParse(row).success).toBe(true);
		expect(activitySchema('2024Q2').safeParse(row).success).toBe(false);
		expect(activitySchema('2024Q1').safeParse(row).success).toBe(true);
	});
});

// Issue 18: the "groups more than total" check came only in a second round of errors, after the
// date and kind were put right.
describe('the participants check of an activity', () => {
	const errorsOf = (row: Record<string, string>) => {
		const result = activitySchema('2024Q1').safeParse(row);
		return result.success
			? {}
			: Object.fromEntries(result.error.issues.map((i) => [i.path[0], i.message]));
	};
	const groups = { participants_total: '4', professionals: '3', bewoners: '3' };

	it('comes in the first round, beside a missing date, title and kind', () => {
		expect(errorsOf({ date: '', title: '', kind: '', ...groups })).toEqual({
			date: 'Vul een datum in.',
			title: 'Vul een titel in.',
			kind: expect.stringMatching(/^Kies een soort bijeenkomst/),
			participants_total: 'De deelnemers per groep (samen 6) zijn meer dan het totaal (4).'
		});
	});

	it('is not said while a count itself is wrong, and not when the groups fit', () => {
		const row = { date: '2024-02-15', title: 'B', kind: 'workshop' };
		expect(Object.keys(errorsOf({ ...row, ...groups, bewoners: 'veel' }))).toEqual(['bewoners']);
		expect(errorsOf({ ...row, ...groups, bewoners: '1' })).toEqual({});
	});
});
