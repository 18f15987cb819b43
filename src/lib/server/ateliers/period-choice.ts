import { makeQuarter } from '../../quarters';
import type { SubsidyPeriod } from '../settings/werkplaats';

export interface PeriodChoice {
	/** The chosen subsidy period, or null when none is configured. */
	period: SubsidyPeriod | null;
	startQuarter: string;
	endQuarter: string;
}

/**
 * The subsidy period to show: the one named in the URL, else the one that contains today, else the
 * latest. Returns undefined for a name that does not exist.
 */
export function choosePeriod(
	periods: SubsidyPeriod[],
	requested: string | null,
	today: string
): PeriodChoice | undefined {
	if (requested) {
		const period = periods.find((p) => p.name === requested);
		return period && { period, startQuarter: period.startQuarter, endQuarter: period.endQuarter };
	}
	const year = Number(today.slice(0, 4));
	const current = makeQuarter(year, Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1);
	const period =
		periods.find((p) => p.startQuarter <= current && current <= p.endQuarter) ?? periods.at(-1);
	if (period) return { period, startQuarter: period.startQuarter, endQuarter: period.endQuarter };
	return { period: null, startQuarter: makeQuarter(year, 1), endQuarter: makeQuarter(year, 4) };
}
