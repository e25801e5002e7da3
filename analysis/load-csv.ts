/**
 * A generic CSV loader for any survey file (a LimeSurvey export, a file made in R or a
 * spreadsheet), for commands that do not know the questionnaire behind it.
 *
 * - UTF-8, with or without a byte order mark; comma or semicolon separated (guessed);
 *   quoted fields; one header row of unique, non-empty column names; blank lines ignored.
 * - An empty cell (or one of spaces only) is a missing value, and so is a cell equal to one of
 *   the codes the caller declares missing (e.g. R's `NA`, or `-99`), spaces around it aside.
 * - A column is numeric when every non-empty cell is a plain number — decimal point, or also
 *   decimal comma in a semicolon file (French spreadsheets), optional sign and exponent — and
 *   none has a leading zero before another digit: codes such as départements "01", "2A",
 *   "974" are identifiers, so a column holding "01" stays text. Every other column is text
 *   and keeps its strings exactly as written.
 */
import Papa from 'papaparse';

/** A CSV that cannot be read: not CSV, no header, ragged rows, duplicate column names. */
export class CsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvError';
  }
}

/** One column of a loaded CSV. `text` always holds the cells as written (null when empty). */
export type CsvColumn =
  | { name: string; kind: 'number'; text: readonly (string | null)[]; numbers: readonly (number | null)[] }
  | { name: string; kind: 'text'; text: readonly (string | null)[] };

/** A loaded CSV: its columns in file order, all of `rowCount` rows. */
export interface CsvTable {
  readonly names: readonly string[];
  readonly rowCount: number;
  readonly delimiter: ',' | ';';
  readonly columns: ReadonlyMap<string, CsvColumn>;
}

/** The line in the file of data row `index` (the header is line 1), for messages. */
export const lineOfRow = (index: number): number => index + 2;

const PLAIN_NUMBER = /^[-+]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][-+]?\d+)?$/;
const LEADING_ZERO = /^[-+]?0\d/;

/**
 * Reads one cell as a plain number, or returns undefined when it is not one.
 * @param decimalComma accept a decimal comma (semicolon files) as well as a decimal point.
 */
export function parsePlainNumber(cell: string, decimalComma: boolean): number | undefined {
  if (!PLAIN_NUMBER.test(cell) || LEADING_ZERO.test(cell)) return undefined;
  if (cell.includes(',') && !decimalComma) return undefined;
  const value = Number(cell.replace(',', '.'));
  return Number.isFinite(value) ? value : undefined;
}

/**
 * Splits CSV text into rows of strings, after checking it is a rectangular table.
 * @throws CsvError when the text is not readable CSV, has no header or has ragged rows.
 */
export function parseCsvRows(text: string): { header: string[]; rows: string[][]; delimiter: ',' | ';' } {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy', delimitersToGuess: [',', ';'] });
  const broken = parsed.errors.find((e) => e.type === 'Quotes');
  if (broken) throw new CsvError(`unreadable CSV${broken.row !== undefined ? ` near line ${broken.row + 1}` : ''}: ${broken.message}`);
  const [header, ...rows] = parsed.data;
  if (!header || header.every((h) => h.trim() === '')) throw new CsvError('the file is empty: a header row of column names is expected');
  rows.forEach((row, i) => {
    if (row.length !== header.length) throw new CsvError(`line ${lineOfRow(i)} has ${row.length} field(s) where the header has ${header.length}`);
  });
  const delimiter = parsed.meta.delimiter === ';' ? ';' : ',';
  return { header, rows, delimiter };
}

/** Options of `loadCsv`. */
export interface LoadCsvOptions {
  /** Cell values that mean "no answer" besides the empty cell (e.g. `NA` written by R). */
  missing?: readonly string[];
}

/**
 * Loads CSV text into typed columns (format in this module's header comment).
 * @throws CsvError on unreadable text, a missing, empty or duplicate column name, or ragged rows.
 */
export function loadCsv(text: string, options: LoadCsvOptions = {}): CsvTable {
  const missing = new Set(['', ...(options.missing ?? []).map((m) => m.trim())]);
  const { header, rows, delimiter } = parseCsvRows(text);
  const seen = new Set<string>();
  header.forEach((name, j) => {
    if (name.trim() === '') throw new CsvError(`column ${j + 1} of the header has no name`);
    if (seen.has(name)) throw new CsvError(`the header names column "${name}" twice`);
    seen.add(name);
  });
  const columns = new Map<string, CsvColumn>();
  header.forEach((name, j) => {
    const text = rows.map((row) => (missing.has(row[j].trim()) ? null : row[j]));
    const numbers: (number | null)[] = [];
    for (const cell of text) {
      const value = cell === null ? null : parsePlainNumber(cell, delimiter === ';');
      if (value === undefined) break;
      numbers.push(value);
    }
    const numeric = numbers.length === text.length && text.some((cell) => cell !== null);
    columns.set(name, numeric ? { name, kind: 'number', text, numbers } : { name, kind: 'text', text });
  });
  return { names: header, rowCount: rows.length, delimiter, columns };
}

/**
 * The numbers of a column that must be numeric (weights, populations, a variable to average).
 * @throws CsvError naming the column, the line and the value of its first non-numeric cell.
 */
export function numericValues(table: CsvTable, name: string, purpose: string): readonly (number | null)[] {
  const column = table.columns.get(name);
  if (!column) throw new CsvError(`no column "${name}"`);
  if (column.kind === 'number') return column.numbers;
  const bad = column.text.findIndex((cell) => cell !== null && parsePlainNumber(cell, table.delimiter === ';') === undefined);
  if (bad < 0) throw new CsvError(`column "${name}" (${purpose}) has no value`);
  throw new CsvError(`column "${name}" (${purpose}) must hold numbers: line ${lineOfRow(bad)} has "${column.text[bad]}"`);
}
