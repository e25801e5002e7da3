/**
 * Quantiles of a survey design, as R's survey package computes them by default
 * (`svyquantile(~x, design, p, na.rm = TRUE)`, survey ≥ 4.1): the weighted empirical CDF
 * inverted by `qrule = "math"`, and Woodruff's interval (`interval.type = "mean"`): the
 * design-based interval of the share of values ≤ the quantile, mapped back through the CDF.
 */
import type { SurveyDesign } from './design.js';
import { tQuantile } from './distributions.js';
import { svyMean } from './estimators.js';

/** One quantile with its Woodruff interval. */
export interface QuantileEstimate {
  /** The probability asked for (e.g. 0.5 for the median). */
  p: number;
  estimate: number;
  /** NaN when the interval of the share falls outside [0, 1] (R gives NaN too). */
  ciLower: number;
  ciUpper: number;
  /** (upper − lower) / (2 t), as R reports it. */
  se: number;
  /** Respondents with a value (in the domain). */
  n: number;
  df: number;
}

/**
 * R's `qrule_math`: the smallest value whose cumulative weight reaches p of the total, taking
 * the value at an exact hit. Values must be sorted, weights positive.
 */
function mathRule(sorted: Float64Array, cumw: Float64Array, p: number): number {
  const total = cumw[cumw.length - 1];
  // R: pos = last index with cumw ≤ p·W (the first when none); exact hit → that value, else the next.
  let lo = 0, hi = cumw.length - 1, pos = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cumw[mid] <= p * total) { pos = mid; lo = mid + 1; } else hi = mid - 1;
  }
  if (pos < 0) pos = 0;
  const next = pos === cumw.length - 1 ? pos : pos + 1;
  return p - cumw[pos] / total === 0 ? sorted[pos] : sorted[next];
}

/**
 * Quantiles of `y` over the design (missing values and rows outside `domain` left out).
 * @param ps Probabilities in [0, 1], e.g. [0.5, 0.75].
 * @returns One estimate per probability; null when no row has a value.
 */
export function svyQuantiles(design: SurveyDesign, y: ArrayLike<number | null>, ps: readonly number[], options: { domain?: ArrayLike<boolean>; level?: number } = {}): QuantileEstimate[] | null {
  const level = options.level ?? 0.95;
  const rows: number[] = [];
  for (let i = 0; i < design.n; i++) {
    const v = y[i];
    if (v === null || v === undefined || Number.isNaN(v) || (options.domain && !options.domain[i]) || !(design.weights[i] > 0)) continue;
    rows.push(i);
  }
  if (!rows.length) return null;
  rows.sort((a, b) => (y[a] as number) - (y[b] as number));
  const sorted = Float64Array.from(rows, (i) => y[i] as number);
  const cumw = new Float64Array(rows.length);
  let acc = 0;
  rows.forEach((i, k) => (cumw[k] = acc += design.weights[i]));
  // R subsets the design to the rows with a value: its degrees of freedom are theirs (n − 1 without strata).
  const df = Math.max(design.df - (design.n - rows.length), 0);
  const t = df > 0 ? tQuantile(1 - (1 - level) / 2, df) : NaN;
  return ps.map((p) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile: p must be between 0 and 1, got ${p}`);
    const q = mathRule(sorted, cumw, p);
    // Woodruff: the share of values ≤ q, its interval on the same domain, mapped back.
    const below = Array.from({ length: design.n }, (_, i): number | null => {
      const v = y[i];
      if (v === null || v === undefined || Number.isNaN(v) || (options.domain && !options.domain[i])) return null;
      return v <= q ? 1 : 0;
    });
    const m = svyMean(design, below, options.domain ? { domain: options.domain } : {});
    const pl = m.estimate - t * m.se, pu = m.estimate + t * m.se;
    const ciLower = Number.isNaN(pl) || pl < 0 ? NaN : mathRule(sorted, cumw, pl);
    const ciUpper = Number.isNaN(pu) || pu > 1 ? NaN : mathRule(sorted, cumw, pu);
    return { p, estimate: q, ciLower, ciUpper, se: (ciUpper - ciLower) / (2 * t), n: rows.length, df };
  });
}
