import type { Component } from 'svelte';
import { render } from 'svelte/server';
import Bars from '../../components/charts/Bars.svelte';
import StackedColumns from '../../components/charts/StackedColumns.svelte';

/**
 * The dashboard's own chart components, rendered on the server, reduced to their plot SVG for the
 * report, where each becomes an image with the component's summary as its alternative text. Only
 * the markup around the SVG is dropped (frame, summary, legend, table alternative); the colours
 * are written as hex and solid patterns as their colour, so the SVG stands alone as an image.
 */
/** Debian's fonts-liberation (a dependency of chromium), as in the report's print styles. */
const CHART_FONT = 'Liberation Sans, DejaVu Sans, sans-serif';

export interface ChartSvg {
	svg: string;
	width: number;
	height: number;
	summary: string;
}

function plotSvg<P extends Record<string, unknown>>(component: Component<P>, props: P): ChartSvg {
	const { body } = render(component, { props });
	const match =
		/<svg\b[^>]*viewBox="0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)"[^>]*>[\s\S]*?<\/svg>/.exec(body);
	if (!match) throw new Error('Grafiek zonder SVG');
	const summary = /<p class="summary[^"]*">([\s\S]*?)<\/p>/.exec(body)?.[1] ?? '';
	let svg = solidPatterns(pdfColours(match[0]));
	if (!/xmlns=/.test(svg)) svg = svg.replace('<svg', '<svg xmlns="http://www.w3.org/2000/svg"');
	// The dashboard sets the label size in CSS (ChartFrame); the image gets the same as attributes.
	svg = svg.replace(/<svg\b/, `<svg font-size="11" font-family="${CHART_FONT}" fill="#1b2430"`);
	return { svg, width: Number(match[1]), height: Number(match[2]), summary: decode(summary) };
}

export function stackedColumnsSvg(props: {
	title: string;
	labels: string[];
	series: { label: string; values: number[]; rest?: boolean }[];
	positionHeader: string;
}): ChartSvg {
	return plotSvg(StackedColumns, props);
}

export function barsSvg(props: {
	title: string;
	items: { label: string; value: number }[];
	labelHeader: string;
	valueHeader: string;
}): ChartSvg {
	return plotSvg(Bars, props);
}

/** Comments dropped and hsl() colours written as hex, so the chart stands alone as an image. */
function pdfColours(svg: string): string {
	return svg
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/hsl\(\s*([\d.]+)(?:deg)?[\s,]+([\d.]+)%[\s,]+([\d.]+)%\s*\)/g, (_, h, s, l) =>
			hslToHex(Number(h), Number(s), Number(l))
		);
}

/**
 * A pattern that is only a solid rectangle (the first fills of the palette) is drawn as that
 * colour: the same picture, with fewer tiling patterns for the PDF to carry.
 */
function solidPatterns(svg: string): string {
	const solid = new Map<string, string>();
	for (const m of svg.matchAll(/<pattern\b[^>]*\bid="([^"]+)"[^>]*>([\s\S]*?)<\/pattern>/g)) {
		const inner = m[2].trim();
		const rect = /^<rect\b[^>]*\bfill="([^"]+)"[^>]*>(?:<\/rect>)?$/.exec(
			inner.replace(/\/>$/, '>')
		);
		if (rect && !/<line\b/.test(inner)) solid.set(m[1], rect[1]);
	}
	return svg.replace(/url\(#([^)]+)\)/g, (all, id: string) => solid.get(id) ?? all);
}

function hslToHex(h: number, s: number, l: number): string {
	const sat = s / 100;
	const light = l / 100;
	const k = (n: number) => (n + h / 30) % 12;
	const a = sat * Math.min(light, 1 - light);
	const f = (n: number) => light - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
	const hex = (x: number) =>
		Math.round(x * 255)
			.toString(16)
			.padStart(2, '0');
	return `#${hex(f(0))}${hex(f(8))}${hex(f(4))}`;
}

function decode(html: string): string {
	return html
		.replace(/<[^>]+>/g, '')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&');
}
