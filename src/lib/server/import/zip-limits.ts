import { createInflateRaw } from 'node:zlib';

// An .xlsx is a zip of XML files. exceljs unpacks and parses all of it into memory, so a small
// upload can stand for gigabytes (a zip bomb) or a million rows (issue 13: 5 MB stalled the server
// for seconds and took 1.2 GB). Before exceljs sees a file, this inflates every entry as a stream,
// counting bytes, rows and cells and throwing the inflated text away, and stops at the first limit.

/** Data rows per record sheet; stated in the message and the template's instructions. */
export const MAX_ROWS_PER_SHEET = 2000;
/** Rows of any other sheet (the lists of organisations, places and students). */
export const MAX_ROWS_OTHER_SHEET = 20_000;
/** Cells in all sheets together. */
export const MAX_CELLS = 200_000;
/** All entries together, unpacked. */
export const MAX_UNPACKED_BYTES = 40 * 1024 * 1024;
const MAX_ENTRIES = 500;
/** workbook.xml and its relations are read whole; they are small in any real file. */
const MAX_INDEX_BYTES = 1024 * 1024;

export type ZipLimit =
	| { kind: 'unpacked' }
	| { kind: 'rows'; sheet: string; limit: number }
	| { kind: 'cells' }
	| { kind: 'damaged' };

export class ZipLimitError extends Error {
	constructor(readonly limit: ZipLimit) {
		super(limit.kind);
	}
}

interface Entry {
	name: string;
	method: number;
	compressedSize: number;
	localOffset: number;
}

const damaged = () => new ZipLimitError({ kind: 'damaged' });

/** The central directory: every entry's name, method, compressed size and where its data is. */
function entries(bytes: Buffer): Entry[] {
	// the end-of-central-directory record is in the last 64 KiB + 22 bytes
	const from = Math.max(0, bytes.length - 65_557);
	let eocd = -1;
	for (let i = bytes.length - 22; i >= from; i--)
		if (bytes.readUInt32LE(i) === 0x06054b50) {
			eocd = i;
			break;
		}
	if (eocd < 0) throw damaged();
	const count = bytes.readUInt16LE(eocd + 10);
	let at = bytes.readUInt32LE(eocd + 16);
	if (count > MAX_ENTRIES) throw new ZipLimitError({ kind: 'unpacked' });
	const list: Entry[] = [];
	for (let n = 0; n < count; n++) {
		if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) throw damaged();
		const method = bytes.readUInt16LE(at + 10);
		const compressedSize = bytes.readUInt32LE(at + 20);
		const nameLength = bytes.readUInt16LE(at + 28);
		const extraLength = bytes.readUInt16LE(at + 30);
		const commentLength = bytes.readUInt16LE(at + 32);
		const localOffset = bytes.readUInt32LE(at + 42);
		const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
		list.push({ name, method, compressedSize, localOffset });
		at += 46 + nameLength + extraLength + commentLength;
	}
	return list;
}

function entryData(bytes: Buffer, entry: Entry): Buffer {
	const at = entry.localOffset;
	if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== 0x04034b50) throw damaged();
	const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
	const end = start + entry.compressedSize;
	if (end > bytes.length) throw damaged();
	return bytes.subarray(start, end);
}

/**
 * Inflates one entry chunk by chunk; `onChunk` sees the text and may throw to stop. Returns the
 * number of unpacked bytes; stops as soon as `budget` bytes are exceeded.
 */
function inflate(
	data: Buffer,
	method: number,
	budget: number,
	onChunk: (text: string) => void
): Promise<number> {
	if (method === 0) {
		if (data.length > budget) return Promise.reject(new ZipLimitError({ kind: 'unpacked' }));
		onChunk(data.toString('utf8'));
		return Promise.resolve(data.length);
	}
	if (method !== 8) return Promise.reject(damaged());
	return new Promise((resolve, reject) => {
		const stream = createInflateRaw({ chunkSize: 64 * 1024 });
		let size = 0;
		const stop = (error: Error) => {
			stream.destroy();
			reject(error);
		};
		stream.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > budget) return stop(new ZipLimitError({ kind: 'unpacked' }));
			try {
				onChunk(chunk.toString('latin1'));
			} catch (error) {
				stop(error as Error);
			}
		});
		stream.on('error', () => reject(damaged()));
		stream.on('end', () => resolve(size));
		stream.end(data);
	});
}

/** Counts rows that hold at least one cell, and cells, across chunk boundaries. */
function rowCounter() {
	let tail = '';
	let rows = 0;
	let cells = 0;
	let rowOpen = false;
	const tokens = /<(?:\w+:)?(row|c)[\s>/]/g;
	return {
		feed(text: string) {
			const chunk = tail + text;
			// a tag may be cut at the end of a chunk: keep the last few characters for the next one
			const keepFrom = Math.max(0, chunk.length - 8);
			tokens.lastIndex = 0;
			let m: RegExpExecArray | null;
			while ((m = tokens.exec(chunk))) {
				if (m.index >= keepFrom) break;
				if (m[1] === 'row') rowOpen = true;
				else {
					cells++;
					if (rowOpen) {
						rows++;
						rowOpen = false;
					}
				}
			}
			tail = chunk.slice(keepFrom);
		},
		get rows() {
			return rows;
		},
		get cells() {
			return cells;
		}
	};
}

/** Sheet name by worksheet part ('xl/worksheets/sheet2.xml'), from workbook.xml and its rels. */
async function sheetNames(bytes: Buffer, list: Entry[]): Promise<Map<string, string>> {
	const read = async (name: string) => {
		const entry = list.find((e) => e.name === name);
		if (!entry) return '';
		let text = '';
		await inflate(entryData(bytes, entry), entry.method, MAX_INDEX_BYTES, (t) => (text += t));
		return Buffer.from(text, 'latin1').toString('utf8');
	};
	const [workbook, rels] = await Promise.all([
		read('xl/workbook.xml'),
		read('xl/_rels/workbook.xml.rels')
	]);
	const targets = new Map<string, string>();
	for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
		const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
		const target = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
		if (id && target)
			targets.set(
				id,
				target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`
			);
	}
	const names = new Map<string, string>();
	for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
		const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
		const id = /\br:id="([^"]+)"/.exec(m[0])?.[1] ?? /\bid="([^"]+)"/.exec(m[0])?.[1];
		const part = id ? targets.get(id) : undefined;
		if (name !== undefined && part) names.set(part, unescapeXml(name));
	}
	return names;
}

const unescapeXml = (v: string) =>
	v
		.replaceAll('&lt;', '<')
		.replaceAll('&gt;', '>')
		.replaceAll('&quot;', '"')
		.replaceAll('&apos;', "'")
		.replaceAll('&amp;', '&');

/**
 * Throws ZipLimitError when the workbook is larger unpacked than MAX_UNPACKED_BYTES, a record
 * sheet (one of `recordSheets`) has more than MAX_ROWS_PER_SHEET filled rows below its header,
 * another sheet more than MAX_ROWS_OTHER_SHEET, or all sheets together more than MAX_CELLS cells.
 * Memory stays at a few chunks of 64 KiB whatever the file claims; inflating runs off the event
 * loop (zlib's thread pool).
 */
export async function checkWorkbookLimits(
	bytes: Uint8Array,
	recordSheets: readonly string[]
): Promise<void> {
	const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const list = entries(buffer);
	const names = await sheetNames(buffer, list);
	let budget = MAX_UNPACKED_BYTES;
	let cells = 0;
	for (const entry of list) {
		const sheet = names.get(entry.name);
		const isSheet = /^xl\/worksheets\/[^/]+\.xml$/.test(entry.name);
		const limit =
			(sheet && recordSheets.includes(sheet) ? MAX_ROWS_PER_SHEET : MAX_ROWS_OTHER_SHEET) + 1;
		const counter = rowCounter();
		let counted = 0;
		budget -= await inflate(entryData(buffer, entry), entry.method, budget, (text) => {
			if (!isSheet) return;
			counter.feed(text);
			if (counter.rows > limit)
				throw new ZipLimitError({ kind: 'rows', sheet: sheet ?? entry.name, limit: limit - 1 });
			if (cells + counter.cells > MAX_CELLS) throw new ZipLimitError({ kind: 'cells' });
			counted = counter.cells;
		});
		cells += counted;
	}
}
