import { describe, expect, it } from 'vitest';
import {
	addQuarters,
	isQuarter,
	quarterDates,
	quarterDueDate,
	quarterLabel,
	quarterOfDate,
	quartersBetween
} from '../src/lib/quarters';

describe('quarters', () => {
	it('recognise only YYYYQn', () => {
		expect(isQuarter('2022Q4')).toBe(true);
		for (const bad of ['2022Q0', '2022Q5', '22Q1', '2022-Q1', '', null])
			expect(isQuarter(bad)).toBe(false);
	});

	it('enumerate a range across years, both ends included', () => {
		expect(quartersBetween('2020Q3', '2021Q2')).toEqual(['2020Q3', '2020Q4', '2021Q1', '2021Q2']);
		expect(quartersBetween('2020Q1', '2022Q4')).toHaveLength(12);
		expect(quartersBetween('2021Q1', '2020Q4')).toEqual([]);
		expect(addQuarters('2020Q4', 1)).toBe('2021Q1');
		expect(addQuarters('2020Q1', -1)).toBe('2019Q4');
	});

	it('know their first and last day, including leap years', () => {
		expect(quarterDates('2020Q1')).toEqual({ start: '2020-01-01', end: '2020-03-31' });
		expect(quarterDates('2022Q4')).toEqual({ start: '2022-10-01', end: '2022-12-31' });
		expect(quarterOfDate('2022-10-18')).toBe('2022Q4');
		expect(quarterOfDate('2024-02-29')).toBe('2024Q1');
	});

	it('are due a configurable number of months after they end', () => {
		expect(quarterDueDate('2022Q4', 1)).toBe('2023-01-31');
		expect(quarterDueDate('2023Q1', 1)).toBe('2023-04-30');
		expect(quarterDueDate('2023Q3', 2)).toBe('2023-11-30');
		expect(quarterDueDate('2023Q1', 0)).toBe('2023-03-31');
	});

	it('are labelled the Dutch way', () => {
		expect(quarterLabel('2022Q3')).toBe('K3 2022');
	});
});
