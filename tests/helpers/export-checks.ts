import { expect } from 'vitest';
import { formatNumber } from '../../src/lib/format';
import type { IndicatorCode } from '../../src/lib/server/metrics/catalogue';
import type { MetricsResult } from '../../src/lib/server/metrics/engine';
import type { ReportData } from '../../src/lib/server/exports/report-data';
import type { SheetCells } from './export-readers';
import { tablesOf, textOf, type StructNode, type StructTable } from './pdf-structure';
import { periodLabel } from '../../src/lib/server/exports/report-data';
import { quarterLabel } from '../../src/lib/quarters';

/** The row of a sheet whose first cell is `label`. */
export function rowOf(sheet: SheetCells, label: string): unknown[] {
	const row = sheet.rows.find((r) => r?.[0] === label);
	if (!row) throw new Error(`Geen rij ${label} in ${sheet.name}`);
	return row;
}

const nameOf = (data: ReportData, code: IndicatorCode) =>
	data.indicatorTexts.find((t) => t.code === code)!.name;

/** Every number of the workbook (read back by exceljs) against the engine's own result. */
export function expectWorkbookMatches(
	sheets: SheetCells[],
	data: ReportData,
	engine: MetricsResult,
	previous: MetricsResult
) {
	const sheet = (name: string) => {
		const s = sheets.find((x) => x.name === name);
		if (!s) throw new Error(`Geen blad ${name}; wel ${sheets.map((x) => x.name).join(', ')}`);
		return s;
	};
	const figures = sheet('In cijfers');
	for (const rule of engine.indicators) {
		const row = rowOf(figures, nameOf(data, rule.code));
		expect(row[3], rule.code).toBe(engine.total[rule.code]);
		expect(row[4] ?? undefined, `${rule.code} streefwaarde`).toBe(engine.targets.total[rule.code]);
		// no comparison when nothing selected was active in the previous period: empty cells
		const compared = previous.total.leerateliers > 0;
		expect(row[5] ?? undefined, `${rule.code} vorige`).toBe(
			compared ? previous.total[rule.code] : undefined
		);
		expect(row[6] ?? undefined, `${rule.code} verandering`).toBe(
			compared ? engine.total[rule.code] - previous.total[rule.code] : undefined
		);
	}
	// an atelier's tab is found by its first row, which holds its full name (tab names are short)
	const caption = (unit: MetricsResult['units'][number]) =>
		unit.ateliers.length > 1
			? `Lijn: ${unit.ateliers.map((a) => a.name).join(' → ')}`
			: `Leeratelier: ${unit.name}`;
	for (const unit of engine.units) {
		const own = sheets.find((s) => s.rows[0]?.[0] === caption(unit));
		if (!own) throw new Error(`Geen blad met ${caption(unit)}`);
		for (const rule of engine.indicators) {
			const row = rowOf(own, nameOf(data, rule.code));
			expect(row[2], `${unit.name} ${rule.code}`).toBe(unit.values[rule.code]);
			expect(row[3] ?? undefined).toBe(engine.targets.perUnit[unit.id]?.[rule.code]);
			expect(row.slice(4, 4 + engine.quarters.length).map((v) => v ?? 0)).toEqual(
				unit.perQuarter.map((v) => v[rule.code])
			);
		}
	}
	// no sheet for an atelier the engine did not report on
	const unitSheets = sheets.slice(2, 2 + engine.units.length).map((s) => s.rows[0]?.[0]);
	expect(unitSheets).toEqual(engine.units.map(caption));
	const names = sheets.map((s) => s.name.toLowerCase());
	expect(new Set(names).size).toBe(names.length);
	for (const name of names) expect(name.length).toBeLessThanOrEqual(31);
	const breakdown = sheet('Verdeling');
	const values = breakdown.rows.slice(1).map((r) => r[2]);
	expect(values).toEqual([
		...Object.values(engine.breakdowns.activitiesByKind),
		...Object.values(engine.breakdowns.participantsByGroup),
		...Object.values(engine.breakdowns.publicationsByKind)
	]);
}

/**
 * Every number of the PDF report equals the engine's: read back from the tagged PDF's tables
 * (pdfinfo -struct-text), by their captions — the werkplaats figures with their targets, every
 * atelier with its own targets, and for the council the trend per quarter and the previous period.
 */
export function expectPdfMatches(
	tree: StructNode,
	data: ReportData,
	engine: MetricsResult,
	previous: MetricsResult | null
) {
	const fmt = (v: number | undefined) => (v === undefined ? '–' : formatNumber(v));
	const signed = new Intl.NumberFormat('nl-NL', {
		signDisplay: 'exceptZero',
		maximumFractionDigits: 2
	});
	const tables = tablesOf(tree);
	const table = (caption: string) => {
		const found = tables.filter((t) => t.caption === caption);
		expect(found.length, caption).toBe(1);
		return found[0].rows;
	};
	const row = (rows: StructTable['rows'], name: string) => {
		const found = rows.filter((r) => r[0].text.replace(/ \((uniek|stand)\)$/, '') === name);
		expect(found.length, name).toBe(1);
		return found[0].map((c) => c.text);
	};
	const period = periodLabel(engine.from, engine.to);
	const figures = table(`In cijfers, ${period}`);
	for (const rule of engine.indicators)
		expect(row(figures, nameOf(data, rule.code)).slice(1), rule.code).toEqual([
			fmt(engine.total[rule.code]),
			fmt(engine.targets.total[rule.code])
		]);
	for (const unit of engine.units) {
		const rows = table(`Leeratelier ${unit.name} in cijfers`);
		for (const rule of engine.indicators)
			expect(row(rows, nameOf(data, rule.code)).slice(1), `${unit.name} ${rule.code}`).toEqual([
				fmt(unit.values[rule.code]),
				fmt(engine.targets.perUnit[unit.id]?.[rule.code])
			]);
	}
	if (previous) {
		const prevLabel = periodLabel(previous.from, previous.to);
		if (previous.total.leerateliers === 0)
			expect(textOf(tree)).toContain(`Geen vergelijking: in ${prevLabel}`);
		else {
			const rows = table(`${period} tegenover ${prevLabel}`);
			for (const rule of engine.indicators)
				expect(row(rows, nameOf(data, rule.code)).slice(1, 4), `vorige ${rule.code}`).toEqual([
					fmt(engine.total[rule.code]),
					fmt(previous.total[rule.code]),
					// the change, as the dashboard shows it: "+12", "−3", "0"
					signed.format(engine.total[rule.code] - previous.total[rule.code])
				]);
		}
		const labels = engine.quarters.map(quarterLabel);
		for (let start = 0; start < engine.quarters.length; start += 4) {
			const chunk = engine.quarters.slice(start, start + 4).map((_, k) => start + k);
			const rows = table(`Verloop, ${labels[chunk[0]]} – ${labels[chunk[chunk.length - 1]]}`);
			for (const rule of engine.indicators)
				expect(row(rows, nameOf(data, rule.code)).slice(1), `kwartalen ${rule.code}`).toEqual(
					chunk.map((i) => fmt(engine.perQuarter[i][rule.code]))
				);
		}
	}
}
