/**
 * CSV exports of a campaign's answers, flattened by the codebook of its questionnaire
 * version and streamed as the store reads them (never the whole file in memory):
 * - `standard`: UTF-8, comma separator, decimal point (R, Python, LibreOffice);
 * - `excel-fr`: what French Excel opens with a double click: semicolon separator,
 *   decimal comma.
 * Both start with a byte order mark (so spreadsheets read the accents right) and end
 * lines with CRLF. Every text cell, header included, is neutralised against formula
 * injection; numbers stay numbers.
 */
import { scrubFreeText } from '../../analysis/disclosure/scrub.js';
import { exportCell, neutraliseText, type Cell } from '../../reports/cells.js';
import { flattenAnswerInto, type FlatValue } from '../../survey/codebook.js';
import type { Codebook } from '../../survey/types.js';
import type { AnswerStore, Campaign, StoredAnswer } from '../store/types.js';
import { EXPORT_PAGE_SIZE, exportColumns, hasSectionColumn } from './answer-rows.js';
import { ChunkWriter, recordsStream } from './stream.js';

/** The CSV variants offered. */
export type CsvDialect = 'standard' | 'excel-fr';

/** The byte order mark written first. */
export const BOM = '\uFEFF';

interface DialectRules {
  separator: string;
  decimalComma: boolean;
}

const RULES: Record<CsvDialect, DialectRules> = {
  standard: { separator: ',', decimalComma: false },
  'excel-fr': { separator: ';', decimalComma: true },
};

/** JavaScript's `\s` (the reference for "edge spaces"), tested on one character. */
const SPACE = /\s/;

function isSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  return code >= 160 && SPACE.test(String.fromCharCode(code));
}

/**
 * True when a text field must be quoted: it holds the separator, a quote, a line break,
 * or starts or ends with a space. A scan of char codes, as most cells are short codes.
 */
function needsQuotes(text: string, separator: number): boolean {
  const n = text.length;
  if (n === 0) return false;
  if (isSpace(text.charCodeAt(0)) || isSpace(text.charCodeAt(n - 1))) return true;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 || c === 10 || c === 13 || c === separator) return true;
  }
  return false;
}

function field(cell: Cell, rules: DialectRules): string {
  if (cell === null) return '';
  if (typeof cell === 'number') {
    const text = String(cell);
    return rules.decimalComma ? text.replace('.', ',') : text;
  }
  return needsQuotes(cell, rules.separator.charCodeAt(0)) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/**
 * One CSV field: numbers written in the dialect's decimal notation, text quoted when it
 * holds the separator, a quote, a line break or edge spaces.
 */
export function csvField(cell: Cell, dialect: CsvDialect = 'standard'): string {
  return field(cell, RULES[dialect]);
}

/** One row as a CSV line, without its line break. */
function csvLine(row: Cell[], rules: DialectRules): string {
  let line = row.length ? field(row[0]!, rules) : '';
  for (let i = 1; i < row.length; i++) line += rules.separator + field(row[i]!, rules);
  return line;
}

/** Lines of CSV for rows of cells (already neutralised), CRLF-terminated except the last. */
export function csvLines(rows: Cell[][], dialect: CsvDialect = 'standard'): string {
  const rules = RULES[dialect];
  let text = rows.length ? csvLine(rows[0]!, rules) : '';
  for (let i = 1; i < rows.length; i++) text += '\r\n' + csvLine(rows[i]!, rules);
  return text;
}

/** Bytes written as such: CR LF (the line break) and the double quote. */
const CR = 13;
const LF = 10;
const QUOTE = 34;

/**
 * Writes one text cell (already scrubbed and neutralised) at `out.used`, as `field` would
 * give it, UTF-8 encoded. Short ASCII codes are the usual cell: they are copied byte by byte
 * while scanned, and only a cell that needs quotes or holds other characters is redone.
 */
function writeText(out: ChunkWriter, text: string, separator: number): void {
  const n = text.length;
  // At most 3 bytes per UTF-16 unit, a doubled quote being 2, plus the 2 enclosing quotes.
  out.room(3 * n + 2);
  const buf = out.buf;
  const start = out.used;
  let at = start;
  if (n === 0) return;
  if (!isSpace(text.charCodeAt(0)) && !isSpace(text.charCodeAt(n - 1))) {
    let i = 0;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 128 || c === QUOTE || c === LF || c === CR || c === separator) break;
      buf[at++] = c;
    }
    if (i === n) {
      out.used = at;
      return;
    }
    if (!needsQuotes(text, separator)) {
      // Not ASCII, but no quotes needed: let Buffer encode it.
      out.used = start;
      out.utf8(text);
      return;
    }
  }
  out.used = start;
  out.utf8(`"${text.replace(/"/g, '""')}"`);
}

/** Writes a finite number as `String` gives it, with a decimal comma when asked. */
function writeNumber(out: ChunkWriter, x: number, decimalComma: boolean): void {
  // Small integers (the 0/1 of checkbox columns above all) without making a string.
  if (x >= 0 && x < 10 && (x | 0) === x) {
    out.room(1);
    out.buf[out.used++] = 48 + x;
    return;
  }
  // Other integers in int32 range, written digit by digit (String(x) gives the same digits).
  if ((x | 0) === x) {
    let v = x < 0 ? -x : x; // -0 is written 0, as String(-0) is
    let digits = 1;
    for (let t = v; t >= 10; t = Math.floor(t / 10)) digits++;
    out.room(digits + 1);
    const buf = out.buf;
    if (x < 0) buf[out.used++] = 45; // '-'
    for (let k = out.used + digits - 1; k >= out.used; k--) {
      buf[k] = 48 + (v % 10);
      v = Math.floor(v / 10);
    }
    out.used += digits;
    return;
  }
  const text = String(x); // ASCII: digits, '-', '.', 'e', '+'
  out.room(text.length);
  const buf = out.buf;
  let at = out.used;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    buf[at++] = c === 46 && decimalComma ? 44 : c;
  }
  out.used = at;
}

/** Writes one cell already made by exportCell (`field`'s rules, straight into the chunk). */
function writeCell(out: ChunkWriter, cell: Cell, rules: DialectRules, separator: number): void {
  if (cell === null) return;
  if (typeof cell === 'number') writeNumber(out, cell, rules.decimalComma);
  else writeText(out, cell, separator);
}

/**
 * Writes answers as CSV lines, each starting with its line break (the header is first):
 * the cells of export rows (see answer-rows.ts) without making the row, its cells' strings
 * or the line. One flattening array is reused for every answer.
 */
function answerLineWriter(campaign: Campaign, codebook: Codebook, rules: DialectRules): (answer: StoredAnswer, out: ChunkWriter) => void {
  const separator = rules.separator.charCodeAt(0);
  const section = hasSectionColumn(campaign);
  const freeText = codebook.columns.map((c) => c.freeText);
  const width = freeText.length;
  const flat: FlatValue[] = new Array(width).fill(null);
  const sep = (out: ChunkWriter) => {
    out.room(1);
    out.buf[out.used++] = separator;
  };
  return (answer, out) => {
    out.room(2);
    out.buf[out.used++] = CR;
    out.buf[out.used++] = LF;
    writeCell(out, exportCell(answer.campaignId), rules, separator);
    sep(out);
    writeCell(out, exportCell(answer.questionnaireVersion), rules, separator);
    sep(out);
    writeCell(out, exportCell(answer.submittedOn), rules, separator);
    if (section) {
      sep(out);
      writeCell(out, exportCell(answer.section ?? null), rules, separator);
    }
    flattenAnswerInto(codebook, answer.data, flat, 0);
    for (let i = 0; i < width; i++) {
      sep(out);
      const v = flat[i]!;
      if (v === null) continue;
      if (typeof v === 'number') {
        // exportCell: a non-finite number is empty (flattening already gives none).
        if (Number.isFinite(v)) writeNumber(out, v, rules.decimalComma);
        continue;
      }
      // As exportCell(scrubValue(v)) for free texts, exportCell(v) otherwise.
      writeText(out, neutraliseText(freeText[i] ? scrubFreeText(v) : v), separator);
    }
  };
}

/**
 * Streams the answers of one campaign as CSV, header first: the same bytes as csvLines of
 * exportRows, written straight into the stream's chunks (see answerLineWriter).
 * @param store Where the answers are.
 * @param campaign The campaign exported.
 * @param codebook Codebook of the campaign's questionnaire version.
 * @param dialect `standard` (default) or `excel-fr`.
 */
export function answersCsvStream(store: AnswerStore, campaign: Campaign, codebook: Codebook, dialect: CsvDialect = 'standard'): ReadableStream<Uint8Array> {
  const rules = RULES[dialect];
  const separator = rules.separator.charCodeAt(0);
  const header = exportColumns(campaign, codebook).map(exportCell);
  return recordsStream(store.iterateAnswers({ campaignId: campaign.id }, { pageSize: EXPORT_PAGE_SIZE }), answerLineWriter(campaign, codebook, rules), (out) => {
    out.room(3);
    out.utf8(BOM);
    header.forEach((cell, i) => {
      if (i) {
        out.room(1);
        out.buf[out.used++] = separator;
      }
      writeCell(out, cell, rules, separator);
    });
  });
}
