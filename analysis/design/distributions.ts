/**
 * Typed wrappers over the @stdlib distribution functions (a maintained, tested library
 * rather than hand-written special functions). Every function checks its parameters so
 * that a bad degree of freedom is a clear RangeError instead of a silent NaN.
 */
import betaQuantileRaw from '@stdlib/stats-base-dists-beta-quantile';
import chisqCdfRaw from '@stdlib/stats-base-dists-chisquare-cdf';
import chisqQuantileRaw from '@stdlib/stats-base-dists-chisquare-quantile';
import fCdfRaw from '@stdlib/stats-base-dists-f-cdf';
import fQuantileRaw from '@stdlib/stats-base-dists-f-quantile';
import normalCdfRaw from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantileRaw from '@stdlib/stats-base-dists-normal-quantile';
import tCdfRaw from '@stdlib/stats-base-dists-t-cdf';
import tQuantileRaw from '@stdlib/stats-base-dists-t-quantile';

function checkPositive(what: string, value: number): void {
  if (!(value > 0) || Number.isNaN(value)) throw new RangeError(`${what} must be a positive number, got ${value}`);
}

function checkProbability(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`probability must be in [0, 1], got ${p}`);
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom (df may be Infinity: the normal). */
export function tCdf(t: number, df: number): number {
  checkPositive('t distribution: degrees of freedom', df);
  return df === Infinity ? normalCdfRaw(t, 0, 1) : tCdfRaw(t, df);
}

/** Quantile of Student's t with `df` degrees of freedom (df may be Infinity: the normal). */
export function tQuantile(p: number, df: number): number {
  checkProbability(p);
  checkPositive('t distribution: degrees of freedom', df);
  return df === Infinity ? normalQuantileRaw(p, 0, 1) : tQuantileRaw(p, df);
}

/** Two-sided p-value of a t statistic: P(|T| ≥ |t|), computed on the lower tail to keep tiny p-values exact. */
export function tTwoSidedP(t: number, df: number): number {
  return 2 * tCdf(-Math.abs(t), df);
}

/** P(F ≤ x) for the F distribution with (d1, d2) degrees of freedom (non-integer allowed). */
export function fCdf(x: number, d1: number, d2: number): number {
  checkPositive('F distribution: numerator degrees of freedom', d1);
  checkPositive('F distribution: denominator degrees of freedom', d2);
  return fCdfRaw(x, d1, d2);
}

/** Upper tail P(F > x) for the F distribution with (d1, d2) degrees of freedom. */
export function fUpperTail(x: number, d1: number, d2: number): number {
  // The F upper tail is a lower tail of the beta of the swapped parameters: exact for small p.
  checkPositive('F distribution: numerator degrees of freedom', d1);
  checkPositive('F distribution: denominator degrees of freedom', d2);
  if (!(x > 0)) return 1;
  return fCdfRaw(1 / x, d2, d1);
}

/** Quantile of the F distribution with (d1, d2) degrees of freedom. */
export function fQuantile(p: number, d1: number, d2: number): number {
  checkProbability(p);
  checkPositive('F distribution: numerator degrees of freedom', d1);
  checkPositive('F distribution: denominator degrees of freedom', d2);
  return fQuantileRaw(p, d1, d2);
}

/** P(X ≤ x) for the chi-square distribution with `df` degrees of freedom. */
export function chisqCdf(x: number, df: number): number {
  checkPositive('chi-square distribution: degrees of freedom', df);
  return chisqCdfRaw(x, df);
}

/** Quantile of the chi-square distribution with `df` degrees of freedom. */
export function chisqQuantile(p: number, df: number): number {
  checkProbability(p);
  checkPositive('chi-square distribution: degrees of freedom', df);
  return chisqQuantileRaw(p, df);
}

/** Quantile of the Beta(a, b) distribution (a, b > 0). */
export function betaQuantile(p: number, a: number, b: number): number {
  checkProbability(p);
  checkPositive('beta distribution: first shape', a);
  checkPositive('beta distribution: second shape', b);
  return betaQuantileRaw(p, a, b);
}

/** Standard normal cumulative distribution function. */
export function normalCdf(x: number): number {
  return normalCdfRaw(x, 0, 1);
}

/** Standard normal quantile. */
export function normalQuantile(p: number): number {
  checkProbability(p);
  return normalQuantileRaw(p, 0, 1);
}
