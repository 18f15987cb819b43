import { defineConfig } from 'vitest/config';

// Browser tests: the built app (node build) on a temporary embedded database, driven by Debian's
// Chromium through playwright-core.
export default defineConfig({
	test: {
		include: ['tests/e2e/**/*.e2e.ts'],
		globalSetup: ['tests/e2e/global-setup.ts'],
		environment: 'node',
		pool: 'forks',
		maxWorkers: 1,
		fileParallelism: false,
		testTimeout: 60_000,
		hookTimeout: 120_000
	}
});
