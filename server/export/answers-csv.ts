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
import { textStream } from './stream.js';

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

/**
 * One CSV field: numbers written in the dialect's decimal notation, text quoted when it
 * holds the separator, a quote, a line break or edge spaces.
 */
export function csvField(cell: Cell, dialect: CsvDialect = 'standard'): string {
  const rules = RULES[dialect];
  if (cell === null) return '';
  if (typeof cell === 'number') {
    const text = String(cell);
    return rules.decimalComma ? text.replace('.', ',') : text;
  }
  const needsQuotes = cell.includes(rules.separator) || /["\r\n]/.test(cell) || /^\s|\s$/.test(cell);
  return needsQuotes ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Lines of CSV for rows of cells (already neutralised), CRLF-terminated except the last. */
export function csvLines(rows: Cell[][], dialect: CsvDialect = 'standard'): string {
  const sep = RULES[dialect].separator;
  return rows.map((row) => row.map((cell) => csvField(cell, dialect)).join(sep)).join('\r\n');
}

/**
 * Streams the answers of one campaign as CSV, header first.
 * @param store Where the answers are.
 * @param campaign The campaign exported.
 * @param codebook Codebook of the campaign's questionnaire version.
 * @param dialect `standard` (default) or `excel-fr`.
 */
export function answersCsvStream(store: AnswerStore, campaign: Campaign, codebook: Codebook, dialect: CsvDialect = 'standard'): ReadableStream<Uint8Array> {
  // The header batch starts the file; every later batch starts with the line break that ends the previous one.
  return textStream(exportRows(store, campaign, codebook), (batch, first) => (batch.length ? `${first ? '' : '\r\n'}${csvLines(batch, dialect)}` : ''), BOM);
}
