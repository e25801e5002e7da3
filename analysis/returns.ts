/**
 * Live returns of a campaign: answers received per group (by default per département,
 * `dept_code`) against the population of social workers in that group, with response and
 * completion rates, and without exposing a group under the disclosure threshold.
 *
 * The population comes from a margins CSV the organiser provides:
 *
 * ```csv
 * dept_code,population
 * 01D,120
 * 02D,85
 * ```
 *
 * - UTF-8 (a byte order mark is ignored), comma or semicolon separated, one header row;
 * - a code column named like the grouping column (`dept_code` by default) holding the
 *   choice values of that question (e.g. `01D`, `2AD`…), each code at most once;
 * - a `population` column holding a whole number ≥ 0, digits only;
 * - other columns (e.g. a `name` column for readability) are ignored; blank lines too.
 */
import type { ColumnTable } from 'arquero';
import Papa from 'papaparse';
import type { BilingualText, Codebook, FlatAnswer, Locale } from '../survey/types.js';
import type { PopulationCondition } from './definitions.js';
import { DEFAULT_THRESHOLD, hiddenGroups, type SuppressionReason } from './indicators.js';
import { flatTable } from './load.js';

/** Default grouping column of live returns. */
export const DEFAULT_RETURNS_GROUP = 'dept_code';
/** Name of the population column of a margins CSV. */
export const MARGINS_POPULATION_COLUMN = 'population';

/** One problem found in a margins CSV; `line` counts the header as line 1. */
export interface MarginsProblem {
  line?: number;
  text: BilingualText;
}

/** A margins CSV that cannot be used; `problems` lists every problem found. */
export class MarginsCsvError extends Error {
  readonly problems: MarginsProblem[];

  constructor(problems: MarginsProblem[]) {
    super(describe(problems, 'en'));
    this.name = 'MarginsCsvError';
    this.problems = problems;
  }

  /** The problems in one language, one per line. */
  describe(locale: Locale = 'fr'): string {
    return describe(this.problems, locale);
  }
}

function describe(problems: MarginsProblem[], locale: Locale): string {
  return problems.map((p) => (p.line !== undefined ? `${locale === 'fr' ? 'ligne' : 'line'} ${p.line}: ${p.text[locale]}` : p.text[locale])).join('\n');
}

export interface ParseMarginsOptions {
  /** Name of the code column (default `dept_code`): the grouping column of the returns. */
  codeColumn?: string;
  /** Codes the file may hold (e.g. the choice values of the grouping question); others are refused. */
  knownCodes?: Iterable<string | number>;
}

const MAX_PROBLEMS = 20;

/**
 * Parses a margins CSV (format in this module's header comment).
 * @returns Population per code, in file order.
 * @throws MarginsCsvError listing every bad row: missing columns, empty code, a
 *   population that is not a whole number ≥ 0, a duplicate code, an unknown code.
 */
export function parseMarginsCsv(text: string, options: ParseMarginsOptions = {}): Map<string, number> {
  const codeColumn = options.codeColumn ?? DEFAULT_RETURNS_GROUP;
  const known = options.knownCodes ? new Set([...options.knownCodes].map(String)) : undefined;
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy', delimitersToGuess: [',', ';'] });
  const problems: MarginsProblem[] = [];
  const add = (line: number | undefined, fr: string, en: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ line, text: { fr, en } });
  };
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal) throw new MarginsCsvError([{ line: fatal.row !== undefined ? fatal.row + 1 : undefined, text: { fr: `CSV illisible : ${fatal.message}`, en: `Unreadable CSV: ${fatal.message}` } }]);
  const [header, ...rows] = parsed.data;
  if (!header) throw new MarginsCsvError([{ text: { fr: 'le fichier est vide', en: 'the file is empty' } }]);
  const names = header.map((h) => h.trim().toLowerCase());
  const codeAt = names.indexOf(codeColumn.toLowerCase());
  const popAt = names.indexOf(MARGINS_POPULATION_COLUMN);
  if (codeAt < 0 || popAt < 0) {
    const missing = [codeAt < 0 ? codeColumn : undefined, popAt < 0 ? MARGINS_POPULATION_COLUMN : undefined].filter(Boolean).join(', ');
    throw new MarginsCsvError([{ line: 1, text: {
      fr: `l'en-tête doit contenir les colonnes ${codeColumn} et ${MARGINS_POPULATION_COLUMN} ; il manque : ${missing}`,
      en: `the header must hold the columns ${codeColumn} and ${MARGINS_POPULATION_COLUMN}; missing: ${missing}`,
    } }]);
  }
  if (!rows.length) throw new MarginsCsvError([{ text: { fr: 'le fichier ne contient aucune ligne de données', en: 'the file holds no data row' } }]);

  const out = new Map<string, number>();
  const firstLine = new Map<string, number>();
  rows.forEach((row, i) => {
    const line = i + 2;
    if (row.length !== header.length) {
      add(line, `${row.length} champ(s) au lieu de ${header.length}`, `${row.length} field(s) instead of ${header.length}`);
      return;
    }
    const code = row[codeAt].trim();
    const raw = row[popAt].trim();
    if (code === '') {
      add(line, `code vide dans la colonne ${codeColumn}`, `empty code in column ${codeColumn}`);
      return;
    }
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
      add(line, `population « ${raw} » pour ${code} : un nombre entier positif ou nul, en chiffres seulement, est attendu`, `population "${raw}" for ${code}: a whole number ≥ 0, digits only, is expected`);
      return;
    }
    if (known && !known.has(code)) {
      add(line, `code « ${code} » inconnu : ce n'est pas un choix de la question ${codeColumn}`, `unknown code "${code}": not a choice of question ${codeColumn}`);
      return;
    }
    const first = firstLine.get(code);
    if (first !== undefined) {
      add(line, `code « ${code} » en double (déjà ligne ${first})`, `duplicate code "${code}" (already on line ${first})`);
      return;
    }
    firstLine.set(code, line);
    out.set(code, Number(raw));
  });
  if (problems.length) throw new MarginsCsvError(problems);
  return out;
}

/**
 * A line of the returns table:
 * - `group`: one choice of the grouping column with a known population (all choices when no margins are given);
 * - `other`: answers whose group has no population in the margins (e.g. "region only");
 * - `missing`: answers without a value for the grouping column (screened out, not asked);
 * - `total`: every stored answer.
 */
export type ReturnsRowKind = 'group' | 'other' | 'missing' | 'total';

export interface ReturnsRow {
  kind: ReturnsRowKind;
  /** Choice value for a group; `other`, `missing` or `total` otherwise. */
  group: string;
  label: BilingualText;
  /** From the margins (public); null when unknown. */
  population: number | null;
  /** Stored answers; null when suppressed. */
  started: number | null;
  /** Stored answers that are complete (see ComputeReturnsOptions.complete); null when suppressed. */
  complete: number | null;
  /** complete / population, in [0, …]; null when suppressed or the population is unknown or 0. */
  responseRate: number | null;
  /** complete / started; null when suppressed or started is 0. */
  completionRate: number | null;
  suppressed: boolean;
  suppression?: SuppressionReason;
}

export interface ReturnsResult {
  /** Groups (codebook order), then `other` (when some choices have no population), `missing`, and `total` last. */
  rows: ReturnsRow[];
  total: ReturnsRow;
  threshold: number;
  groupColumn: string | null;
  /** Choices of the grouping column that have no population in the margins (they count in `other`). Depends on the margins only. */
  withoutPopulation: string[];
}

export interface ComputeReturnsOptions {
  /** Codebook of the questionnaire version the answers belong to. */
  codebook: Codebook;
  /** Flat answers: an Arquero table (e.g. from answersTable()) or flattened rows. */
  answers: ColumnTable | readonly FlatAnswer[];
  /** Population per code (parseMarginsCsv()); without it, rates are not computed. */
  margins?: ReadonlyMap<string, number>;
  /** Disclosure threshold (default 5). */
  threshold?: number;
  /**
   * Smallest group of a quasi-identifying grouping column published (default: threshold):
   * its groups with fewer complete answers are hidden, as in every other output.
   */
  minGroup?: number;
  /** Grouping column, with choices in the codebook (default `dept_code`); null for the total only. */
  groupColumn?: string | null;
  /**
   * Conditions an answer must meet to count as complete, e.g. consent = yes and
   * eligible = yes for polyvalence (reports/plans.ts completionConditions()). Without
   * any, every stored answer is complete: the server stores finished forms only.
   */
  complete?: readonly PopulationCondition[];
}

const LABELS: Record<'other' | 'missing' | 'total', BilingualText> = {
  other: { fr: 'Autres (région seulement, ou hors des effectifs fournis)', en: 'Other (region only, or outside the margins provided)' },
  missing: { fr: 'Non renseigné', en: 'Not stated' },
  total: { fr: 'Ensemble', en: 'Total' },
};

function isMissing(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
}

/**
 * Hides lines with 1 to threshold − 1 answers (started or complete), keeping those the
 * caller already hid, then, while the answers hidden from the lines (total minus the
 * lines shown) number 1 to threshold − 1, the smallest line still shown, so that no
 * hidden line can be recovered from the total.
 */
function suppress(lines: ReturnsRow[], total: { started: number; complete: number }, threshold: number): void {
  const small = (n: number) => n >= 1 && n < threshold;
  for (const line of lines) {
    if (small(line.started!) || small(line.complete!)) Object.assign(line, { suppressed: true, suppression: 'small' });
  }
  for (;;) {
    const shown = lines.filter((l) => !l.suppressed);
    const hiddenStarted = total.started - shown.reduce((a, l) => a + l.started!, 0);
    const hiddenComplete = total.complete - shown.reduce((a, l) => a + l.complete!, 0);
    if (!small(hiddenStarted) && !small(hiddenComplete)) return;
    const candidates = shown.filter((l) => l.started! > 0);
    if (!candidates.length) return;
    const smallest = candidates.reduce((a, b) => (b.started! < a.started! || (b.started === a.started && b.complete! < a.complete!) ? b : a));
    Object.assign(smallest, { suppressed: true, suppression: 'complementary' });
  }
}

function rates(row: ReturnsRow): void {
  if (row.suppressed) {
    Object.assign(row, { started: null, complete: null, responseRate: null, completionRate: null });
    return;
  }
  row.responseRate = row.population ? row.complete! / row.population : null;
  row.completionRate = row.started ? row.complete! / row.started : null;
}

/**
 * Counts stored and complete answers per group against the population margins.
 * @returns One line per group, the `other` and `missing` lines, and the total. Lines
 *   with 1 to threshold − 1 answers, and lines hidden so that they cannot be recovered
 *   from the total, carry no count and no rate; populations always show (they are public).
 * @throws When the grouping column or a completion column is unknown, a margins code
 *   is not a choice of the grouping column, or an answer holds a group value that is
 *   not one of its choices (an answer to another questionnaire version).
 */
export function computeReturns(options: ComputeReturnsOptions): ReturnsResult {
  const { codebook, margins } = options;
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  if (!(Number.isInteger(threshold) && threshold >= 1)) throw new RangeError(`computeReturns: threshold must be a positive integer, got ${threshold}`);
  const groupColumn = options.groupColumn === undefined ? DEFAULT_RETURNS_GROUP : options.groupColumn;
  const t = Array.isArray(options.answers) ? flatTable(codebook, options.answers as FlatAnswer[]) : (options.answers as ColumnTable);
  const data = t.isFiltered() || t.isOrdered() ? t.reify() : t;
  const names = new Set(data.columnNames());
  const n = data.numRows();

  // Completion: every condition holds.
  const conditions = (options.complete ?? []).map((c) => {
    if (!names.has(c.column)) throw new Error(`computeReturns: completion column "${c.column}" is not in the answers`);
    return { values: data.array(c.column) as ArrayLike<unknown>, allowed: new Set(c.values.map(String)) };
  });
  const isComplete = (i: number) => conditions.every((c) => !isMissing(c.values[i]) && c.allowed.has(String(c.values[i])));

  const totalCounts = { started: n, complete: 0 };
  for (let i = 0; i < n; i++) if (isComplete(i)) totalCounts.complete++;
  const marginsTotal = margins ? [...margins.values()].reduce((a, b) => a + b, 0) : null;
  const total: ReturnsRow = {
    kind: 'total', group: 'total', label: LABELS.total, population: marginsTotal,
    started: totalCounts.started, complete: totalCounts.complete, responseRate: null, completionRate: null, suppressed: false,
  };
  rates(total);

  if (groupColumn === null) return { rows: [total], total, threshold, groupColumn, withoutPopulation: [] };

  const byColumn = codebook.columns.find((c) => c.name === groupColumn);
  if (!byColumn?.choices?.length) throw new Error(`computeReturns: grouping column "${groupColumn}" has no choices in the codebook of ${codebook.questionnaireId}@${codebook.version}`);
  if (!names.has(groupColumn)) throw new Error(`computeReturns: the answers have no column "${groupColumn}"`);
  const choiceKeys = new Set(byColumn.choices.map((c) => String(c.value)));
  if (margins) {
    const unknown = [...margins.keys()].filter((k) => !choiceKeys.has(k));
    if (unknown.length) throw new Error(`computeReturns: margins code(s) ${unknown.slice(0, 10).join(', ')} are not choices of "${groupColumn}"`);
  }
  const groups = byColumn.choices.filter((c) => !margins || margins.has(String(c.value)));
  const withoutPopulation = byColumn.choices.filter((c) => margins && !margins.has(String(c.value))).map((c) => String(c.value));

  const line = (kind: ReturnsRowKind, group: string, label: BilingualText, population: number | null): ReturnsRow => ({
    kind, group, label, population, started: 0, complete: 0, responseRate: null, completionRate: null, suppressed: false,
  });
  const lines = new Map<string, ReturnsRow>(groups.map((c) => [String(c.value), line('group', String(c.value), c.label, margins?.get(String(c.value)) ?? null)]));
  const other = withoutPopulation.length ? line('other', 'other', LABELS.other, null) : undefined;
  const missing = line('missing', 'missing', LABELS.missing, null);

  const groupOf = data.array(groupColumn) as ArrayLike<unknown>;
  for (let i = 0; i < n; i++) {
    const g = groupOf[i];
    let target: ReturnsRow;
    if (isMissing(g)) target = missing;
    else {
      const key = String(g);
      if (!choiceKeys.has(key)) throw new Error(`computeReturns: answer ${i + 1} has ${groupColumn} = "${key}", which is not one of its choices`);
      target = lines.get(key) ?? other!;
    }
    target.started!++;
    if (isComplete(i)) target.complete!++;
  }

  const all = [...lines.values(), ...(other ? [other] : []), missing];
  // A quasi-identifying grouping column's distribution among complete answers is also
  // published (the generic report's table of that question): the groups it hides stay
  // hidden here, or their complete counts would come back by subtraction across the two.
  if (byColumn.qi) {
    const completeGroupOf = Array.from({ length: n }, (_, i) => (isComplete(i) ? groupOf[i] : null));
    const minGroup = options.minGroup ?? threshold;
    if (!(Number.isInteger(minGroup) && minGroup >= threshold)) throw new RangeError(`computeReturns: minGroup must be a whole number ≥ threshold, got ${minGroup}`);
    const hidden = hiddenGroups(completeGroupOf, byColumn.choices.map((c) => String(c.value)), minGroup);
    for (const key of hidden) {
      const target = lines.get(key) ?? other;
      if (target && !target.suppressed) Object.assign(target, { suppressed: true, suppression: 'complementary' });
    }
  }
  suppress(all, totalCounts, threshold);
  all.forEach(rates);
  return { rows: [...all, total], total, threshold, groupColumn, withoutPopulation };
}
