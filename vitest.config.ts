import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

// Server modules are tested against a real database: a fresh in-memory PGlite per test file, or a
// fresh PostgreSQL database per test file when DATABASE_URL is set. The SvelteKit plugin compiles
// the Svelte components that server modules render (the PDF's charts).
export default defineConfig({
	plugins: [sveltekit()],
	test: {
		include: ['tests/**/*.test.ts'],
		exclude: ['tests/e2e/**'],
		environment: 'node',
		pool: 'forks',
		maxWorkers: 2,
		testTimeout: 60_000,
		hookTimeout: 120_000,
		// a test that asserts nothing passes whatever the code does
		expect: { requireAssertions: true },
		// `npm test` prints the share of server code the tests run (text-summary); the full report
		// is in coverage/index.html
		coverage: {
			provider: 'v8',
			include: ['src/lib/**/*.ts'],
			reporter: ['text-summary', 'html'],
			reportsDirectory: 'coverage'
		}
	}
});
