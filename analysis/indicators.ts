/**
 * Headline indicators by group, with disclosure control: one estimate per group of
 * the grouping column (e.g. territory_3) and one for all respondents, each with its n
 * and 95 % confidence interval, suppressed when too few respondents answered.
 */
import type { ColumnTable } from 'arquero';
import { DISCLOSURE_THRESHOLD, type BilingualText, type Codebook } from '../survey/types.js';
import type { IndicatorDefinition } from './definitions.js';
import { meanEstimate, shareEstimate, type MeanEstimate, type ShareEstimate } from './estimate.js';

/** Group value of the row that covers all respondents. */
export const OVERALL_GROUP = 'ensemble';
/** Label of the row that covers all respondents. */
export const OVERALL_LABEL: BilingualText = { fr: 'Ensemble', en: 'All respondents' };

/** Default disclosure threshold: estimates from fewer respondents are not published (blueprint §5). */
export const DEFAULT_THRESHOLD = DISCLOSURE_THRESHOLD;

/**
 * Why a cell is hidden: `small` when its own n is under the threshold; `complementary`
 * when it is hidden only so that a small cell cannot be recovered by subtracting the
 * published groups from the overall figure.
 */
/**
 * Why a cell is hidden: `small`, too few respondents in the group; `cell`, too few counted on
 * one side of a share (its value would give that count away; the reason is not published, since
 * it would say the share is near 0 or 100 %); `complementary`, hidden so that another cannot be
 * worked out.
 */
export type SuppressionReason = 'small' | 'cell' | 'complementary';

/** One published cell: an indicator for one group (or all respondents). */
export interface IndicatorRow {
  indicatorId: string;
  /** Choice value of the grouping column, or OVERALL_GROUP. */
  group: string;
  groupLabel: BilingualText;
  /** Respondents with a non-missing value in this group. */
  n: number;
  /** Share in [0, 1] or mean; null when suppressed or n = 0. */
  estimate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  suppressed: boolean;
  suppression?: SuppressionReason;
}

/** The estimators used; a weighted, design-based pair can replace the default unweighted one. */
export interface Estimators {
  share: (values: (number | null)[]) => ShareEstimate;
  mean: (values: (number | null)[]) => ShareEstimate | MeanEstimate;
}

export interface ComputeIndicatorsOptions {
  /** Codebook of the questionnaire: gives the groups, in order, and their labels. */
  codebook: Codebook;
  /** Grouping column, e.g. `territory_3`; it must have choices in the codebook. */
  by: string;
  /** Disclosure threshold (default 5 respondents). */
  threshold?: number;
  /** Smallest group of a quasi-identifying grouping column published (default: threshold). */
  minGroup?: number;
  estimators?: Estimators;
}

const UNWEIGHTED: Estimators = { share: shareEstimate, mean: meanEstimate };

/** Values for a mean: numbers kept, non-numeric answers (e.g. "na", no opinion) are missing. */
function numericValues(values: unknown[]): (number | null)[] {
  return values.map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : null));
}

/** Values for a share: 0/1 kept, null/undefined missing; anything else is left for the estimator to reject. */
function flagValues(values: unknown[]): (number | null)[] {
  return values.map((v) => (v === null || v === undefined ? null : (v as number)));
}

/** A published cell as disclosure control sees it: its number of respondents and whether it is hidden. */
export interface SuppressibleCell {
  n: number;
  suppressed: boolean;
  suppression?: SuppressionReason;
}

/**
 * Hides small cells and, when needed, enough further groups that no hidden cell can be
 * recovered by subtraction. Two totals must each be 0 or at least the threshold:
 * - the respondents of the suppressed groups alone, since those without a group are
 *   published apart (reports count them) and can be subtracted too;
 * - the overall row minus the published groups, which also covers respondents without a
 *   group when they are few.
 * While either is between 1 and threshold − 1, the smallest published group is hidden
 * too. Cells already suppressed by the caller stay suppressed. Marks the cells in place.
 * @param groups One cell per group.
 * @param overall The cell of all respondents (groups plus those without a group).
 */
export function suppressSmallGroups(groups: SuppressibleCell[], overall: SuppressibleCell, threshold: number): void {
  for (const row of [...groups, overall]) {
    if (row.n < threshold) Object.assign(row, { suppressed: true, suppression: 'small' });
  }
  if (overall.suppressed) return;
  const small = (count: number) => count >= 1 && count < threshold;
  for (;;) {
    const shown = groups.filter((g) => !g.suppressed);
    const inHiddenGroups = groups.filter((g) => g.suppressed).reduce((a, g) => a + g.n, 0);
    const hiddenFromTotal = overall.n - shown.reduce((a, g) => a + g.n, 0);
    if ((!small(inHiddenGroups) && !small(hiddenFromTotal)) || !shown.length) return;
    const smallest = shown.reduce((a, b) => (b.n < a.n ? b : a));
    Object.assign(smallest, { suppressed: true, suppression: 'complementary' });
  }
}

/**
 * The groups a published table of the grouping column itself hides, when that column is
 * a quasi-identifier: groups of 1 to threshold − 1 respondents, then the smallest others
 * until the hidden groups add up to 0 or at least the threshold (everything when fewer
 * than threshold respondents have a group). Breakdowns by that column hide these groups
 * too, or a group size hidden in one table would be published as the n of another.
 * @param groupOf The group value of each row (null or undefined: no group).
 * @param groups The group values, in codebook order (ties go to the first).
 */
export function hiddenGroups(groupOf: ArrayLike<unknown>, groups: readonly string[], threshold: number): Set<string> {
  const sizes = new Map(groups.map((g) => [g, 0]));
  let total = 0;
  for (let i = 0; i < groupOf.length; i++) {
    const g = groupOf[i];
    if (g === null || g === undefined || !sizes.has(String(g))) continue;
    sizes.set(String(g), sizes.get(String(g))! + 1);
    total++;
  }
  if (total < threshold) return new Set(total ? groups : []);
  const small = (count: number) => count >= 1 && count < threshold;
  const hidden = new Set(groups.filter((g) => small(sizes.get(g)!)));
  for (;;) {
    const sum = [...hidden].reduce((a, g) => a + sizes.get(g)!, 0);
    if (!small(sum)) return hidden;
    const candidates = groups.filter((g) => !hidden.has(g) && sizes.get(g)! > 0);
    if (!candidates.length) return hidden;
    hidden.add(candidates.reduce((a, b) => (sizes.get(b)! < sizes.get(a)! ? b : a)));
  }
}

function cell(indicatorId: string, group: string, groupLabel: BilingualText, e: ShareEstimate): IndicatorRow {
  return { indicatorId, group, groupLabel, n: e.n, estimate: e.estimate, ciLow: e.ciLow, ciHigh: e.ciHigh, suppressed: false };
}

/**
 * Computes every indicator by group and overall.
 * @param t Flat table with derived variables (restricted to the analysed population).
 * @param indicators Headline indicator definitions.
 * @returns For each indicator, one row per group (codebook order) then the OVERALL_GROUP
 *   row; suppressed rows carry no estimate or interval.
 * @throws When a variable or the grouping column is missing, or a group value is not a
 *   choice of the grouping column.
 */
export function computeIndicators(t: ColumnTable, indicators: readonly IndicatorDefinition[], options: ComputeIndicatorsOptions): IndicatorRow[] {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  if (!(Number.isInteger(threshold) && threshold >= 1)) throw new RangeError(`computeIndicators: threshold must be a positive integer, got ${threshold}`);
  const estimators = options.estimators ?? UNWEIGHTED;
  const byColumn = options.codebook.columns.find((c) => c.name === options.by);
  if (!byColumn?.choices?.length) throw new Error(`computeIndicators: grouping column "${options.by}" has no choices in the codebook`);
  const choices = byColumn.choices;
  if (choices.some((c) => String(c.value) === OVERALL_GROUP)) throw new Error(`computeIndicators: "${OVERALL_GROUP}" is reserved for the overall row`);
  const names = t.columnNames();
  if (!names.includes(options.by)) throw new Error(`computeIndicators: the table has no column "${options.by}"`);

  const data = t.isFiltered() || t.isOrdered() ? t.reify() : t;
  const groupOf = Array.from(data.array(options.by) as ArrayLike<unknown>);
  const known = new Set(choices.map((c) => String(c.value)));
  groupOf.forEach((g, i) => {
    if (g !== null && g !== undefined && !known.has(String(g))) {
      throw new Error(`computeIndicators: row ${i + 1} has ${options.by} = "${String(g)}", which is not one of its choices`);
    }
  });

  // The grouping column's own distribution is published too (e.g. by the generic report):
  // groups it hides stay hidden here, whatever the n of an indicator.
  const minGroup = options.minGroup ?? threshold;
  if (!(Number.isInteger(minGroup) && minGroup >= threshold)) throw new RangeError(`computeIndicators: minGroup must be a whole number ≥ threshold, got ${minGroup}`);
  const alwaysHidden = byColumn.qi ? hiddenGroups(groupOf, choices.map((c) => String(c.value)), minGroup) : new Set<string>();

  // Each row's group as an index into choices (−1 without one), found once: filtering the values
  // of every indicator for every group by comparing texts took most of this stage at 1M answers.
  const choiceIndex = new Map(choices.map((c, k) => [String(c.value), k]));
  const groupIndex = Int32Array.from(groupOf, (g) => (g === null || g === undefined ? -1 : choiceIndex.get(String(g))!));

  const rows: IndicatorRow[] = [];
  for (const ind of indicators) {
    if (!names.includes(ind.variable)) throw new Error(`indicator "${ind.id}": the table has no column "${ind.variable}"`);
    const raw = Array.from(data.array(ind.variable) as ArrayLike<unknown>);
    const values = ind.measure === 'share' ? flagValues(raw) : numericValues(raw);
    const estimate = (vs: (number | null)[]) => {
      try {
        return ind.measure === 'share' ? estimators.share(vs) : estimators.mean(vs);
      } catch (err) {
        throw new Error(`indicator "${ind.id}" (${ind.variable}): ${(err as Error).message}`);
      }
    };
    // One pass splits the values by group, each in row order.
    const byGroup: (number | null)[][] = choices.map(() => []);
    for (let i = 0; i < values.length; i++) if (groupIndex[i] >= 0) byGroup[groupIndex[i]].push(values[i]);
    const groups = choices.map((c, k) => cell(ind.id, String(c.value), c.label, estimate(byGroup[k])));
    const overall = cell(ind.id, OVERALL_GROUP, OVERALL_LABEL, estimate(values));
    for (const g of groups) if (alwaysHidden.has(g.group)) Object.assign(g, { suppressed: true, suppression: 'complementary' });
    suppressSmallGroups(groups, overall, threshold);
    for (const row of [...groups, overall]) {
      if (row.suppressed) Object.assign(row, { estimate: null, ciLow: null, ciHigh: null });
      rows.push(row);
    }
  }
  return rows;
}
