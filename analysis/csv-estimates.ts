/**
 * Design-based estimates for any CSV (`polyvalence estimate`): builds the survey design the
 * user describes by column names, estimates one variable overall or by group, optionally
 * tests it, and applies disclosure control. The statistics are those of `design/` (R's
 * `survey` package reproduced); this module only chooses which to call and hides small cells.
 *
 * - A text variable gives the share of each category; a numeric one its mean (a 0/1 column
 *   is numeric: its mean is a proportion, with the proportion interval `ci`).
 * - Categories and groups are sorted like R's factor levels: numbers in numeric order, texts
 *   alphabetically (code-point order breaks ties), so "29" < "2A" < "59" and "93" < "974".
 * - Each group is a domain of the full design (R's svyby), so its standard error and
 *   degrees of freedom are those of the whole survey.
 * - Disclosure control: a group with fewer than `minGroup` respondents shows nothing (not
 *   even its n); a category (or, for a 0/1 variable, the 1s or the 0s) with 1 to
 *   `minCell` − 1 respondents in a group is hidden, and when it is the only hidden category
 *   of its group the next smallest is hidden too, so that it cannot be worked out as
 *   1 − the others. A t-test whose group is hidden is hidden too (its difference would give
 *   the hidden mean).
 */
import { DEFAULT_DISCLOSURE_THRESHOLDS } from './disclosure/thresholds.js';
import { CsvError, type CsvColumn, type CsvTable, numericValues } from './load-csv.js';
import { checkMarginsFit, type RakeMarginsFile } from './rake-margins.js';
import {
  rakeDesign,
  srsDesign,
  stratifiedDesign,
  svyChisq,
  svyCiProp,
  svyMean,
  svyShares,
  svyTTest,
  weightsDesign,
  type Estimate,
  type SurveyDesign,
} from './design/index.js';

/** Intervals offered for proportions. */
export const CI_METHODS = ['logit', 'beta', 'wilson'] as const;
export type ProportionCi = (typeof CI_METHODS)[number];
/** Tests offered. */
export const TESTS = ['chisq', 'ttest'] as const;
export type TestKind = (typeof TESTS)[number];

/** Default disclosure thresholds: smallest group shown, smallest category cell shown. */
export const DEFAULT_MIN_GROUP = DEFAULT_DISCLOSURE_THRESHOLDS.minGroup;
/** The cell minimum is the one the questionnaire's notice promises. */
export const DEFAULT_MIN_CELL = DEFAULT_DISCLOSURE_THRESHOLDS.minCell;

/** What to estimate, with column names of the CSV. */
export interface CsvEstimateSpec {
  variable: string;
  by?: string;
  /** Two groups of `by`, the only ones shown and compared (difference = second − first). */
  groups?: [string, string];
  strata?: string;
  fpc?: string;
  weights?: string;
  rake?: readonly RakeMarginsFile[];
  /** Interval for proportions; default logit with a design, wilson without. */
  ci?: ProportionCi;
  test?: TestKind;
  minGroup: number;
  minCell: number;
}

/**
 * A request that does not fit the data or itself (unknown column, test without groups…):
 * the caller's mistake, as opposed to bad data (CsvError) or a design the data cannot make.
 */
export class EstimateSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EstimateSpecError';
  }
}

export type SuppressionReason = 'group' | 'cell' | 'complementary';

/** One line of results; numbers are null when hidden (or not computable). */
export interface CsvEstimateRow {
  group?: string;
  category?: string;
  estimate: number | null;
  se: number | null;
  ciLower: number | null;
  ciUpper: number | null;
  /** Respondents with a value in the group (the base of a share); null when the group is hidden. */
  n: number | null;
  suppressed: boolean;
  suppression?: SuppressionReason;
}

export type CsvTestResult =
  | { kind: 'chisq'; statistic: number; pValue: number; ndf: number; ddf: number }
  | { kind: 'ttest'; suppressed: boolean; statistic: number | null; pValue: number | null; df: number | null; difference: number | null; groups: [string, string] };

/** How the design was built, for the one-line description. */
export interface DesignSummary {
  kind: SurveyDesign['kind'];
  rows: number;
  df: number;
  strata?: { column: string; count: number; fpc: string };
  weights?: string;
  rake?: { variable: string; source: string }[];
}

export interface CsvEstimates {
  variable: string;
  /** 'shares' of a text column's categories, 'proportion' of a 0/1 column, 'mean' of other numbers. */
  measure: 'shares' | 'proportion' | 'mean';
  by?: string;
  /** Interval of proportions (shares and 0/1 means); means of other numbers use t with the design df. */
  ci: ProportionCi;
  rows: CsvEstimateRow[];
  test?: CsvTestResult;
  design: DesignSummary;
  warnings: string[];
  thresholds: { minGroup: number; minCell: number };
}

const collator = new Intl.Collator('fr', { sensitivity: 'variant' });

/**
 * Sorts the distinct values of a column like R's factor levels: numerically for a numeric
 * column, alphabetically for text (ties by code point, so the order is total).
 */
export function sortedLevels(column: CsvColumn): string[] {
  const distinct = [...new Set(column.text.filter((v): v is string => v !== null))];
  if (column.kind === 'number') return distinct.sort((a, b) => Number(a.replace(',', '.')) - Number(b.replace(',', '.')) || (a < b ? -1 : a > b ? 1 : 0));
  return distinct.sort((a, b) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0));
}

function column(table: CsvTable, name: string, option: string): CsvColumn {
  const found = table.columns.get(name);
  if (!found) throw new EstimateSpecError(`${option} "${name}": no such column (columns: ${table.names.join(', ')})`);
  return found;
}

/** Builds the design the spec describes, raked when margins are given. */
function buildDesign(table: CsvTable, spec: CsvEstimateSpec): { design: SurveyDesign; summary: DesignSummary } {
  let design: SurveyDesign;
  const summary: Omit<DesignSummary, 'kind' | 'df'> = { rows: table.rowCount };
  if (spec.strata !== undefined) {
    if (spec.fpc === undefined) throw new EstimateSpecError('--strata needs --fpc: the population size of each row\'s stratum');
    if (spec.weights !== undefined) throw new EstimateSpecError('--strata and --weights cannot be combined: a stratified design takes its weights from --fpc');
    const strata = column(table, spec.strata, '--strata');
    column(table, spec.fpc, '--fpc');
    design = stratifiedDesign(strata.text, numericValues(table, spec.fpc, '--fpc'));
    summary.strata = { column: spec.strata, count: design.strata.length, fpc: spec.fpc };
  } else if (spec.fpc !== undefined) {
    throw new EstimateSpecError('--fpc needs --strata: the column of the strata whose population sizes it gives');
  } else if (spec.weights !== undefined) {
    column(table, spec.weights, '--weights');
    design = weightsDesign(numericValues(table, spec.weights, '--weights'));
    summary.weights = spec.weights;
  } else {
    design = srsDesign(table.rowCount);
  }
  if (spec.rake?.length) {
    checkMarginsFit(table, spec.rake);
    design = rakeDesign(
      design,
      spec.rake.map((m) => ({ name: m.variable, values: table.columns.get(m.variable)!.text, totals: m.totals })),
    );
    summary.rake = spec.rake.map((m) => ({ variable: m.variable, source: m.source }));
  }
  return { design, summary: { ...summary, kind: design.kind, df: design.df } };
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

function shown(e: Estimate, extra: { group?: string; category?: string }, n = e.n): CsvEstimateRow {
  return { ...extra, estimate: finite(e.estimate), se: finite(e.se), ciLower: finite(e.ciLower), ciUpper: finite(e.ciUpper), n, suppressed: false };
}

function hidden(extra: { group?: string; category?: string }, n: number | null, reason: SuppressionReason): CsvEstimateRow {
  return { ...extra, estimate: null, se: null, ciLower: null, ciUpper: null, n, suppressed: true, suppression: reason };
}

/**
 * Estimates one variable of a CSV under the design described by `spec`, with disclosure control.
 * @throws EstimateSpecError for a request that does not fit (unknown column, option conflicts,
 *   a test the variable or groups do not allow); CsvError for unusable data (non-numeric
 *   weights, a group named in `groups` without rows, margins that do not fit); the design's
 *   DesignError when the data cannot make the design (e.g. a population smaller than its sample).
 */
export function estimateCsv(table: CsvTable, spec: CsvEstimateSpec): CsvEstimates {
  if (!(Number.isInteger(spec.minGroup) && spec.minGroup >= 1)) throw new EstimateSpecError(`the minimum group size must be a whole number ≥ 1, got ${spec.minGroup}`);
  if (!(Number.isInteger(spec.minCell) && spec.minCell >= 1)) throw new EstimateSpecError(`the minimum cell size must be a whole number ≥ 1, got ${spec.minCell}`);
  const variable = column(table, spec.variable, '--var');
  const byColumn = spec.by !== undefined ? column(table, spec.by, '--by') : undefined;
  if (spec.groups && !byColumn) throw new EstimateSpecError('--groups needs --by: the column the two groups are taken from');
  if (spec.test && !byColumn) throw new EstimateSpecError(`--test ${spec.test} needs --by: the column of the groups to compare`);
  if (byColumn && byColumn.name === variable.name) throw new EstimateSpecError('--var and --by must be two different columns');

  // Groups, sorted like R's factor levels, or the two asked for in their given order.
  let groups: string[] | undefined;
  if (byColumn) {
    const levels = sortedLevels(byColumn);
    if (spec.groups) {
      if (spec.groups[0] === spec.groups[1]) throw new EstimateSpecError(`--groups must name two different groups, got "${spec.groups[0]}" twice`);
      for (const g of spec.groups) {
        if (!levels.includes(g)) throw new CsvError(`group "${g}" has no row in column "${byColumn.name}" (groups: ${levels.join(', ')})`);
      }
      groups = [...spec.groups];
    } else groups = levels;
  }

  if (variable.text.every((v) => v === null)) throw new CsvError(`column "${variable.name}" (--var) has no value`);
  const isNumber = variable.kind === 'number';
  const numbers = isNumber ? (variable as Extract<CsvColumn, { kind: 'number' }>).numbers : undefined;
  const binary = numbers !== undefined && numbers.every((v) => v === null || v === 0 || v === 1);
  const measure: CsvEstimates['measure'] = !isNumber ? 'shares' : binary ? 'proportion' : 'mean';

  if (spec.test === 'ttest') {
    if (!isNumber) numericValues(table, variable.name, '--var of --test ttest'); // throws, naming the first non-number
    if (groups!.length !== 2) throw new EstimateSpecError(`--test ttest compares two groups; "${byColumn!.name}" has ${groups!.length} (${groups!.join(', ')}): choose two with --groups A,B`);
  }
  if (spec.test === 'chisq' && measure === 'mean') throw new EstimateSpecError(`--test chisq needs a categorical or 0/1 --var; "${variable.name}" holds other numbers (use --test ttest to compare means)`);

  const { design, summary } = buildDesign(table, spec);
  if (spec.ci === 'wilson' && design.kind !== 'srs') throw new EstimateSpecError('--ci wilson is the unweighted Wilson interval: it cannot be used with --strata, --weights or --rake (use logit or beta)');
  const ci: ProportionCi = spec.ci ?? (design.kind === 'srs' ? 'wilson' : 'logit');

  const n = table.rowCount;
  const categories = measure === 'shares' ? sortedLevels(variable) : [];
  const categoryIndex = new Map(categories.map((c, j) => [c, j]));
  const rows: CsvEstimateRow[] = [];
  const estimateWarnings: string[] = [];
  const note = <E extends Estimate>(e: E): E => {
    if (e.warnings) estimateWarnings.push(...e.warnings);
    return e;
  };
  const hiddenGroups = new Set<string>();
  for (const group of groups ?? [undefined]) {
    // One domain at a time: a thousand groups of a million rows never sit in memory together.
    const domain = group === undefined ? undefined : byColumn!.text.map((v) => v === group);
    // Respondents of the unit with a value, per category (shares) or per 0/1 value, in one pass.
    let answered = 0;
    let ones = 0;
    const counts = new Array<number>(categories.length).fill(0);
    for (let i = 0; i < n; i++) {
      if ((domain && !domain[i]) || variable.text[i] === null) continue;
      answered++;
      if (measure === 'shares') counts[categoryIndex.get(variable.text[i]!)!]++;
      else if (numbers![i] === 1) ones++;
    }
    const label = group !== undefined ? { group } : {};
    if (answered < spec.minGroup) {
      if (group !== undefined) hiddenGroups.add(group);
      if (measure === 'shares') for (const category of categories) rows.push(hidden({ ...label, category }, null, 'group'));
      else rows.push(hidden(label, null, 'group'));
      continue;
    }
    const small = (count: number) => count >= 1 && count < spec.minCell;
    const options = domain ? { domain } : {};
    if (measure === 'shares') {
      const reasons: (SuppressionReason | undefined)[] = counts.map((k) => (small(k) ? 'cell' : undefined));
      if (reasons.filter(Boolean).length === 1) {
        // A lone hidden share is 1 − the shown ones: hide the smallest other non-empty category too.
        let next = -1;
        counts.forEach((k, j) => {
          if (!reasons[j] && k > 0 && (next < 0 || k < counts[next])) next = j;
        });
        if (next >= 0) reasons[next] = 'complementary';
      }
      const estimates = svyShares(design, variable.text, categories, { ...options, ci }).map(note);
      estimates.forEach((e, j) => {
        const extra = { ...label, category: categories[j] };
        rows.push(reasons[j] ? hidden(extra, answered, reasons[j]!) : shown(e, extra, answered));
      });
    } else if (measure === 'proportion') {
      if (small(ones) || small(answered - ones)) rows.push(hidden(label, answered, 'cell'));
      else rows.push(shown(note(svyCiProp(design, numbers!, ci, options)), label));
    } else {
      rows.push(shown(note(svyMean(design, numbers!, options)), label));
    }
  }

  let test: CsvTestResult | undefined;
  if (spec.test === 'chisq') {
    const keep = new Set(groups);
    const by = byColumn!.text.map((v) => (v !== null && keep.has(v) ? v : null));
    const r = svyChisq(design, variable.text, by);
    test = { kind: 'chisq', statistic: r.statistic, pValue: r.pValue, ndf: r.ndf, ddf: r.ddf };
  } else if (spec.test === 'ttest') {
    const pair = groups as [string, string];
    if (pair.some((g) => hiddenGroups.has(g))) {
      test = { kind: 'ttest', suppressed: true, statistic: null, pValue: null, df: null, difference: null, groups: pair };
    } else {
      const r = svyTTest(design, numbers!, byColumn!.text, pair);
      test = { kind: 'ttest', suppressed: false, statistic: r.statistic, pValue: r.pValue, df: r.df, difference: r.difference, groups: pair };
    }
  }

  return {
    variable: variable.name,
    measure,
    ...(byColumn ? { by: byColumn.name } : {}),
    ci,
    rows,
    ...(test ? { test } : {}),
    design: summary,
    warnings: [...new Set([...design.warnings, ...estimateWarnings])],
    thresholds: { minGroup: spec.minGroup, minCell: spec.minCell },
  };
}
