import type { Kysely } from 'kysely';
import type { Database } from '../db/types';
import { actionLabel, describeChanges, entityLabel, type AuditChange } from '../audit/vocabulary';
import { cachedMetrics } from '../metrics/cache';
import type { IndicatorCode } from '../metrics/catalogue';
import type { MetricsResult } from '../metrics/engine';
import { DEFINITIONS } from '../records/kinds';
import { RECORD_TYPES } from '../records/schemas';
import type { FixedReportDetail } from './store';

export interface IndicatorChange {
	code: IndicatorCode;
	name: string;
	sent: number;
	now: number;
}

export interface UnitChange {
	unit: string;
	indicator: string;
	sent: number | null;
	now: number | null;
}

export interface ChangedRecordEntry {
	at: string;
	actorName: string | null;
	atelierName: string | null;
	quarter: string;
	what: string;
	action: string;
	changes: AuditChange[];
}

export interface ChangeReport {
	/** Whether the engine, run now on the same query, gives another result than was sent. */
	changed: boolean;
	/** Every indicator of the werkplaats total: the value as sent and the value now. */
	indicators: IndicatorChange[];
	/** Per atelier (or line), only the values that differ. */
	units: UnitChange[];
	/** Quarters that were open when fixed, and now. */
	openBefore: string[];
	openNow: string[];
	/** Record and quarter changes in the selection after the fix, from the audit trail. */
	records: ChangedRecordEntry[];
}

/** JSON with sorted keys: jsonb does not keep the key order the engine wrote. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object')
		return `{${Object.keys(value)
			.sort()
			.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
			.join(',')}}`;
	return JSON.stringify(value ?? null);
}

/**
 * The parts of an engine result that the report states as facts about the data: the numbers (in
 * total, per quarter, per unit, the breakdowns) and which quarters were not approved. Targets and
 * labels are settings, not data, and are left out.
 */
function dataOf(m: MetricsResult) {
	return {
		total: m.total,
		perQuarter: m.perQuarter,
		units: m.units.map((u) => ({ id: u.id, values: u.values, perQuarter: u.perQuarter })),
		breakdowns: m.breakdowns,
		open: m.openQuarters.map((q) => ({
			quarter: q.quarter,
			ateliers: q.ateliers.map((a) => [a.id, a.status])
		}))
	};
}

/** Whether the engine now gives other data for the report's query than it did when fixed. */
export async function hasChangedSinceFix(
	db: Kysely<Database>,
	report: FixedReportDetail
): Promise<boolean> {
	const now = await cachedMetrics(db, report.query);
	return canonical(dataOf(report.metrics)) !== canonical(dataOf(now));
}

const RECORD_TABLES = RECORD_TYPES.map((t) => DEFINITIONS[t].table);

/**
 * What changed since a report was fixed: the engine is run again on the stored query (approved
 * data, same ateliers and grouping) and compared with the stored result; the audit trail names the
 * records and quarter steps of the selection's quarters after the moment of the fix.
 */
export async function changesSinceFix(
	db: Kysely<Database>,
	report: FixedReportDetail
): Promise<ChangeReport> {
	const sent = report.metrics;
	const now = await cachedMetrics(db, report.query);
	const changed = canonical(dataOf(sent)) !== canonical(dataOf(now));
	const indicators = sent.indicators.map((i) => ({
		code: i.code,
		name: i.name,
		sent: sent.total[i.code],
		now: now.total[i.code]
	}));
	const units: UnitChange[] = [];
	const nowUnits = new Map(now.units.map((u) => [u.id, u]));
	const sentIds = new Set(sent.units.map((u) => u.id));
	for (const u of [...sent.units, ...now.units.filter((n) => !sentIds.has(n.id))]) {
		const before = sentIds.has(u.id) ? sent.units.find((s) => s.id === u.id) : undefined;
		const after = nowUnits.get(u.id);
		for (const i of sent.indicators) {
			const a = before?.values[i.code] ?? null;
			const b = after?.values[i.code] ?? null;
			if (a !== b) units.push({ unit: u.name, indicator: i.name, sent: a, now: b });
		}
	}
	const open = (m: MetricsResult) => m.openQuarters.map((q) => q.quarter);
	return {
		changed,
		indicators,
		units,
		openBefore: open(sent),
		openNow: open(now),
		records: changed ? await auditSince(db, report) : []
	};
}

async function auditSince(
	db: Kysely<Database>,
	report: FixedReportDetail
): Promise<ChangedRecordEntry[]> {
	const { from, to, atelierIds } = report.query;
	let q = db
		.selectFrom('audit_log as l')
		.innerJoin('quarter_reports as r', 'r.id', 'l.report_id')
		.innerJoin('ateliers as a', 'a.id', 'r.atelier_id')
		.leftJoin('app_users as u', 'u.id', 'l.actor_id')
		.select([
			'l.at',
			'l.entity',
			'l.action',
			'l.before',
			'l.after',
			'r.quarter',
			'a.name as atelier_name',
			'u.name as actor_name'
		])
		.where('l.at', '>', new Date(report.fixedAt))
		.where('r.quarter', '>=', from)
		.where('r.quarter', '<=', to)
		.where('l.entity', 'in', [...RECORD_TABLES, 'quarter_report']);
	if (atelierIds !== null) q = q.where('r.atelier_id', 'in', atelierIds.length ? atelierIds : [-1]);
	const rows = await q.orderBy('l.at').orderBy('l.id').limit(500).execute();
	// ids, never student names: a fixed report is about counts (the council reads it too)
	const names = { ateliers: new Map<number, string>(), students: new Map<string, string>() };
	return rows.map((r) => ({
		at: new Date(r.at).toISOString(),
		actorName: r.actor_name,
		atelierName: r.atelier_name,
		quarter: r.quarter,
		what: entityLabel(r.entity),
		action: actionLabel(r.action),
		changes: describeChanges(r.entity, r.before, r.after, names)
	}));
}
