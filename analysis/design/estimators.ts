/**
 * Design-based means, totals and category shares with linearisation standard errors
 * (R: svymean, svytotal, svyby). Missing answers follow na.rm = TRUE: the estimate is over the
 * rows that answered, and its variance is that of a domain of the full design.
 */
import { DesignError, type SurveyDesign } from './design.js';
import { tQuantile } from './distributions.js';
import { checkLength, checkLevel, isMissing, lonelyWarnings, numericRows } from './inputs.js';
import { linearisedVariance, shareCovariance } from './variance.js';
import { ciFromParts, type CiMethod } from './ciprop.js';

/** One estimate with its standard error and interval. */
export interface Estimate {
  estimate: number;
  se: number;
  /** respondents with a non-missing value in the domain */
  n: number;
  ciLower: number;
  ciUpper: number;
  /** degrees of freedom used for the interval */
  df: number;
  /** Non-fatal problems of this estimate (e.g. a stratum with one respondent); absent when none. */
  warnings?: string[];
}

/** Options shared by the estimators. */
export interface EstimateOptions {
  /** restrict to a domain (subpopulation) of the full design; rows where false are outside */
  domain?: ArrayLike<boolean>;
  /** confidence level of the interval, 0.95 by default */
  level?: number;
}

/** Estimate ± t quantile (design df) × SE; NaN bounds when the design has no degree of freedom. */
export function tInterval(design: SurveyDesign, estimate: number, se: number, level: number): { ciLower: number; ciUpper: number; df: number } {
  const df = design.df;
  const q = df > 0 ? tQuantile(1 - (1 - level) / 2, df) : NaN;
  return { ciLower: estimate - q * se, ciUpper: estimate + q * se, df };
}

function finish(design: SurveyDesign, ok: Uint8Array, e: Omit<Estimate, 'warnings'>): Estimate {
  const w = lonelyWarnings(design, ok);
  return w.length ? { ...e, warnings: w } : e;
}

/** Weighted mean over the rows in `ok`, its linearisation variance, their count and their total weight. */
export function meanParts(design: SurveyDesign, y: ArrayLike<number | null>, ok: Uint8Array): { mean: number; variance: number; n: number; weight: number } {
  const w = design.weights;
  let W = 0;
  let S = 0;
  let n = 0;
  for (let i = 0; i < design.n; i++) {
    if (!ok[i]) continue;
    W += w[i];
    S += w[i] * (y[i] as number);
    n++;
  }
  if (n === 0) return { mean: NaN, variance: NaN, n, weight: 0 };
  const mean = S / W;
  const z = new Float64Array(design.n);
  for (let i = 0; i < design.n; i++) if (ok[i]) z[i] = (w[i] * ((y[i] as number) - mean)) / W;
  return { mean, variance: linearisedVariance(design, z), n, weight: W };
}

/** Weighted mean with linearisation SE (R: svymean(~y, design, na.rm=TRUE), or svyby for a domain). */
export function svyMean(design: SurveyDesign, y: ArrayLike<number | null>, options: EstimateOptions = {}): Estimate {
  const level = checkLevel(options.level);
  const ok = numericRows(design, y, options.domain);
  const { mean, variance, n } = meanParts(design, y, ok);
  const se = Math.sqrt(variance);
  return finish(design, ok, { estimate: mean, se, n, ...tInterval(design, mean, se, level) });
}

/** Weighted total with linearisation SE (R: svytotal(~y, design, na.rm=TRUE)). */
export function svyTotal(design: SurveyDesign, y: ArrayLike<number | null>, options: EstimateOptions = {}): Estimate {
  const level = checkLevel(options.level);
  const ok = numericRows(design, y, options.domain);
  const w = design.weights;
  const z = new Float64Array(design.n);
  let total = 0;
  let n = 0;
  for (let i = 0; i < design.n; i++) {
    if (!ok[i]) continue;
    z[i] = w[i] * (y[i] as number);
    total += z[i];
    n++;
  }
  const se = n === 0 ? NaN : Math.sqrt(linearisedVariance(design, z));
  return finish(design, ok, { estimate: n === 0 ? NaN : total, se, n, ...tInterval(design, total, se, level) });
}

/**
 * Category codes of x (index into `categories`, −1 when missing or outside the domain).
 * Throws DesignError on a value that is not one of the categories.
 */
export function categoryCodes(design: SurveyDesign, x: ArrayLike<string | null>, categories: readonly string[], domain?: ArrayLike<boolean>, what = 'Variable'): Int32Array {
  checkLength(design, x, what);
  if (domain) checkLength(design, domain, 'Domain');
  const index = new Map<string, number>();
  categories.forEach((c, k) => {
    if (index.has(c)) throw new DesignError(`${what}: category "${c}" is listed twice`);
    index.set(c, k);
  });
  const codes = new Int32Array(design.n).fill(-1);
  for (let i = 0; i < design.n; i++) {
    const v = x[i];
    if (isMissing(v) || v === '') continue;
    const k = index.get(v as string);
    if (k === undefined) throw new DesignError(`${what}: row ${i + 1} has value "${String(v)}", which is not one of the categories (${categories.join(', ')})`);
    if (domain && !domain[i]) continue;
    codes[i] = k;
  }
  return codes;
}

/**
 * Share of each category among rows with a value (R: svymean(~factor)), categories in the given
 * order. The interval is the t interval unless `ci` names a method for a proportion (svyciprop).
 */
export function svyShares(
  design: SurveyDesign,
  x: ArrayLike<string | null>,
  categories: readonly string[],
  options: EstimateOptions & { ci?: CiMethod } = {},
): (Estimate & { category: string })[] {
  const level = checkLevel(options.level);
  const codes = categoryCodes(design, x, categories, options.domain);
  const ok = new Uint8Array(design.n);
  for (let i = 0; i < design.n; i++) ok[i] = codes[i] >= 0 ? 1 : 0;
  if (options.ci) {
    const ci = options.ci;
    let answered = 0;
    for (let i = 0; i < design.n; i++) if (!isMissing(x[i]) && x[i] !== '') answered++;
    const y = new Float64Array(design.n);
    return categories.map((category, k) => {
      for (let i = 0; i < design.n; i++) y[i] = codes[i] === k ? 1 : 0;
      return { category, ...ciFromParts(design, y, ok, ci, level, answered) };
    });
  }
  // All shares and their covariance from one pass over the rows (per-stratum sums by category).
  const K = categories.length;
  const Wk = new Float64Array(K);
  let W = 0;
  let n = 0;
  for (let i = 0; i < design.n; i++) {
    if (codes[i] < 0) continue;
    Wk[codes[i]] += design.weights[i];
    W += design.weights[i];
    n++;
  }
  const V = n === 0 ? null : shareCovariance(design, codes, K);
  return categories.map((category, k) => {
    const estimate = n === 0 ? NaN : Wk[k] / W;
    const se = V === null ? NaN : Math.sqrt(V[k][k]);
    return { category, ...finish(design, ok, { estimate, se, n, ...tInterval(design, estimate, se, level) }) };
  });
}
