/**
 * Design-based t-test of a difference of means between two groups (R: svyttest(y ~ g,
 * subset(design, g in both groups & !is.na(y)))): the difference of the two domain means, its
 * linearisation SE, and R's residual df of the underlying svyglm (subset rows − strata − 1).
 */
import { DesignError, type SurveyDesign } from './design.js';
import { tTwoSidedP } from './distributions.js';
import { checkLength, isMissing, lonelyWarnings, numericRows, subsetCounts } from './inputs.js';
import { linearisedVariance } from './variance.js';

/** Result of svyTTest. */
export interface TTestResult {
  /** mean(groups[1]) − mean(groups[0]) */
  difference: number;
  statistic: number;
  df: number;
  pValue: number;
  groups: [string, string];
  se: number;
  /** Non-fatal problems (a stratum with one respondent); absent when none. */
  warnings?: string[];
}

/**
 * Design-based t-test of the difference of means between two groups: difference =
 * mean(groups[1]) − mean(groups[0]). Rows in neither group or without y are outside the domain.
 * Throws DesignError when the groups are equal or one has no respondent with a value.
 */
export function svyTTest(design: SurveyDesign, y: ArrayLike<number | null>, group: ArrayLike<string | null>, groups: [string, string]): TTestResult {
  if (groups[0] === groups[1]) throw new DesignError(`The t-test needs two different groups, got "${groups[0]}" twice`);
  checkLength(design, group, 'Group');
  const g = new Int8Array(design.n).fill(-1);
  for (let i = 0; i < design.n; i++) {
    const v = group[i];
    if (isMissing(v)) continue;
    if (v === groups[0]) g[i] = 0;
    else if (v === groups[1]) g[i] = 1;
  }
  const ok = numericRows(design, y, undefined);
  for (let i = 0; i < design.n; i++) if (g[i] < 0) ok[i] = 0;
  const w = design.weights;
  const W = [0, 0];
  const S = [0, 0];
  for (let i = 0; i < design.n; i++) {
    if (!ok[i]) continue;
    W[g[i]] += w[i];
    S[g[i]] += w[i] * (y[i] as number);
  }
  groups.forEach((label, k) => {
    if (W[k] === 0) throw new DesignError(`The t-test group "${label}" has no respondent with a value`);
  });
  const m = [S[0] / W[0], S[1] / W[1]];
  const z = new Float64Array(design.n);
  for (let i = 0; i < design.n; i++) {
    if (!ok[i]) continue;
    const k = g[i];
    z[i] = ((k === 1 ? 1 : -1) * w[i] * ((y[i] as number) - m[k])) / W[k];
  }
  const se = Math.sqrt(linearisedVariance(design, z));
  const difference = m[1] - m[0];
  const statistic = difference / se;
  const { rows, strata } = subsetCounts(design, ok);
  const df = rows - strata - 1;
  const pValue = df > 0 ? tTwoSidedP(statistic, df) : NaN;
  const result: TTestResult = { difference, statistic, df, pValue, groups: [groups[0], groups[1]], se };
  const lonely = lonelyWarnings(design, ok);
  if (lonely.length) result.warnings = lonely;
  return result;
}
