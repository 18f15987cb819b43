import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inflateSync } from 'node:zlib';

const run = promisify(execFile);

/**
 * A tagged PDF's structure tree as poppler reads it back (`pdfinfo -struct-text`): element types
 * (H1, Table, TH, Figure, Link, ...) with their attributes and the text they mark.
 */
export interface StructNode {
	type: string;
	attributes: string[];
	/** The text directly in this element (its marked content), in reading order. */
	texts: string[];
	children: StructNode[];
}

export function parseStructText(output: string): StructNode {
	const root: StructNode = { type: 'Root', attributes: [], texts: [], children: [] };
	const stack: { indent: number; node: StructNode }[] = [{ indent: -1, node: root }];
	for (const line of output.split('\n')) {
		if (!line.trim()) continue;
		const indent = line.length - line.trimStart().length;
		const content = line.trim();
		while (stack.length > 1 && stack[stack.length - 1].indent >= indent) stack.pop();
		const parent = stack[stack.length - 1].node;
		if (content.startsWith('"')) {
			parent.texts.push(content.replace(/^"|"$/g, ''));
			continue;
		}
		if (content.startsWith('/')) {
			parent.attributes.push(content);
			continue;
		}
		const type = /^([A-Za-z0-9]+)/.exec(content)?.[1] ?? content;
		const node: StructNode = { type, attributes: [], texts: [], children: [] };
		parent.children.push(node);
		stack.push({ indent, node });
	}
	return root;
}

/** All text under a node, its parts joined by a space. */
export function textOf(node: StructNode): string {
	return [...node.texts, ...node.children.map(textOf)]
		.filter((t) => t !== '')
		.join(' ')
		.replace(/\s+/g, ' ')
		.trim();
}

export function findAll(node: StructNode, type: string): StructNode[] {
	return [...(node.type === type ? [node] : []), ...node.children.flatMap((c) => findAll(c, type))];
}

export interface StructTable {
	caption: string;
	/** Per row its cells, each with whether it is a header cell. */
	rows: { header: boolean; text: string; scope: string | null }[][];
}

export function tablesOf(root: StructNode): StructTable[] {
	return findAll(root, 'Table').map((t) => ({
		caption: textOf(
			findAll(t, 'Caption')[0] ?? { type: '', attributes: [], texts: [], children: [] }
		),
		rows: findAll(t, 'TR').map((tr) =>
			tr.children
				.filter((c) => c.type === 'TH' || c.type === 'TD')
				.map((c) => ({
					header: c.type === 'TH',
					text: textOf(c),
					scope: /\/Scope \/(\w+)/.exec(c.attributes.join(' '))?.[1] ?? null
				}))
		)
	}));
}

/** The headings in reading order: level and text. */
export function headingsOf(root: StructNode): { level: number; text: string }[] {
	const out: { level: number; text: string }[] = [];
	const walk = (n: StructNode) => {
		const m = /^H([1-6])$/.exec(n.type);
		if (m) out.push({ level: Number(m[1]), text: textOf(n) });
		n.children.forEach(walk);
	};
	walk(root);
	return out;
}

/** The PDF's objects as text, with every Flate stream inflated (for /Alt, /Lang, /Outlines). */
export function pdfObjectText(pdf: Buffer): string {
	const parts = [pdf.toString('latin1')];
	const raw = pdf.toString('latin1');
	for (const m of raw.matchAll(/stream\r?\n/g)) {
		const start = m.index! + m[0].length;
		const end = raw.indexOf('endstream', start);
		if (end < 0) continue;
		try {
			parts.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
		} catch {
			// not a Flate stream (an image, a font): nothing to read
		}
	}
	return parts.join('\n');
}

/** A PDF literal string's text: escapes resolved, UTF-16BE (with BOM) decoded. */
export function pdfString(literal: string): string {
	const bytes: number[] = [];
	for (let i = 0; i < literal.length; i++) {
		const c = literal[i];
		if (c !== '\\') {
			bytes.push(c.charCodeAt(0) & 0xff);
			continue;
		}
		const next = literal[++i];
		const octal = /^[0-7]{1,3}/.exec(literal.slice(i));
		if (octal) {
			bytes.push(parseInt(octal[0], 8));
			i += octal[0].length - 1;
		} else
			bytes.push(
				({ n: 10, r: 13, t: 9, b: 8, f: 12 } as Record<string, number>)[next] ?? next.charCodeAt(0)
			);
	}
	if (bytes[0] === 0xfe && bytes[1] === 0xff) {
		let s = '';
		for (let i = 2; i + 1 < bytes.length; i += 2)
			s += String.fromCharCode((bytes[i] << 8) | bytes[i + 1]);
		return s;
	}
	return Buffer.from(bytes).toString('latin1');
}

/** Every /Alt text of the PDF's structure elements. */
export function altTexts(pdf: Buffer): string[] {
	const text = pdfObjectText(pdf);
	return [...text.matchAll(/\/Alt\s*\(((?:\\.|[^\\)])*)\)/g)].map((m) => pdfString(m[1]));
}

/** pdfinfo, pdfinfo -struct-text, pdfinfo -url and pdffonts on a PDF. */
export async function popplerStructure(pdf: Buffer) {
	const dir = await mkdtemp(join(tmpdir(), 'jaarbeeld-struct-'));
	try {
		const file = join(dir, 'rapport.pdf');
		await writeFile(file, pdf);
		const [info, struct, urls, fonts] = await Promise.all([
			run('pdfinfo', [file]),
			run('pdfinfo', ['-struct-text', file], { maxBuffer: 64 << 20 }),
			run('pdfinfo', ['-url', file], { maxBuffer: 16 << 20 }),
			run('pdffonts', [file])
		]);
		return {
			info: info.stdout,
			/** Per font whether it is embedded (pdffonts' "emb" column). */
			fonts: fonts.stdout
				.split('\n')
				.slice(2)
				.filter((l) => l.trim())
				.map((l) => {
					const cols = l.trim().split(/\s+/);
					return { name: cols[0], embedded: cols[cols.length - 5] === 'yes' };
				}),
			tree: parseStructText(struct.stdout),
			structErrors: struct.stderr,
			urls: urls.stdout
				.split('\n')
				.slice(1)
				.map((l) => /^\s*\d+\s+\S+\s+(\S+)/.exec(l)?.[1])
				.filter((u): u is string => !!u)
		};
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}
