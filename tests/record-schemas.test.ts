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
