import { constants, crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

// Hand-made .xlsx files for the upload limits: a real template with one part replaced by a
// huge one. The huge parts are built from one deflated block repeated, so making a file that
// unpacks to a gigabyte costs the test a few megabytes and milliseconds.

interface Part {
	name: string;
	/** raw deflate data */
	data: Buffer;
	crc: number;
	size: number;
}

/** The parts of a zip, inflated (the templates exceljs writes: no zip64, deflate or stored). */
function parts(zip: Buffer): { name: string; content: Buffer }[] {
	let eocd = zip.length - 22;
	while (zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
	const count = zip.readUInt16LE(eocd + 10);
	let at = zip.readUInt32LE(eocd + 16);
	const list = [];
	for (let i = 0; i < count; i++) {
		const method = zip.readUInt16LE(at + 10);
		const compressed = zip.readUInt32LE(at + 20);
		const nameLength = zip.readUInt16LE(at + 28);
		const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
		const local = zip.readUInt32LE(at + 42);
		const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
		const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
		const data = zip.subarray(start, start + compressed);
		list.push({ name, content: method === 8 ? inflateRawSync(data) : Buffer.from(data) });
		at += 46 + skip;
	}
	return list;
}

const plain = (name: string, content: Buffer): Part => ({
	name,
	data: deflateRawSync(content),
	crc: crc32(content),
	size: content.length
});

/** `head`, then `middle` `times` times, then `tail`, as one deflate stream of a few blocks. */
export function repeatedPart(
	name: string,
	head: string,
	middle: string,
	times: number,
	tail: string
): Part {
	const sync = { finishFlush: constants.Z_SYNC_FLUSH };
	const m = Buffer.from(middle);
	const blocks = [deflateRawSync(Buffer.from(head), sync)];
	const block = deflateRawSync(m, sync);
	let crc = crc32(Buffer.from(head));
	for (let i = 0; i < times; i++) {
		blocks.push(block);
		crc = crc32(m, crc);
	}
	blocks.push(deflateRawSync(Buffer.from(tail)));
	crc = crc32(Buffer.from(tail), crc);
	return {
		name,
		data: Buffer.concat(blocks),
		crc,
		size: (Buffer.byteLength(head) + m.length * times + Buffer.byteLength(tail)) >>> 0
	};
}

function write(list: Part[]): Buffer {
	const locals: Buffer[] = [];
	const central: Buffer[] = [];
	let offset = 0;
	for (const p of list) {
		const name = Buffer.from(p.name);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(8, 8);
		local.writeUInt32LE(p.crc >>> 0, 14);
		local.writeUInt32LE(p.data.length, 18);
		local.writeUInt32LE(p.size, 22);
		local.writeUInt16LE(name.length, 26);
		const entry = Buffer.alloc(46);
		entry.writeUInt32LE(0x02014b50, 0);
		entry.writeUInt16LE(20, 4);
		entry.writeUInt16LE(20, 6);
		entry.writeUInt16LE(8, 10);
		entry.writeUInt32LE(p.crc >>> 0, 16);
		entry.writeUInt32LE(p.data.length, 20);
		entry.writeUInt32LE(p.size, 24);
		entry.writeUInt16LE(name.length, 28);
		entry.writeUInt32LE(offset, 42);
		locals.push(local, name, p.data);
		central.push(entry, name);
		offset += 30 + name.length + p.data.length;
	}
	const dir = Buffer.concat(central);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(list.length, 8);
	end.writeUInt16LE(list.length, 10);
	end.writeUInt32LE(dir.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, dir, end]);
}

/** The zip with some parts replaced (by name) or added. */
export function replaceParts(zip: Buffer, replacements: Part[]): Buffer {
	const byName = new Map(replacements.map((r) => [r.name, r]));
	const list = parts(zip).map((p) => byName.get(p.name) ?? plain(p.name, p.content));
	for (const r of replacements) if (!list.includes(r)) list.push(r);
	return write(list);
}

/** The worksheet part that holds the sheet called `sheet`. */
export function sheetPart(zip: Buffer, sheet: string): string {
	const all = parts(zip);
	const workbook = all.find((p) => p.name === 'xl/workbook.xml')!.content.toString();
	const rels = all.find((p) => p.name === 'xl/_rels/workbook.xml.rels')!.content.toString();
	const escaped = sheet.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const id = new RegExp(`<sheet [^>]*name="${escaped}"[^>]*r:id="([^"]+)"`).exec(workbook)![1];
	const target =
		new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
		new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)![1];
	return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

const SHEET_HEAD =
	'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';

/** A sheet of `rows` rows below nothing, each one text cell: a million of them pack into ~5 MB. */
export function manyRowsSheet(part: string, rows: number): Part {
	const per = 1000;
	const row = '<row><c t="inlineStr"><is><t>x</t></is></c></row>';
	return repeatedPart(part, SHEET_HEAD, row.repeat(per), Math.ceil(rows / per), SHEET_TAIL);
}

/** A part that unpacks to `megabytes` MB of spaces inside an XML comment. */
export function bombPart(part: string, megabytes: number): Part {
	return repeatedPart(
		part,
		'<?xml version="1.0"?><!--',
		' '.repeat(1024 * 1024),
		megabytes,
		'--><sst/>'
	);
}
