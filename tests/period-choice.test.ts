import { describe, expect, it } from 'vitest';
import { choosePeriod } from '../src/lib/server/ateliers/period-choice';

const periods = [
	{ id: 1, name: '2020-2022', startQuarter: '2020Q1', endQuarter: '2022Q4', version: 1 },
	{ id: 2, name: '2023-2026', startQuarter: '2023Q1', endQuarter: '2026Q4', version: 1 }
];

describe('choosePeriod', () => {
	it('takes the period named in the URL', () => {
		expect(choosePeriod(periods, '2020-2022', '2026-11-30')?.period?.id).toBe(1);
	});
	it('refuses a name that does not exist', () => {
		expect(choosePeriod(periods, '1999-2001', '2026-11-30')).toBeUndefined();
	});
	it('defaults to the period that contains today, else the latest', () => {
		expect(choosePeriod(periods, null, '2021-05-01')?.period?.id).toBe(1);
		expect(choosePeriod(periods, null, '2026-11-30')?.period?.id).toBe(2);
		expect(choosePeriod(periods, null, '2030-01-01')?.period?.id).toBe(2);
	});
	it('falls back to the current year when no period is configured', () => {
		expect(choosePeriod([], null, '2026-11-30')).toEqual({
			period: null,
			startQuarter: '2026Q1',
			endQuarter: '2026Q4'
		});
	});
});
