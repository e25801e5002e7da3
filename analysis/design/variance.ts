/**
 * Linearisation variance of one-stage designs, as R's survey::svyrecvar: influence values are
 * first residualised on any raking margins, then centred within each stratum and summed in
 * squares with the stratum's scale (fpc · n_h/(n_h − 1)). Rows outside a domain carry an
 * influence value of 0 and still count in their stratum (domain estimation).
 */
import type { SurveyDesign } from './design.js';

/** Iterations of the residualisation on raking margins (R uses a fixed 10 sweeps). */
const RAKING_SWEEPS = 10;

/**
 * Replaces z by its residual on the raking margins, in place (R's svyrecvar for "raking"
 * post-strata: z ← z − w_k · mean over the category of (z / w_k), 10 sweeps over the margins).
 */
export function residualiseOnCalibrations(design: SurveyDesign, z: Float64Array): void {
  const n = design.n;
  for (const raking of design.calibrations) {
    for (let sweep = 0; sweep < RAKING_SWEEPS; sweep++) {
      for (const margin of raking) {
        const { codes, counts, weights } = margin;
        const sums = new Float64Array(margin.categories);
        for (let i = 0; i < n; i++) sums[codes[i]] += z[i] / weights[i];
        for (let c = 0; c < sums.length; c++) sums[c] /= counts[c];
        for (let i = 0; i < n; i++) z[i] -= weights[i] * sums[codes[i]];
      }
    }
  }
}

/**
 * Variance of a statistic whose influence values (one per row, 0 outside the domain) are z.
 * z is not modified.
 */
export function linearisedVariance(design: SurveyDesign, z: Float64Array): number {
  const n = design.n;
  if (z.length !== n) throw new RangeError(`influence values have ${z.length} rows, the design ${n}`);
  let x = z;
  if (design.calibrations.length > 0) {
    x = Float64Array.from(z);
    residualiseOnCalibrations(design, x);
  }
  const H = design.strata.length;
  const { stratumOf, stratumScale, lonely } = design;
  const means = new Float64Array(H);
  for (let i = 0; i < n; i++) means[stratumOf[i]] += x[i];
  for (let h = 0; h < H; h++) means[h] = lonely[h] ? 0 : means[h] / design.strata[h].n;
  const ss = new Float64Array(H);
  for (let i = 0; i < n; i++) {
    const d = x[i] - means[stratumOf[i]];
    ss[stratumOf[i]] += d * d;
  }
  let v = 0;
  for (let h = 0; h < H; h++) v += stratumScale[h] * ss[h];
  return v;
}

/**
 * Covariance matrix of several statistics, each given by its influence values (p columns of n
 * rows). Columns are not modified.
 */
export function linearisedCovariance(design: SurveyDesign, columns: readonly Float64Array[]): number[][] {
  const n = design.n;
  const p = columns.length;
  const H = design.strata.length;
  const { stratumOf, stratumScale, lonely } = design;
  const xs = columns.map((z) => {
    if (z.length !== n) throw new RangeError(`influence values have ${z.length} rows, the design ${n}`);
    if (design.calibrations.length === 0) return z;
    const x = Float64Array.from(z);
    residualiseOnCalibrations(design, x);
    return x;
  });
  // Centre each column within its stratum (not for a lonely stratum), into new arrays.
  const centred = xs.map((x) => {
    const means = new Float64Array(H);
    for (let i = 0; i < n; i++) means[stratumOf[i]] += x[i];
    for (let h = 0; h < H; h++) means[h] = lonely[h] ? 0 : means[h] / design.strata[h].n;
    const c = new Float64Array(n);
    for (let i = 0; i < n; i++) c[i] = x[i] - means[stratumOf[i]];
    return c;
  });
  const out: number[][] = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let j = 0; j < p; j++) {
    for (let k = j; k < p; k++) {
      const a = centred[j];
      const b = centred[k];
      const acc = new Float64Array(H);
      for (let i = 0; i < n; i++) acc[stratumOf[i]] += a[i] * b[i];
      let v = 0;
      for (let h = 0; h < H; h++) v += stratumScale[h] * acc[h];
      out[j][k] = v;
      out[k][j] = v;
    }
  }
  return out;
}
