import { describe, expect, it } from 'vitest';
import { readDutchNumber } from '../src/lib/number-input';
import { parseRecord } from '../src/lib/server/records/service';
import { validActivity } from './helpers/records';

describe('numbers in Dutch notation', () => {
	it('reads a point between groups of three as thousands and a comma as decimals', () => {
		expect(readDutchNumber('1.250', 0)).toBe(1250);
		expect(readDutchNumber('12.345.678', 0)).toBe(12_345_678);
		expect(readDutchNumber('1 250', 0)).toBe(1250);
		expect(readDutchNumber('1\u00a0250', 0)).toBe(1250);
		expect(readDutchNumber('1.250,5', 2)).toBe(1250.5);
		expect(readDutchNumber('2,75', 2)).toBe(2.75);
		expect(readDutchNumber('2.5', 2)).toBe(2.5);
		expect(readDutchNumber('0', 0)).toBe(0);
	});
	it('refuses what is not a number, or has more decimals than allowed', () => {
		for (const bad of ['', '-1', 'tien', '1.25.0', '1,2,3', '1.2345', ',5', '1e3', '0x10'])
			expect(readDutchNumber(bad, 2), bad).toBeNaN();
		for (const bad of ['2,5', '2.5', '1.250,5']) expect(readDutchNumber(bad, 0), bad).toBeNaN();
	});
	it('lets a count in a record form or the import be typed as 1.250', () => {
		const a = parseRecord('activity', '2024Q1', {
			...validActivity,
			participants_total: '1.250',
			professionals: '1 000',
			bewoners: '10'
		}).values;
		expect(a.participants_total).toBe(1250);
		expect(a.professionals).toBe(1000);
	});
});
