import type {
	KyselyPlugin,
	PluginTransformQueryArgs,
	PluginTransformResultArgs,
	QueryResult,
	RootOperationNode,
	UnknownRow
} from 'kysely';
import { describe, expect, it } from 'vitest';
import { computeMetrics, type MetricsQuery } from '../src/lib/server/metrics/engine';
import { useDemoDb } from './helpers/demo-db';

/** Counts the statements sent through a Kysely instance (query builders and sql`` alike). */
class StatementCounter implements KyselyPlugin {
	count = 0;
	transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
		this.count++;
		return args.node;
	}
	async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
		return args.result;
	}
}

// The engine must not send a query per atelier or per quarter: the number of statements is the
// same for one atelier in one quarter as for every atelier over seven years, grouped or not.
describe('the engine sends a fixed number of statements', () => {
	const demo = useDemoDb();

	async function statements(query: MetricsQuery): Promise<number> {
		const counter = new StatementCounter();
		await computeMetrics(demo.db.withPlugin(counter), query);
		return counter.count;
	}

	it('whatever the number of ateliers and quarters', async () => {
		const [first] = await demo.db.selectFrom('ateliers').select('id').orderBy('id').execute();
		const small = await statements({
			from: '2020Q1',
			to: '2020Q1',
			atelierIds: [first.id],
			scope: 'approved'
		});
		const large = await statements({
			from: '2020Q1',
			to: '2026Q4',
			atelierIds: null,
			scope: 'approved+submitted'
		});
		const lines = await statements({
			from: '2020Q1',
			to: '2026Q4',
			atelierIds: null,
			scope: 'approved',
			groupByLineage: true
		});
		expect(small).toBeGreaterThan(8); // the aggregate queries are raw sql: they must be counted too
		expect(large).toBe(small);
		expect(lines).toBe(small);
		expect(small).toBeLessThanOrEqual(12);
	});
});
