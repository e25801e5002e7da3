/**
 * Unweighted estimators with 95 % confidence intervals. Each is a small pure function
 * of a column of values, so that a weighted, design-based version can replace it
 * without touching the callers (see computeIndicators' `estimators` option).
 */
import { tQuantile } from './design/distributions.js';

/** Confidence level of every interval we publish. */
export const CONFIDENCE_LEVEL = 0.95;
/** Standard normal quantile for a two-sided 95 % interval. */
const Z_95 = 1.959963984540054;

/** A proportion among non-missing 0/1 values. `estimate` and bounds are in [0, 1]; null when n = 0. */
export interface ShareEstimate {
  n: number;
  estimate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

/** A mean among non-missing numbers, with its sample standard deviation (null when n < 2). */
export interface MeanEstimate extends ShareEstimate {
  sd: number | null;
}

/**
 * Share of 1 among non-missing values, with a Wilson score interval (good coverage
 * for small n and proportions near 0 or 1, unlike the Wald interval).
 * @param values 0, 1, or null/undefined for a missing value; anything else throws.
 */
export function shareEstimate(values: ArrayLike<number | null | undefined>): ShareEstimate {
  let n = 0;
  let ones = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    if (v !== 0 && v !== 1) throw new TypeError(`shareEstimate: values must be 0, 1 or null; got ${String(v)} at index ${i}`);
    n++;
    ones += v;
  }
  if (n === 0) return { n, estimate: null, ciLow: null, ciHigh: null };
  const p = ones / n;
  const z2 = Z_95 * Z_95;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (Z_95 / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { n, estimate: p, ciLow: Math.max(0, centre - half), ciHigh: Math.min(1, centre + half) };
}

/**
 * Mean of non-missing values with a Student t interval (n − 1 degrees of freedom).
 * With a single value the mean is given but the standard deviation and interval are null.
 * @param values Finite numbers, or null/undefined for a missing value; anything else throws.
 */
export function meanEstimate(values: ArrayLike<number | null | undefined>): MeanEstimate {
  const xs: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError(`meanEstimate: values must be finite numbers or null; got ${String(v)} at index ${i}`);
    xs.push(v);
  }
  const n = xs.length;
  if (n === 0) return { n, estimate: null, sd: null, ciLow: null, ciHigh: null };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { n, estimate: mean, sd: null, ciLow: null, ciHigh: null };
  // Two-pass variance: stable for values far from zero.
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
  const half = (tQuantile(1 - (1 - CONFIDENCE_LEVEL) / 2, n - 1) * sd) / Math.sqrt(n);
  return { n, estimate: mean, sd, ciLow: mean - half, ciHigh: mean + half };
}
