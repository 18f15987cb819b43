import { error } from '@sveltejs/kit';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/**
 * HTML to an accessible PDF with Chromium (Debian's `chromium` package, driven by playwright-core):
 * tagged (structure tree from the HTML), with bookmarks from the headings, A4. Chosen over pdfmake
 * because pdfmake cannot tag a PDF; see README "PDF-rapporten".
 *
 * Safety: the page gets JavaScript disabled and every request aborted, so report text can never
 * run as code or reach the network; images come inline as data: URLs (which need no request).
 * One browser is started on the first render and reused, with one context and at most
 * MAX_RENDERS pages that are reused too (a new context and page cost more than the print itself);
 * at most MAX_RENDERS renders run at once, the rest wait in line. A page keeps nothing between
 * renders: no script runs, nothing is fetched, and setContent replaces the whole document.
 */
export const MAX_RENDERS = 2;
/**
 * How many renders may wait in line; one more is refused at once (HTTP 503) rather than held:
 * a burst of requests must not pile up memory and time-outs behind two printers.
 */
export const MAX_WAITING = 8;
export const RENDERS_BUSY =
	'Er worden nu te veel rapporten tegelijk gemaakt. Probeer het over een minuut opnieuw.';

const ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-extensions',
	'--disable-dev-shm-usage'
];

interface Printer {
	browser: Browser;
	context: BrowserContext;
	/** Pages not in use now. */
	idle: Page[];
}
let browser: Promise<Printer> | null = null;
let running = 0;
// the browser is closed after this long without a render (its memory goes back to the system)
const IDLE_MS = 5 * 60_000;
let idle: ReturnType<typeof setTimeout> | null = null;
const queue: (() => void)[] = [];

function getPrinter(): Promise<Printer> {
	if (!browser) {
		// loaded on the first PDF, not at the app's start
		const launching = import('playwright-core')
			.then(({ chromium }) =>
				chromium.launch({
					executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
					args: ARGS
				})
			)
			.catch((e: unknown) => {
				throw new Error(
					`Chromium start niet (nodig voor de pdf-rapporten; installeer het pakket chromium of zet CHROMIUM_PATH): ${e instanceof Error ? e.message : String(e)}`,
					{ cause: e }
				);
			})
			.then(async (b): Promise<Printer> => {
				b.on('disconnected', () => {
					if (browser === launching) browser = null;
				});
				const context = await b.newContext({
					javaScriptEnabled: false,
					offline: true,
					locale: 'nl-NL',
					timezoneId: 'Europe/Amsterdam'
				});
				// every request of every page is aborted: the report is one self-contained document
				await context.route('**/*', (route) => route.abort('blockedbyclient'));
				return { browser: b, context, idle: [] };
			});
		launching.catch(() => {
			if (browser === launching) browser = null;
		});
		browser = launching;
	}
	return browser;
}

async function acquire(): Promise<void> {
	if (idle) clearTimeout(idle);
	idle = null;
	if (running < MAX_RENDERS) {
		running++;
		return;
	}
	if (queue.length >= MAX_WAITING) error(503, RENDERS_BUSY);
	// the slot is handed over by release(), so `running` stays as it is
	await new Promise<void>((resolve) => queue.push(resolve));
}

function release(): void {
	const next = queue.shift();
	if (next) next();
	else running--;
	if (running === 0) {
		if (idle) clearTimeout(idle);
		idle = setTimeout(() => void closePdfBrowser(), IDLE_MS);
		idle.unref();
	}
}

/** How many renders run and wait now (for the tests of the limit). */
export function renderLoad(): { running: number; waiting: number } {
	return { running, waiting: queue.length };
}

export interface PdfOptions {
	/** The running header and footer (Chromium marks them as artifacts in the tagged PDF). */
	headerTemplate: string;
	footerTemplate: string;
}

export async function htmlToPdf(html: string, options: PdfOptions): Promise<Buffer> {
	await acquire();
	try {
		const printer = await getPrinter();
		const page = printer.idle.pop() ?? (await printer.context.newPage());
		let reusable = false;
		try {
			await page.setContent(html, { waitUntil: 'load' });
			const pdf = await page.pdf({
				// A4 exactly (Chromium's 'A4' format is 8.27 × 11.7 in, a little larger)
				width: '210mm',
				height: '297mm',
				tagged: true,
				outline: true,
				printBackground: true,
				displayHeaderFooter: true,
				headerTemplate: options.headerTemplate,
				footerTemplate: options.footerTemplate,
				margin: { top: '22mm', bottom: '20mm', left: '18mm', right: '18mm' }
			});
			reusable = true;
			return Buffer.from(pdf);
		} finally {
			if (reusable && !page.isClosed()) printer.idle.push(page);
			else await page.close().catch(() => undefined);
		}
	} finally {
		release();
	}
}

/** Stops the shared browser (at shutdown, and after tests). */
export async function closePdfBrowser(): Promise<void> {
	const current = browser;
	browser = null;
	if (current) await (await current.catch(() => null))?.browser.close();
}
