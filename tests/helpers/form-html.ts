import type { Component } from 'svelte';
import { render } from 'svelte/server';

// What a browser submits for a server-rendered form, read from its HTML: the successful controls
// (inputs with a name, checked checkboxes, the selected option, textareas) in document order.
// Tests use it to post exactly what a form shows, so a value the form cannot show is lost here
// just as it would be in a browser.

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', lt: '<', gt: '>', apos: "'" };

function decode(text: string): string {
	return text.replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (m, e: string) => {
		if (e[0] === '#')
			return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
		return ENTITIES[e] ?? m;
	});
}

function attributes(tag: string): Map<string, string> {
	const attrs = new Map<string, string>();
	for (const m of tag.matchAll(/\s([a-z-:]+)(?:="([^"]*)")?/gi))
		attrs.set(m[1].toLowerCase(), decode(m[2] ?? ''));
	return attrs;
}

/** A control of the form: its name, its kind and what it would submit now. */
export interface Control {
	name: string;
	kind: 'text' | 'hidden' | 'checkbox' | 'select' | 'textarea';
	/** The submitted value; for a checkbox the value it sends when checked. */
	value: string;
	checked: boolean;
	/** The options of a select. */
	options: string[];
}

/** The named controls of the first form in `html`. */
export function controlsOf(html: string): Control[] {
	const start = html.indexOf('<form');
	const form = html.slice(start, html.indexOf('</form>', start));
	const controls: Control[] = [];
	const re =
		/<input\b[^>]*>|<textarea\b[^>]*>([\s\S]*?)<\/textarea>|<select\b[^>]*>([\s\S]*?)<\/select>/gi;
	for (const m of form.matchAll(re)) {
		const attrs = attributes(m[0].slice(0, m[0].indexOf('>') + 1));
		const name = attrs.get('name');
		if (!name || attrs.has('disabled')) continue;
		if (m[0].startsWith('<textarea')) {
			controls.push({ name, kind: 'textarea', value: decode(m[1]), checked: false, options: [] });
		} else if (m[0].startsWith('<select')) {
			const options = [...m[2].matchAll(/<option\b[^>]*>/gi)].map((o) => attributes(o[0]));
			const selected = options.find((o) => o.has('selected')) ?? options[0];
			controls.push({
				name,
				kind: 'select',
				value: selected?.get('value') ?? '',
				checked: false,
				options: options.map((o) => o.get('value') ?? '')
			});
		} else {
			const type = attrs.get('type') ?? 'text';
			if (type === 'checkbox')
				controls.push({
					name,
					kind: 'checkbox',
					value: attrs.get('value') ?? 'on',
					checked: attrs.has('checked'),
					options: []
				});
			else
				controls.push({
					name,
					kind: type === 'hidden' ? 'hidden' : 'text',
					value: attrs.get('value') ?? '',
					checked: false,
					options: []
				});
		}
	}
	return controls;
}

/** The form data a browser posts for these controls. */
export function formDataOf(controls: Control[]): FormData {
	const data = new FormData();
	for (const c of controls) {
		if (c.kind === 'checkbox' && !c.checked) continue;
		data.append(c.name, c.value);
	}
	return data;
}

/** Renders a component on the server and returns the controls of its form. */
export function renderForm<P extends Record<string, unknown>>(
	component: Component<P>,
	props: P
): Control[] {
	return controlsOf(render(component, { props }).body);
}
