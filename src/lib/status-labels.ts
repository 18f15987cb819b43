/** Dutch labels for quarter states, shared by every screen that shows them. */
export const QUARTER_STATE_LABELS = {
	concept: 'concept',
	ingediend: 'ingediend',
	goedgekeurd: 'goedgekeurd',
	teruggestuurd: 'teruggestuurd',
	ontbreekt: 'ontbreekt',
	lopend: 'loopt nog',
	inactief: 'niet actief'
} as const;

export type QuarterStateKey = keyof typeof QUARTER_STATE_LABELS;
