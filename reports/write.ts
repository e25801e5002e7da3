/**
 * Writes a report's files: the self-contained HTML, its PDF, a PNG of every figure and
 * the table behind every figure as CSV and XLSX. Each file is written under a temporary
 * name and renamed, so a reader never sees half a file.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { neutraliseText } from './cells.js';
import type { Locale } from '../survey/types.js';
import type { FigureCell, FigureTable, ReportFigure } from './figure.js';
import { htmlToPdf } from './pdf.js';
import { svgToPng } from './png.js';

/** The kinds of file a report can be written as. */
export const OUTPUT_FORMATS = ['html', 'pdf', 'png', 'csv', 'xlsx'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

async function writeAtomically(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}

/**
 * Writes a report as `index.html` in `outDir` (created if needed).
 * @returns The path of the written file.
 */
export async function writeReport(outDir: string, report: { html: string }): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const file = join(outDir, 'index.html');
  await writeAtomically(file, report.html);
  return file;
}

/** A text cell neutralised for spreadsheets; numbers stay numbers. */
function sheetCell(v: FigureCell): string | number | null {
  return typeof v === 'string' ? neutraliseText(v) : v;
}

/** A figure's table as CSV: UTF-8 with a byte-order mark (for Excel), comma, decimal point, header of labels. */
export function tableCsv(table: FigureTable): string {
  const fields = table.columns.map((c) => neutraliseText(c.label));
  const data = table.rows.map((r) => table.columns.map((c) => sheetCell(r[c.key] ?? null)));
  return `\ufeff${Papa.unparse({ fields, data }, { newline: '\r\n' })}\r\n`;
}

/** A figure's table as an XLSX workbook: one sheet, header of labels, numbers as numeric cells. */
export async function tableXlsx(table: FigureTable, title: string, sheet: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.title = title;
  const ws = workbook.addWorksheet(sheet.replace(/[[\]:*?/\\]/g, '-').slice(0, 31) || 'table');
  ws.addRow(table.columns.map((c) => neutraliseText(c.label))).font = { bold: true };
  for (const r of table.rows) ws.addRow(table.columns.map((c) => sheetCell(r[c.key] ?? null)));
  ws.columns.forEach((col, i) => {
    const widest = Math.max(...[table.columns[i].label, ...table.rows.map((r) => String(r[table.columns[i].key] ?? ''))].map((s) => s.length));
    col.width = Math.min(60, Math.max(8, widest + 2));
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Options of writeReportOutputs(). */
export interface WriteOutputsOptions {
  locale: Locale;
  /** What to write (default: every format). */
  formats?: readonly OutputFormat[];
  /** Text on the left of the PDF footer. */
  title?: string;
  /** Called after each file is written, with its path relative to outDir. */
  onFile?: (done: number, total: number, file: string) => void;
}

/**
 * Writes a report in `outDir` (created if needed): `index.html`, `report.pdf`,
 * `figures/<id>.png`, `tables/<id>.csv` and `tables/<id>.xlsx`, as the formats ask.
 * The PDF is printed last: it needs Chromium, and the other files are useful without it.
 * @returns The paths written, relative to outDir, in the order written.
 * @throws When a format is unknown, Chromium or the fonts are missing, or a file cannot be written.
 */
export async function writeReportOutputs(outDir: string, report: { html: string; figures: readonly ReportFigure[] }, options: WriteOutputsOptions): Promise<string[]> {
  const formats = new Set(options.formats ?? OUTPUT_FORMATS);
  for (const f of formats) if (!(OUTPUT_FORMATS as readonly string[]).includes(f)) throw new Error(`unknown report format "${f}"`);
  const ids = new Set<string>();
  for (const f of report.figures) {
    if (!/^[\w-]+$/.test(f.id) || ids.has(f.id)) throw new Error(`figure id "${f.id}" is not a unique file name`);
    ids.add(f.id);
  }
  const n = report.figures.length;
  const total = (formats.has('html') ? 1 : 0) + (formats.has('pdf') ? 1 : 0) + ['png', 'csv', 'xlsx'].filter((f) => formats.has(f as OutputFormat)).length * n;
  const written: string[] = [];
  const put = async (rel: string, data: string | Uint8Array) => {
    await writeAtomically(join(outDir, rel), data);
    written.push(rel);
    options.onFile?.(written.length, total, rel);
  };

  await mkdir(outDir, { recursive: true });
  if (formats.has('html')) await put('index.html', report.html);
  if (formats.has('csv') || formats.has('xlsx')) await mkdir(join(outDir, 'tables'), { recursive: true });
  for (const f of report.figures) {
    if (formats.has('csv')) await put(join('tables', `${f.id}.csv`), tableCsv(f.table));
    if (formats.has('xlsx')) await put(join('tables', `${f.id}.xlsx`), await tableXlsx(f.table, f.title, f.id));
  }
  if (formats.has('png')) {
    await mkdir(join(outDir, 'figures'), { recursive: true });
    for (const f of report.figures) await put(join('figures', `${f.id}.png`), svgToPng(f.svg));
  }
  if (formats.has('pdf')) await put('report.pdf', await htmlToPdf(report.html, { locale: options.locale, footerTitle: options.title }));
  return written;
}
