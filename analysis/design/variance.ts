/**
 * Linearisation variance of one-stage designs, as R's survey::svyrecvar: influence values are
 * first residualised on any raking margins, then centred within each stratum and summed in
 * squares with the stratum's scale (fpc · n_h/(n_h − 1)). Rows outside a domain carry an
 * influence value of 0 and still count in their stratum (domain estimation).
 */
import type { CalibrationMargin, SurveyDesign } from './design.js';

/** Iterations of the residualisation on raking margins (R uses a fixed 10 sweeps). */
const RAKING_SWEEPS = 10;

/**
 * Cross-tables of one raking step: cross[k][j][c·C_j + c'] = Σ over rows with category c of
 * margin k and c' of margin j of w_j / w_k (w_k: the weights after margin k's adjustment).
 * They let the residualisation sweep on category sums instead of rows.
 */
const crossCache = new WeakMap<readonly CalibrationMargin[], Float64Array[][]>();

function crossTables(n: number, raking: readonly CalibrationMargin[]): Float64Array[][] {
  let cross = crossCache.get(raking);
  if (cross) return cross;
  cross = raking.map((mk) => raking.map((mj) => {
    const t = new Float64Array(mk.categories * mj.categories);
    for (let i = 0; i < n; i++) t[mk.codes[i] * mj.categories + mj.codes[i]] += mj.weights[i] / mk.weights[i];
    return t;
  }));
  crossCache.set(raking, cross);
  return cross;
}

/**
 * Replaces each column by its residual on the raking margins, in place (R's svyrecvar for
 * "raking" post-strata: z ← z − w_k · mean over the category of (z / w_k), 10 sweeps over the
 * margins). The sweeps are done on category sums: a column stays z⁰ − Σ_k w_k · A_k[category],
 * and only the coefficients A_k change, so the rows are read twice per raking step whatever the
 * number of columns and sweeps.
 */
export function residualiseColumns(design: SurveyDesign, columns: readonly Float64Array[]): void {
  const n = design.n;
  const p = columns.length;
  for (const raking of design.calibrations) {
    const cross = crossTables(n, raking);
    const K = raking.length;
    // Z[k][c·p + j] = Σ over rows of category c of margin k of z⁰_j / w_k (flat, for fast row loops).
    const Z = raking.map((m) => new Float64Array(m.categories * p));
    for (let k = 0; k < K; k++) {
      const { codes, weights } = raking[k];
      const Zk = Z[k];
      for (let i = 0; i < n; i++) {
        const base = codes[i] * p;
        const inv = 1 / weights[i];
        for (let j = 0; j < p; j++) Zk[base + j] += columns[j][i] * inv;
      }
    }
    // A[k][c·p + j]: coefficient of w_k for rows of category c in column j.
    const A = raking.map((m) => new Float64Array(m.categories * p));
    for (let sweep = 0; sweep < RAKING_SWEEPS; sweep++) {
      for (let k = 0; k < K; k++) {
        const mk = raking[k];
        for (let c = 0; c < mk.categories; c++) {
          if (mk.counts[c] === 0) continue;
          for (let j = 0; j < p; j++) {
            let s = Z[k][c * p + j];
            for (let l = 0; l < K; l++) {
              const Cl = raking[l].categories;
              const t = cross[k][l];
              const a = A[l];
              for (let c2 = 0; c2 < Cl; c2++) s -= t[c * Cl + c2] * a[c2 * p + j];
            }
            A[k][c * p + j] += s / mk.counts[c];
          }
        }
      }
    }
    for (let k = 0; k < K; k++) {
      const { codes, weights } = raking[k];
      const Ak = A[k];
      for (let i = 0; i < n; i++) {
        const base = codes[i] * p;
        const wi = weights[i];
        for (let j = 0; j < p; j++) columns[j][i] -= wi * Ak[base + j];
      }
    }
  }
}

/** Replaces z by its residual on the raking margins, in place (see residualiseColumns). */
export function residualiseOnCalibrations(design: SurveyDesign, z: Float64Array): void {
  residualiseColumns(design, [z]);
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
 * rows). Columns are not modified. All pairs are accumulated in one pass over the rows.
 */
export function linearisedCovariance(design: SurveyDesign, columns: readonly Float64Array[]): number[][] {
  const n = design.n;
  const p = columns.length;
  const H = design.strata.length;
  const { stratumOf, stratumScale, lonely } = design;
  for (const z of columns) if (z.length !== n) throw new RangeError(`influence values have ${z.length} rows, the design ${n}`);
  let xs = columns;
  if (design.calibrations.length > 0) {
    xs = columns.map((z) => Float64Array.from(z));
    residualiseColumns(design, xs);
  }
  // Stratum means (0 for a lonely stratum: centred on the overall mean, R's "adjust").
  const means = new Float64Array(H * p);
  for (let i = 0; i < n; i++) {
    const base = stratumOf[i] * p;
    for (let j = 0; j < p; j++) means[base + j] += xs[j][i];
  }
  for (let h = 0; h < H; h++) for (let j = 0; j < p; j++) means[h * p + j] = lonely[h] ? 0 : means[h * p + j] / design.strata[h].n;
  const acc = new Float64Array(H * p * p);
  const d = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const h = stratumOf[i];
    for (let j = 0; j < p; j++) d[j] = xs[j][i] - means[h * p + j];
    const base = h * p * p;
    for (let j = 0; j < p; j++) {
      const dj = d[j];
      for (let k = j; k < p; k++) acc[base + j * p + k] += dj * d[k];
    }
  }
  const out: number[][] = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let j = 0; j < p; j++) {
    for (let k = j; k < p; k++) {
      let v = 0;
      for (let h = 0; h < H; h++) v += stratumScale[h] * acc[h * p * p + j * p + k];
      out[j][k] = v;
      out[k][j] = v;
    }
  }
  return out;
}

/**
 * Covariance matrix of the K shares of a categorical variable (cell[i] in 0..K−1, −1 outside
 * the domain or missing). Without calibration it is computed from per-stratum sums of w and w²
 * by category, in one pass over the rows; with calibration, from the influence columns.
 */
export function shareCovariance(design: SurveyDesign, cell: Int32Array, K: number): number[][] {
  const n = design.n;
  const w = design.weights;
  const H = design.strata.length;
  const S1 = new Float64Array(H * K);
  const S2 = new Float64Array(H * K);
  const T1 = new Float64Array(H);
  const T2 = new Float64Array(H);
  for (let i = 0; i < n; i++) {
    const k = cell[i];
    if (k < 0) continue;
    const h = design.stratumOf[i];
    const wi = w[i];
    S1[h * K + k] += wi;
    S2[h * K + k] += wi * wi;
    T1[h] += wi;
    T2[h] += wi * wi;
  }
  let W = 0;
  for (let h = 0; h < H; h++) W += T1[h];
  const p = new Float64Array(K);
  for (let h = 0; h < H; h++) for (let k = 0; k < K; k++) p[k] += S1[h * K + k] / W;
  if (design.calibrations.length > 0) {
    const columns = Array.from(p, (pk, k) => {
      const z = new Float64Array(n);
      for (let i = 0; i < n; i++) if (cell[i] >= 0) z[i] = (w[i] * ((cell[i] === k ? 1 : 0) - pk)) / W;
      return z;
    });
    return linearisedCovariance(design, columns);
  }
  const out: number[][] = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  const sums = new Float64Array(K);
  for (let h = 0; h < H; h++) {
    if (design.stratumScale[h] === 0) continue;
    for (let j = 0; j < K; j++) sums[j] = (S1[h * K + j] - p[j] * T1[h]) / W;
    const centre = design.lonely[h] ? 0 : 1 / design.strata[h].n;
    for (let j = 0; j < K; j++) {
      for (let k = j; k < K; k++) {
        const cross = ((j === k ? S2[h * K + j] : 0) - p[k] * S2[h * K + j] - p[j] * S2[h * K + k] + p[j] * p[k] * T2[h]) / (W * W);
        const v = design.stratumScale[h] * (cross - sums[j] * sums[k] * centre);
        out[j][k] += v;
        if (k !== j) out[k][j] += v;
      }
    }
  }
  return out;
}
