import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	ACTION_LABELS,
	ENTITY_LABELS,
	describeChanges,
	type AuditNames
} from '../src/lib/server/audit/vocabulary';
import { RECORD_TYPES } from '../src/lib/records/fields';
import { DEFINITIONS } from '../src/lib/server/records/kinds';

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((entry) => {
		const path = join(dir, entry);
		return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
	});
}

/** Every literal `entity: '…'` and `action: '…'` (also in a ternary) the server code audits with. */
function audited(key: 'entity' | 'action'): Set<string> {
	const found = new Set<string>();
	for (const file of sources('src/lib/server')) {
		const text = readFileSync(file, 'utf8');
		if (!text.includes('recordAudit(')) continue;
		for (const m of text.matchAll(new RegExp(`\\b${key}: ([^,\\n}]+)`, 'g')))
			for (const literal of m[1]!.matchAll(/'([a-z_]+)'/g)) found.add(literal[1]!);
	}
	return found;
}

const names: AuditNames = {
	ateliers: new Map([[7, 'Armoede']]),
	students: new Map([['#3', 'Sanne de Vries']])
};

describe('the audit trail in Dutch', () => {
	it('has a Dutch name for every entity and action the services write', () => {
		const entities = audited('entity');
		const actions = audited('action');
		for (const t of RECORD_TYPES) entities.add(DEFINITIONS[t].table);
		for (const transition of ['submit', 'approve', 'return', 'reopen']) actions.add(transition);
		expect(entities.size).toBeGreaterThan(8);
		expect(actions.size).toBeGreaterThan(8);
		expect([...entities].filter((e) => !ENTITY_LABELS[e])).toEqual([]);
		expect([...actions].filter((a) => !ACTION_LABELS[a])).toEqual([]);
	});

	it('labels fields and formats values: dates, quarters, yes/no, names instead of ids', () => {
		const changes = describeChanges(
			'activities',
			{ date: '2024-02-15', kind: 'workshop', is_public: '', participants_total: '20' },
			{ date: '2024-03-01', kind: 'kennisbijeenkomst', is_public: 'on', participants_total: '25' },
			names
		);
		expect(changes).toEqual([
			{ field: 'Datum', before: '15 februari 2024', after: '1 maart 2024' },
			{ field: 'Soort bijeenkomst', before: 'Workshop', after: 'Kennisbijeenkomst' },
			{ field: 'Openbaar', before: 'Nee', after: 'Ja' },
			{ field: 'Deelnemers totaal', before: '20', after: '25' }
		]);
		expect(
			describeChanges(
				'quarter_report',
				{ quarter: '2024Q1', status: 'ingediend' },
				{ quarter: '2024Q1', status: 'teruggestuurd', comment: null },
				names
			)
		).toEqual([{ field: 'Status', before: 'ingediend', after: 'teruggestuurd' }]);
		expect(
			describeChanges(
				'user',
				{ atelierIds: [7], active: true },
				{ atelierIds: [], active: false },
				names
			)
		).toEqual([
			{ field: 'Ateliers', before: 'Armoede', after: '' },
			{ field: 'Actief', before: 'ja', after: 'nee' }
		]);
		expect(
			describeChanges('student_participations', null, { student: '#3', activity: 'stage' }, names)
		).toContainEqual({ field: 'Student', before: '', after: 'Sanne de Vries' });
	});

	it('never shows a code: no snake_case or camelCase key on a change of any demo kind', () => {
		const samples: [string, Record<string, unknown>][] = [
			['quarter_report', { quarter: '2023Q4', status: 'goedgekeurd', comment: 'Mooi' }],
			['user', { name: 'A', email: 'a@b.nl', role: 'kartrekker', atelierIds: [7], active: true }],
			['user', { validHours: 72 }],
			['settings', { passwordSignIn: true }],
			['report_comment', { quarter: '2023Q4', record: 'activity-1', body: 'x', resolved: true }],
			['organisation', { id: 1, name: 'X', normalized_name: 'x', kind: 'zorg', municipality: 'Y' }],
			['atelier_student', { display_name: 'S', student_number: '1' }],
			['notification_preference', { mode: 'digest' }]
		];
		for (const [entity, after] of samples)
			for (const change of describeChanges(entity, null, after, names)) {
				expect(change.field).not.toMatch(/_|[a-z][A-Z]/);
				expect(change.after).not.toMatch(/^(true|false|null)$|^\[/);
			}
	});
});
