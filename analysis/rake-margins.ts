/**
 * Population margins to rake a survey's weights to, one variable per CSV file, in the form
 * R users write with `write.csv(as.data.frame(table(...)))`:
 *
 * ```csv
 * "dept","Freq"
 * "01",180
 * "2A",95
 * ```
 *
 * - two columns: the first is headed by the name of the data column to rake and holds its
 *   categories (kept as text, exactly: "01" is not 1); the second holds the population total
 *   of each category (its header is free, e.g. "Freq");
 * - the file reading rules are those of `load-csv.ts` (comma or semicolon, BOM, quotes,
 *   decimal comma in semicolon files).
 */
import { CsvError, type CsvTable, lineOfRow, parseCsvRows, parsePlainNumber } from './load-csv.js';

/** The margins of one variable: its population total per category, in file order. */
export interface RakeMarginsFile {
  /** Where the margins came from (a file name), for messages. */
  source: string;
  /** Name of the data column to rake. */
  variable: string;
  totals: Map<string, number>;
}

/**
 * Parses one margins CSV (format in this module's header comment).
 * @param source a name for messages, usually the file's path.
 * @throws CsvError naming the source and the line: not two columns, an empty or duplicate
 *   category, a total that is not a positive number, no data row.
 */
export function parseRakeMargins(text: string, source: string): RakeMarginsFile {
  const fail = (message: string): never => {
    throw new CsvError(`margins ${source}: ${message}`);
  };
  let parsed: ReturnType<typeof parseCsvRows>;
  try {
    parsed = parseCsvRows(text);
  } catch (err) {
    return fail((err as Error).message);
  }
  const { header, rows, delimiter } = parsed;
  if (header.length !== 2) fail(`2 columns expected (the variable, then its population totals), found ${header.length}`);
  const variable = header[0];
  if (variable.trim() === '') fail('the first column must be headed by the name of the data column to rake');
  if (!rows.length) fail('no category');
  const totals = new Map<string, number>();
  rows.forEach(([category, cell], i) => {
    const line = lineOfRow(i);
    if (category.trim() === '') fail(`line ${line}: empty category`);
    if (totals.has(category)) fail(`line ${line}: category "${category}" appears twice`);
    const total = parsePlainNumber(cell.trim(), delimiter === ';');
    if (total === undefined || !(total > 0)) fail(`line ${line}: the total of "${category}" must be a positive number, got "${cell}"`);
    totals.set(category, total!);
  });
  return { source, variable, totals };
}

/** Sum of a margins file's totals: the population size it describes. */
const grandTotal = (m: RakeMarginsFile) => [...m.totals.values()].reduce((a, b) => a + b, 0);

/**
 * Checks that margins files fit a data table before raking, so that the user learns which
 * file and which category are wrong.
 * @throws CsvError when a file's variable is not a column of the data, a row has no value
 *   for it, a category of the data is missing from the file or a category of the file has no
 *   respondent, two files rake the same variable, or two files describe populations of different sizes (relative difference
 *   over 1e-6: raking could not meet both).
 */
export function checkMarginsFit(data: CsvTable, margins: readonly RakeMarginsFile[]): void {
  const variables = new Set<string>();
  for (const m of margins) {
    if (variables.has(m.variable)) throw new CsvError(`margins ${m.source}: "${m.variable}" already has margins in another file`);
    variables.add(m.variable);
    const column = data.columns.get(m.variable);
    if (!column) throw new CsvError(`margins ${m.source}: its first column "${m.variable}" is not a column of the data (columns: ${data.names.join(', ')})`);
    const seen = new Set<string>();
    column.text.forEach((value, i) => {
      if (value === null) throw new CsvError(`margins ${m.source}: line ${lineOfRow(i)} of the data has no value for "${m.variable}", so it cannot be raked`);
      if (!m.totals.has(value)) throw new CsvError(`margins ${m.source}: category "${value}" of "${m.variable}" (data line ${lineOfRow(i)}) has no population total`);
      seen.add(value);
    });
    const empty = [...m.totals.keys()].filter((c) => !seen.has(c));
    if (empty.length) throw new CsvError(`margins ${m.source}: no respondent in category ${empty.map((c) => `"${c}"`).join(', ')} of "${m.variable}"`);
  }
  const [first, ...others] = margins;
  for (const m of others) {
    const a = grandTotal(first);
    const b = grandTotal(m);
    if (Math.abs(a - b) > 1e-6 * Math.max(a, b)) throw new CsvError(`margins ${first.source} and ${m.source} describe populations of different sizes (${a} and ${b}): raking needs the same total`);
  }
}
