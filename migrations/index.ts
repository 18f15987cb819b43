import type { Migration } from 'kysely';
import * as domain from './2026_11_30_0001_domain';
import * as indicatorCatalogue from './2026_11_30_0002_indicator_catalogue';
import * as auth from './2026_11_30_0100_auth';
import * as metricsCache from './2026_11_30_0200_metrics_cache';
import * as metricsReportSummaries from './2026_11_30_0300_metrics_report_summaries';
import * as ownSessionsAndSso from './2026_12_01_1620_own_sessions_and_sso';
import * as publicKnowledgeEvent from './2026_12_01_1630_public_knowledge_event';
import * as quarterCycle from './2026_12_01_1739_quarter_cycle';
import * as signInAttempts from './2026_12_01_2200_sign_in_attempts';
import * as werkplaatsSetup from './2026_12_01_2300_werkplaats_setup';
import * as registryVersions from './2026_12_01_2401_registry_versions';
import * as metricsReportVersions from './2026_12_01_2501_metrics_report_versions';
import * as fixedReports from './2026_12_01_2601_fixed_reports';
import * as incrementalSummaries from './2026_12_01_2701_incremental_summaries';
import * as reportNarratives from './2026_12_01_2701_report_narratives';

// Listed by hand so that the built server (no .ts files on disk) and the scripts run the same set.
// tests/migrations.test.ts fails when a migration file in this folder is missing here.
export const migrations: Record<string, Migration> = {
	'2026_11_30_0001_domain': domain,
	'2026_11_30_0002_indicator_catalogue': indicatorCatalogue,
	'2026_11_30_0100_auth': auth,
	'2026_11_30_0200_metrics_cache': metricsCache,
	'2026_11_30_0300_metrics_report_summaries': metricsReportSummaries,
	'2026_12_01_1620_own_sessions_and_sso': ownSessionsAndSso,
	'2026_12_01_1630_public_knowledge_event': publicKnowledgeEvent,
	'2026_12_01_1739_quarter_cycle': quarterCycle,
	'2026_12_01_2200_sign_in_attempts': signInAttempts,
	'2026_12_01_2300_werkplaats_setup': werkplaatsSetup,
	'2026_12_01_2401_registry_versions': registryVersions,
	'2026_12_01_2501_metrics_report_versions': metricsReportVersions,
	'2026_12_01_2601_fixed_reports': fixedReports,
	'2026_12_01_2701_incremental_summaries': incrementalSummaries,
	'2026_12_01_2701_report_narratives': reportNarratives
};
