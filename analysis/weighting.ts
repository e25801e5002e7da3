/**
 * Weighting to population margins (blueprint §6.4): post-stratification on geography.
 * Each code of the weighting column (a collectivity) is its own cell when it has enough
 * respondents; smaller ones are pooled into their coarser cell (their region), which the
 * respondents who gave only their region join. The cells' population totals come from the
 * margins (population per code); a pooled cell's total is the sum of its codes' totals.
 *
 * The design is the respondents raked to the cells' totals (one margin: post-stratification),
 * so standard errors include the calibration adjustment (R: postStratify / rake).
 * Respondents without any cell (no code and no region) are outside the weighted design;
 * they are counted and reported, never silently dropped.
 */
import type { ColumnTable } from 'arquero';
import type { BilingualText } from '../survey/types.js';
import type { WeightingPlan } from './definitions.js';
import { rakeDesign, srsDesign, type SurveyDesign } from './design/index.js';

/** One weighting cell: a code on its own, or a coarse cell pooling several codes. */
export interface WeightingCell {
  cell: string;
  /** Codes of the weighting column whose population the cell holds. */
  codes: string[];
  population: number;
  respondents: number;
}

export interface WeightingResult {
  /** True when the design is raked to the margins; false for the unweighted design. */
  applied: boolean;
  /** Why weighting was not applied, when it was not. */
  reason?: BilingualText;
  /** Design over `rows` (or over every row of the table when `rows` is null). */
  design: SurveyDesign;
  /** Rows of the table the design covers, in table order; null for all rows. */
  rows: Int32Array | null;
  /** Weighting cells with respondents, in first-appearance order of the margins. */
  cells: WeightingCell[];
  /** Cells with a population but no respondent: that part of the population is not represented. */
  unrepresented: WeightingCell[];
  /** Respondents left out of the weighted design: no code of the weighting column and no coarse cell. */
  excluded: number;
  /** Kish's effective sample size, (Σw)² / Σw². */
  effectiveSampleSize: number;
  /** Smallest and largest weight divided by the mean weight. */
  weightRatio: [number, number];
}

function isMissing(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
}

function summary(design: SurveyDesign): Pick<WeightingResult, 'effectiveSampleSize' | 'weightRatio'> {
  const w = design.weights;
  let sum = 0;
  let sum2 = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < w.length; i++) {
    sum += w[i];
    sum2 += w[i] * w[i];
    if (w[i] < min) min = w[i];
    if (w[i] > max) max = w[i];
  }
  const mean = w.length ? sum / w.length : 0;
  return { effectiveSampleSize: sum2 > 0 ? (sum * sum) / sum2 : 0, weightRatio: mean > 0 ? [min / mean, max / mean] : [0, 0] };
}

/** The unweighted design over every row of a table of `n` rows, and why weighting was not applied. */
export function unweightedResult(n: number, reason: BilingualText): WeightingResult {
  const design = srsDesign(n);
  return { applied: false, reason, design, rows: null, cells: [], unrepresented: [], excluded: 0, ...summary(design) };
}

/**
 * Weights the respondents of a table to population margins.
 * @param t Flat table of the analysed respondents.
 * @param plan Which column the margins are for, how codes pool into coarser cells.
 * @param margins Population per code of `plan.column` (e.g. parseMarginsCsv()); without
 *   margins, the result is the unweighted design over every row, with the reason.
 * @returns The design and what it did. Weighting is not applied (with a reason saying
 *   which codes) when a code present in the answers has no population in the margins, or
 *   when a cell with respondents has a population of 0.
 * @throws When the table lacks the plan's columns.
 */
export function weightToMargins(t: ColumnTable, plan: WeightingPlan, margins?: ReadonlyMap<string, number>): WeightingResult {
  const data = t.isFiltered() || t.isOrdered() ? t.reify() : t;
  const n = data.numRows();
  for (const name of [plan.column, ...(plan.coarseColumn ? [plan.coarseColumn] : [])]) {
    if (!data.columnNames().includes(name)) throw new Error(`weighting: the table has no column "${name}"`);
  }
  if (!margins || margins.size === 0) {
    return unweightedResult(n, { fr: 'aucun effectif de population n\'a été fourni', en: 'no population margins were provided' });
  }
  const codes = data.array(plan.column) as ArrayLike<unknown>;
  const coarse = plan.coarseColumn ? (data.array(plan.coarseColumn) as ArrayLike<unknown>) : undefined;
  const coarseCells = new Set(Object.values(plan.coarsen));

  const perCode = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    if (!isMissing(c) && Object.hasOwn(plan.coarsen, String(c))) perCode.set(String(c), (perCode.get(String(c)) ?? 0) + 1);
  }
  const withoutPopulation = [...perCode.keys()].filter((c) => !margins.has(c));
  if (withoutPopulation.length) {
    const list = withoutPopulation.slice(0, 10).join(', ') + (withoutPopulation.length > 10 ? '…' : '');
    return unweightedResult(n, {
      fr: `les effectifs de population ne donnent pas ${withoutPopulation.length} code(s) présent(s) dans les réponses (${list})`,
      en: `the population margins lack ${withoutPopulation.length} code(s) present in the answers (${list})`,
    });
  }

  // A code is its own cell with enough respondents; otherwise it pools into its coarse cell.
  const ownCell = (code: string) => (perCode.get(code) ?? 0) >= plan.minRespondents;
  const cells = new Map<string, WeightingCell>();
  const cellFor = (name: string) => {
    let cell = cells.get(name);
    if (!cell) cells.set(name, (cell = { cell: name, codes: [], population: 0, respondents: 0 }));
    return cell;
  };
  for (const [code, population] of margins) {
    if (!Object.hasOwn(plan.coarsen, code)) continue;
    const cell = cellFor(ownCell(code) ? code : plan.coarsen[code]);
    cell.codes.push(code);
    cell.population += population;
  }

  const cellOf: (string | null)[] = new Array(n);
  let excluded = 0;
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    let cell: string | null = null;
    if (!isMissing(c) && Object.hasOwn(plan.coarsen, String(c))) cell = ownCell(String(c)) ? String(c) : plan.coarsen[String(c)];
    else if (coarse && !isMissing(coarse[i]) && coarseCells.has(String(coarse[i]))) cell = String(coarse[i]);
    if (cell !== null && !cells.has(cell)) cell = null; // a region none of whose codes has a population
    cellOf[i] = cell;
    if (cell === null) excluded++;
    else cellFor(cell).respondents++;
  }

  const empty = [...cells.values()].filter((c) => c.respondents > 0 && c.population <= 0);
  if (empty.length) {
    return unweightedResult(n, {
      fr: `des répondant·es relèvent de cellules dont la population est nulle (${empty.map((c) => c.cell).join(', ')})`,
      en: `respondents fall in cells whose population is zero (${empty.map((c) => c.cell).join(', ')})`,
    });
  }
  const represented = [...cells.values()].filter((c) => c.respondents > 0);
  const unrepresented = [...cells.values()].filter((c) => c.respondents === 0 && c.population > 0);
  if (!represented.length) {
    return unweightedResult(n, { fr: 'aucun·e répondant·e ne relève d\'une cellule de pondération', en: 'no respondent falls in a weighting cell' });
  }

  const rows = new Int32Array(n - excluded);
  const values: string[] = new Array(rows.length);
  for (let i = 0, k = 0; i < n; i++) {
    if (cellOf[i] === null) continue;
    rows[k] = i;
    values[k++] = cellOf[i]!;
  }
  const totals = new Map(represented.map((c) => [c.cell, c.population]));
  const design = rakeDesign(srsDesign(rows.length), [{ name: plan.column, values, totals }]);
  return { applied: true, design, rows: excluded ? rows : null, cells: represented, unrepresented, excluded, ...summary(design) };
}
