import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

export interface Browser {
	context: BrowserContext;
	page: Page;
	close: () => Promise<void>;
}

/** Debian's Chromium with a fresh profile, Dutch locale and Amsterdam time. */
export async function openBrowser(options: { javaScriptEnabled?: boolean } = {}): Promise<Browser> {
	const profile = mkdtempSync(join(tmpdir(), 'jaarbeeld-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: CHROMIUM_ARGS,
		headless: true,
		locale: 'nl-NL',
		timezoneId: 'Europe/Amsterdam',
		javaScriptEnabled: options.javaScriptEnabled ?? true,
		viewport: { width: 1280, height: 900 }
	});
	const page = context.pages()[0] ?? (await context.newPage());
	return {
		context,
		page,
		close: async () => {
			await context.close();
			rmSync(profile, { recursive: true, force: true });
		}
	};
}

const axeSource = readFileSync(
	createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
	'utf8'
);

interface AxeViolation {
	id: string;
	impact: string | null;
	help: string;
	nodes: { target: string[] }[];
}

/**
 * Runs axe-core in the page (through the DevTools protocol, so the page's CSP stays on) and
 * returns its violations in a readable form.
 */
export async function axeViolations(page: Page): Promise<string[]> {
	await page.evaluate(axeSource);
	const violations = (await page.evaluate(async () => {
		const axe = (
			globalThis as unknown as {
				axe: { run: (ctx: Document) => Promise<{ violations: unknown[] }> };
			}
		).axe;
		const result = await axe.run(document);
		return result.violations;
	})) as AxeViolation[];
	return violations.map(
		(v) => `${v.id} (${v.impact}): ${v.help} @ ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
}
