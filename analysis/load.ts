/**
 * Loaders: the only place in analysis/ that parses input. They turn stored answers or
 * a CSV export into an Arquero table with exactly one column per codebook column,
 * typed by the codebook.
 */
import { table, type ColumnTable } from 'arquero';
import Papa from 'papaparse';
import { flattenAnswerInto, type FlatValue } from '../survey/codebook.js';
import type { Codebook, CodebookColumn, FlatAnswer } from '../survey/types.js';

/** An answer as the store yields it: at least its SurveyJS data. */
export interface StoredAnswer {
  data: Record<string, unknown>;
}

/**
 * Builds the flat table from already flattened rows (columns in codebook order).
 * @param codebook The questionnaire's codebook.
 * @param rows Flat answers keyed by codebook column name.
 */
export function flatTable(codebook: Codebook, rows: readonly FlatAnswer[]): ColumnTable {
  const names = codebook.columns.map((c) => c.name);
  const data: Record<string, (string | number | null)[]> = {};
  for (const name of names) data[name] = new Array(rows.length);
  rows.forEach((row, i) => {
    for (const name of names) data[name][i] = row[name] ?? null;
  });
  return table(data, names);
}

/**
 * Flattens stored answers by the codebook into an Arquero table, one row per answer.
 * Accepts a plain or async iterable so that a store can stream its rows.
 * @param codebook The codebook of the questionnaire version the answers belong to.
 * @param answers Answers with their SurveyJS `data`.
 */
export async function answersTable(
  codebook: Codebook,
  answers: Iterable<StoredAnswer> | AsyncIterable<StoredAnswer>,
  options: AnswersTableOptions = {},
): Promise<ColumnTable> {
  const all = codebook.columns.map((c) => c.name);
  const wanted = options.columns === undefined ? null : new Set(options.columns);
  if (wanted) for (const name of wanted) if (!all.includes(name)) throw new Error(`answersTable: codebook ${codebook.questionnaireId}@${codebook.version} has no column "${name}"`);
  const kept = all.flatMap((name, k) => (wanted === null || wanted.has(name) ? [k] : []));
  const names = kept.map((k) => all[k]);
  // Cells go straight into one array per column: no row object per answer, which at a million
  // answers cost more time and memory than the rest of the report.
  const row: FlatValue[] = [];
  const columns: FlatValue[][] = kept.map(() => []);
  let n = 0;
  for await (const answer of answers) {
    if (!answer || typeof answer.data !== 'object' || answer.data === null || Array.isArray(answer.data)) {
      throw new TypeError(`answersTable: answer ${n + 1} has no data object`);
    }
    flattenAnswerInto(codebook, answer.data, row);
    for (let j = 0; j < kept.length; j++) columns[j].push(row[kept[j]]);
    n++;
  }
  return table(Object.fromEntries(names.map((name, j) => [name, columns[j]])), names);
}

/** Options of answersTable(). */
export interface AnswersTableOptions {
  /** Only these codebook columns (all by default): a report needs about a third of them. */
  columns?: Iterable<string>;
}

/** Options of csvTable(). */
export interface CsvTableOptions {
  /** Accept a CSV that lacks some codebook columns (e.g. an export of an earlier version); they are filled with nulls. */
  allowMissingColumns?: boolean;
}

/** Converts one CSV cell to the codebook's type for its column; throws on a value the column cannot hold. */
function typedCell(col: CodebookColumn, raw: string, row: number): string | number | null {
  const s = raw.trim();
  if (s === '') return null;
  const where = `CSV data row ${row}, column "${col.name}"`;
  if (col.kind === 'number' || col.kind === 'multiple') {
    const v = Number(s.replace(',', '.'));
    if (!Number.isFinite(v)) throw new Error(`${where}: "${s}" is not a number`);
    if (col.kind === 'multiple' && v !== 0 && v !== 1) throw new Error(`${where}: a checkbox column holds 0 or 1, got "${s}"`);
    return v;
  }
  if (col.kind === 'single') {
    // Choice values keep their stored type (matrix scales are numbers, "na" is a string).
    const choice = (col.choices ?? []).find((c) => String(c.value) === s);
    if (!choice) throw new Error(`${where}: "${s}" is not one of the choices offered`);
    return choice.value;
  }
  if (col.kind === 'calculated' && col.choices?.length) {
    const choice = col.choices.find((c) => String(c.value) === s);
    if (!choice) throw new Error(`${where}: "${s}" is not one of the values declared for this calculated value`);
    return choice.value;
  }
  return raw;
}

/**
 * Parses a CSV export (one header row of codebook column names) into the flat table,
 * typed by the codebook: numbers for numeric and checkbox columns, choice values with
 * their stored type for closed questions. Columns unknown to the codebook (e.g. export
 * metadata) are ignored.
 * @throws When a codebook column is absent (unless allowed), or a cell is not a valid value.
 */
export function csvTable(codebook: Codebook, csvText: string, options: CsvTableOptions = {}): ColumnTable {
  const parsed = Papa.parse<Record<string, string>>(csvText, { header: true, skipEmptyLines: 'greedy' });
  const fatal = parsed.errors.find((e) => e.type !== 'Delimiter');
  if (fatal) throw new Error(`CSV${fatal.row !== undefined ? ` row ${fatal.row + 1}` : ''}: ${fatal.message}`);
  const header = new Set(parsed.meta.fields ?? []);
  const missing = codebook.columns.filter((c) => !header.has(c.name)).map((c) => c.name);
  if (missing.length === codebook.columns.length) {
    throw new Error(`CSV has none of the columns of questionnaire ${codebook.questionnaireId}@${codebook.version}`);
  }
  if (missing.length && !options.allowMissingColumns) {
    throw new Error(`CSV lacks ${missing.length} column(s) of questionnaire ${codebook.questionnaireId}@${codebook.version}: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? '…' : ''}`);
  }
  const rows: FlatAnswer[] = parsed.data.map((rec, i) => {
    const row: FlatAnswer = {};
    for (const col of codebook.columns) {
      const raw = rec[col.name];
      row[col.name] = raw === undefined ? null : typedCell(col, raw, i + 1);
    }
    return row;
  });
  return flatTable(codebook, rows);
}
