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
import type { Codebook } from '../../survey/types.js';
import type { AnswerStore, Campaign } from '../store/types.js';
import { exportRows } from './answer-rows.js';
import type { Cell } from '../../reports/cells.js';
import { linesStream } from './stream.js';

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

/**
 * Streams the answers of one campaign as CSV, header first.
 * @param store Where the answers are.
 * @param campaign The campaign exported.
 * @param codebook Codebook of the campaign's questionnaire version.
 * @param dialect `standard` (default) or `excel-fr`.
 */
export function answersCsvStream(store: AnswerStore, campaign: Campaign, codebook: Codebook, dialect: CsvDialect = 'standard'): ReadableStream<Uint8Array> {
  const rules = RULES[dialect];
  return linesStream(exportRows(store, campaign, codebook), (row) => csvLine(row, rules), BOM, '\r\n');
}
