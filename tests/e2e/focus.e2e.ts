import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, type Browser } from './browser';
import { DEMO_USERS, signInWithForm } from './session';

const baseURL = inject('baseURL');

/** WCAG contrast ratio of two computed colours ('rgb(r, g, b)'). */
function contrast(a: string, b: string): number {
	const luminance = (css: string) => {
		const [r, g, b] = (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
			const c = Number(v) / 255;
			return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
		});
		return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
	};
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (hi! + 0.05) / (lo! + 0.05);
}

describe('the keyboard focus', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await openBrowser();
		await signInWithForm(browser.page, baseURL, DEMO_USERS.management);
	});
	afterAll(() => browser?.close());

	it('has a ring of at least 3:1 against the background it sits on, in the header and in the page', async () => {
		const { page } = browser;
		await page.goto(`${baseURL}/ateliers`);
		// from the top of the page: the skip link, then the header's links
		const seen: { where: string; ratio: number; inHeader: boolean }[] = [];
		for (let i = 0; i < 14; i++) {
			await page.keyboard.press('Tab');
			const ring = await page.evaluate(() => {
				const el = document.activeElement as HTMLElement | null;
				if (!el || el === document.body) return null;
				const style = getComputedStyle(el);
				// the colour behind the ring: the first ancestor with a background of its own
				let node: HTMLElement | null = el.parentElement;
				let behind = 'rgb(255, 255, 255)';
				while (node) {
					const bg = getComputedStyle(node).backgroundColor;
					if (bg && !/rgba\(0, 0, 0, 0\)|transparent/.test(bg)) {
						behind = bg;
						break;
					}
					node = node.parentElement;
				}
				return {
					where: `${el.tagName.toLowerCase()} ${el.textContent?.trim().slice(0, 30)}`,
					style: style.outlineStyle,
					width: parseFloat(style.outlineWidth),
					color: style.outlineColor,
					behind,
					inHeader: Boolean(el.closest('header'))
				};
			});
			if (!ring) continue;
			expect(ring.style, ring.where).toBe('solid');
			expect(ring.width, ring.where).toBeGreaterThanOrEqual(2);
			seen.push({
				where: ring.where,
				ratio: contrast(ring.color, ring.behind),
				inHeader: ring.inHeader
			});
		}
		expect(seen.filter((s) => s.inHeader).length).toBeGreaterThan(2);
		expect(seen.filter((s) => !s.inHeader).length).toBeGreaterThan(0);
		for (const { where, ratio } of seen) expect(ratio, where).toBeGreaterThanOrEqual(3);
	});
});
