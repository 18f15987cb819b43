import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';

const run = promisify(execFile);

export interface SheetCells {
	name: string;
	rows: unknown[][];
}

/** Reads a workbook back with exceljs (every sheet, cell values as stored). */
export async function readWorkbook(
	buffer: Buffer
): Promise<{ sheets: SheetCells[]; workbook: ExcelJS.Workbook }> {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
	const sheets = workbook.worksheets.map((ws) => {
		const rows: unknown[][] = [];
		ws.eachRow({ includeEmpty: true }, (row, n) => {
			rows[n - 1] = (row.values as unknown[]).slice(1);
		});
		return { name: ws.name, rows };
	});
	return { sheets, workbook };
}

/** LibreOffice's own reading of the workbook: every sheet converted to CSV (UTF-8). */
export async function libreOfficeCsv(buffer: Buffer): Promise<Map<string, string>> {
	const dir = await mkdtemp(join(tmpdir(), 'jaarbeeld-lo-'));
	try {
		const file = join(dir, 'werkboek.xlsx');
		await writeFile(file, buffer);
		await run(
			'soffice',
			[
				'--headless',
				`-env:UserInstallation=file://${dir}/profile`,
				'--convert-to',
				'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
				'--outdir',
				dir,
				file
			],
			{ timeout: 120_000 }
		);
		const out = new Map<string, string>();
		for (const f of await readdir(dir))
			if (f.endsWith('.csv'))
				out.set(
					f.replace(/^werkboek-?/, '').replace(/\.csv$/, ''),
					await readFile(join(dir, f), 'utf8')
				);
		return out;
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

/** Minimal CSV parser (quotes, doubled quotes, newlines in quotes). */
export function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (c === '"') quoted = false;
			else cell += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			row.push(cell);
			cell = '';
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && text[i + 1] === '\n') i++;
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
		} else cell += c;
	}
	if (cell !== '' || row.length) {
		row.push(cell);
		rows.push(row);
	}
	return rows;
}

/** pdftotext and pdfinfo (poppler) on a PDF. */
export async function popplerRead(buffer: Buffer): Promise<{ text: string; info: string }> {
	const dir = await mkdtemp(join(tmpdir(), 'jaarbeeld-pdf-'));
	try {
		const file = join(dir, 'rapport.pdf');
		await writeFile(file, buffer);
		const text = (await run('pdftotext', ['-layout', file, '-'], { maxBuffer: 64 << 20 })).stdout;
		const info = (await run('pdfinfo', ['-f', '1', '-l', '9999', file])).stdout;
		return { text, info };
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

export async function streamToBuffer(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
	const chunks: Uint8Array[] = [];
	const reader = stream.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		chunks.push(value);
	}
	return Buffer.concat(chunks);
}

export interface PdfWord {
	page: number;
	xMin: number;
	xMax: number;
	text: string;
}

/** Every word of a PDF with its page and horizontal position (pdftotext -bbox), and page widths. */
export async function popplerWords(
	buffer: Buffer
): Promise<{ words: PdfWord[]; pageWidths: number[] }> {
	const dir = await mkdtemp(join(tmpdir(), 'jaarbeeld-pdf-'));
	try {
		const file = join(dir, 'rapport.pdf');
		await writeFile(file, buffer);
		const html = (await run('pdftotext', ['-bbox', file, '-'], { maxBuffer: 64 << 20 })).stdout;
		const words: PdfWord[] = [];
		const pageWidths: number[] = [];
		for (const page of html.split('<page ').slice(1)) {
			pageWidths.push(Number(/width="([\d.]+)"/.exec(page)![1]));
			for (const m of page.matchAll(
				/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)<\/word>/g
			))
				words.push({
					page: pageWidths.length,
					xMin: Number(m[1]),
					xMax: Number(m[2]),
					text: m[3]
				});
		}
		return { words, pageWidths };
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}
