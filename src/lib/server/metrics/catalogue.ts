import type { Aggregation } from '../db/types';

/**
 * The indicators of DESIGN.md section 4. The `indicators` table holds the same codes with names and
 * definitions management may edit; the rules (how a number is computed) live here, in code, next
 * to the engine that applies them.
 */
export const INDICATOR_CODES = [
	'leerateliers',
	'bijeenkomsten',
	'openbare_kennisbijeenkomsten',
	'deelnemers',
	'actieve_studenten',
	'partnerorganisaties',
	'gesprekken_bewoners',
	'publicaties',
	'wijken_stadsdelen',
	'netwerkleden'
] as const;

export type IndicatorCode = (typeof INDICATOR_CODES)[number];
export type IndicatorValues = Record<IndicatorCode, number>;

export interface IndicatorRule {
	code: IndicatorCode;
	name: string;
	aggregation: Aggregation;
	/** Distinct over the period and across ateliers: totals are not sums of parts ("uniek"). */
	unique: boolean;
	/** Adding up per-quarter or per-atelier values gives the total (count and sum indicators). */
	additive: boolean;
}

const rule = (code: IndicatorCode, name: string, aggregation: Aggregation): IndicatorRule => ({
	code,
	name,
	aggregation,
	unique: aggregation === 'distinct',
	additive: aggregation === 'count' || aggregation === 'sum'
});

export const INDICATOR_RULES: Record<IndicatorCode, IndicatorRule> = {
	leerateliers: rule('leerateliers', 'Leerateliers', 'distinct'),
	bijeenkomsten: rule('bijeenkomsten', 'Bijeenkomsten', 'count'),
	openbare_kennisbijeenkomsten: rule(
		'openbare_kennisbijeenkomsten',
		'Openbare kennisbijeenkomsten',
		'count'
	),
	deelnemers: rule('deelnemers', 'Deelnemers', 'sum'),
	actieve_studenten: rule('actieve_studenten', 'Actieve studenten', 'distinct'),
	partnerorganisaties: rule('partnerorganisaties', 'Partnerorganisaties', 'distinct'),
	gesprekken_bewoners: rule('gesprekken_bewoners', 'Gesprekken met bewoners', 'sum'),
	publicaties: rule('publicaties', 'Publicaties en producten', 'count'),
	wijken_stadsdelen: rule('wijken_stadsdelen', 'Wijken en stadsdelen', 'distinct'),
	netwerkleden: rule('netwerkleden', 'Netwerkleden', 'last')
};

export function isIndicatorCode(value: unknown): value is IndicatorCode {
	return typeof value === 'string' && (INDICATOR_CODES as readonly string[]).includes(value);
}

export function emptyValues(): IndicatorValues {
	return Object.fromEntries(INDICATOR_CODES.map((c) => [c, 0])) as IndicatorValues;
}
