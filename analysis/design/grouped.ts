/**
 * Domain means for every group of a breakdown at once (R: svyby(~y, ~g, design, svymean)),
 * giving the same numbers as svyMean(design, y, { domain }) called once per group, in one
 * pass over the rows plus work proportional to groups × strata × raking categories.
 *
 * Why: a report estimates each indicator for a hundred départements; one svyMean per
 * domain reads every row of the design each time, which at a million answers is minutes.
 *
 * How: a domain's influence values are z_i = w_i (y_i − ȳ_d) / W_d on its rows and 0
 * elsewhere, so every sum the variance needs (within each stratum: Σ z, Σ z²; and for a
 * raked design the category sums that R's residualisation sweeps on, and the cross terms of
 * the residual with the raking weights) expands into per-(group, stratum, category) sums of
 * w, w·y, w²·y… taken in the one pass, and design-wide tables of the raking weights taken
 * once per design. Designs raked more than once fall back to one svyMean per group.
 */
import type { CalibrationMargin, SurveyDesign } from './design.js';
import { DesignError } from './design.js';
import { svyMean } from './estimators.js';
import { checkLength, isMissing } from './inputs.js';

/** Iterations of the residualisation on raking margins (R's svyrecvar: 10 sweeps). */
const RAKING_SWEEPS = 10;

/** The mean of one group, as svyMean gives it, with what intervals need. */
export interface GroupMean {
  /** Rows of the group with a value. */
  n: number;
  /** Weighted mean (NaN when n = 0). */
  estimate: number;
  /** Linearisation variance of the mean, as a domain of the full design. */
  variance: number;
  /** R's degf of the subset of the group's answering rows: rows − strata among them. */
  subsetDf: number;
  /** Weighted count of the group's answering rows. */
  total: number;
  /** Warnings of the single-respondent strata the group's rows fall in. */
  warnings: string[];
}

/** Design-wide tables of one raking step (independent of y and of the groups). */
interface RakingTables {
  margins: readonly CalibrationMargin[];
  /** cross[k][j][c·C_j + c'] = Σ w_j / w_k over rows with categories (c, c') of margins (k, j). */
  cross: Float64Array[][];
  /** P[k][h·C_k + c] = Σ w_k over rows of stratum h in category c of margin k. */
  P: Float64Array[];
  /** T[k][j][(h·C_k + c)·C_j + c'] = Σ w_k w_j over rows of stratum h with categories (c, c'). */
  T: Float64Array[][];
}

const tablesCache = new WeakMap<SurveyDesign, RakingTables>();

function rakingTables(design: SurveyDesign): RakingTables {
  const cached = tablesCache.get(design);
  if (cached) return cached;
  const margins = design.calibrations[0];
  const { n, stratumOf } = design;
  const H = design.strata.length;
  const cross = margins.map((mk) => margins.map((mj) => {
    const t = new Float64Array(mk.categories * mj.categories);
    for (let i = 0; i < n; i++) t[mk.codes[i] * mj.categories + mj.codes[i]] += mj.weights[i] / mk.weights[i];
    return t;
  }));
  const P = margins.map((mk) => {
    const t = new Float64Array(H * mk.categories);
    for (let i = 0; i < n; i++) t[stratumOf[i] * mk.categories + mk.codes[i]] += mk.weights[i];
    return t;
  });
  const T = margins.map((mk) => margins.map((mj) => {
    const t = new Float64Array(H * mk.categories * mj.categories);
    for (let i = 0; i < n; i++) t[(stratumOf[i] * mk.categories + mk.codes[i]) * mj.categories + mj.codes[i]] += mk.weights[i] * mj.weights[i];
    return t;
  }));
  const tables = { margins, cross, P, T };
  tablesCache.set(design, tables);
  return tables;
}

/** The residualisation coefficients A_k[c] from the category sums Z_k[c] of z / w_k (R's 10 sweeps). */
function sweep(tables: RakingTables, Z: Float64Array[]): Float64Array[] {
  const { margins, cross } = tables;
  const K = margins.length;
  const A = margins.map((m) => new Float64Array(m.categories));
  for (let s = 0; s < RAKING_SWEEPS; s++) {
    for (let k = 0; k < K; k++) {
      const mk = margins[k];
      for (let c = 0; c < mk.categories; c++) {
        if (mk.counts[c] === 0) continue;
        let v = Z[k][c];
        for (let j = 0; j < K; j++) {
          const Cj = margins[j].categories;
          const t = cross[k][j];
          const a = A[j];
          for (let c2 = 0; c2 < Cj; c2++) v -= t[c * Cj + c2] * a[c2];
        }
        A[k][c] += v / mk.counts[c];
      }
    }
  }
  return A;
}

/**
 * Weighted mean of y in each group, with its linearisation variance as a domain of the full
 * design (the same as svyMean with the group as domain).
 * @param groupOf Group index of each row (0 ≤ g < groups), or −1 for a row in no group.
 * @throws DesignError on arrays of the wrong length, a group index out of range, or a value
 *   that is neither missing nor a finite number.
 */
export function svyMeansByGroup(design: SurveyDesign, y: ArrayLike<number | null>, groupOf: Int32Array, groups: number): GroupMean[] {
  checkLength(design, y, 'Variable');
  checkLength(design, groupOf, 'Groups');
  const { n, weights: w, stratumOf } = design;
  const H = design.strata.length;
  for (let i = 0; i < n; i++) {
    const g = groupOf[i];
    if (g < -1 || g >= groups || !Number.isInteger(g)) throw new DesignError(`Groups: row ${i + 1} has group ${g}, expected −1 to ${groups - 1}`);
    const v = y[i];
    if (!isMissing(v) && (typeof v !== 'number' || !Number.isFinite(v))) throw new DesignError(`Variable: row ${i + 1} must be a finite number or missing, got ${String(v)}`);
  }
  if (design.calibrations.length > 1) return fallback(design, y, groupOf, groups);

  // Per (group, stratum): count, Σw, Σwy, Σw², Σw²y, Σw²y².
  const GH = groups * H;
  const cnt = new Float64Array(GH);
  const s0 = new Float64Array(GH);
  const s1 = new Float64Array(GH);
  const q0 = new Float64Array(GH);
  const q1 = new Float64Array(GH);
  const q2 = new Float64Array(GH);
  const tables = design.calibrations.length === 1 ? rakingTables(design) : undefined;
  const margins = tables?.margins ?? [];
  // Per (group, margin k, category): Σ w/w_k, Σ w·y/w_k; per (group, stratum, k, category): Σ w·w_k, Σ w·w_k·y.
  const V = margins.map((m) => new Float64Array(groups * m.categories));
  const U = margins.map((m) => new Float64Array(groups * m.categories));
  const F = margins.map((m) => new Float64Array(GH * m.categories));
  const E = margins.map((m) => new Float64Array(GH * m.categories));
  for (let i = 0; i < n; i++) {
    const g = groupOf[i];
    const v = y[i];
    if (g < 0 || isMissing(v)) continue;
    const yi = v as number;
    const wi = w[i];
    const gh = g * H + stratumOf[i];
    cnt[gh]++;
    s0[gh] += wi;
    s1[gh] += wi * yi;
    const w2 = wi * wi;
    q0[gh] += w2;
    q1[gh] += w2 * yi;
    q2[gh] += w2 * yi * yi;
    for (let k = 0; k < margins.length; k++) {
      const m = margins[k];
      const c = m.codes[i];
      const wk = m.weights[i];
      V[k][g * m.categories + c] += wi / wk;
      U[k][g * m.categories + c] += (wi * yi) / wk;
      F[k][gh * m.categories + c] += wi * wk;
      E[k][gh * m.categories + c] += wi * wk * yi;
    }
  }

  const out: GroupMean[] = [];
  for (let g = 0; g < groups; g++) {
    let rows = 0;
    let present = 0;
    let W = 0;
    let S = 0;
    const hit: string[] = [];
    for (let h = 0; h < H; h++) {
      const gh = g * H + h;
      if (cnt[gh] === 0) continue;
      rows += cnt[gh];
      present++;
      W += s0[gh];
      S += s1[gh];
      if (design.lonely[h]) hit.push(design.stratumWarnings[h] as string);
    }
    if (rows === 0) {
      out.push({ n: 0, estimate: NaN, variance: NaN, subsetDf: 0, total: 0, warnings: [] });
      continue;
    }
    const mean = S / W;
    // Residualisation coefficients of this group's influence values.
    const A = tables
      ? sweep(tables, margins.map((m, k) => {
          const Z = new Float64Array(m.categories);
          for (let c = 0; c < m.categories; c++) Z[c] = (U[k][g * m.categories + c] - mean * V[k][g * m.categories + c]) / W;
          return Z;
        }))
      : [];
    let variance = 0;
    for (let h = 0; h < H; h++) {
      const gh = g * H + h;
      // Σ z and Σ z² over the stratum (z is 0 outside the group).
      let sumR = (s1[gh] - mean * s0[gh]) / W;
      let sumR2 = (q2[gh] - 2 * mean * q1[gh] + mean * mean * q0[gh]) / (W * W);
      if (tables) {
        // r = z − u with u_i = Σ_k w_k,i A_k[c_k(i)]: subtract Σ u, 2 Σ z·u, add Σ u².
        let sumU = 0;
        let sumZU = 0;
        let sumU2 = 0;
        for (let k = 0; k < margins.length; k++) {
          const Ck = margins[k].categories;
          const Ak = A[k];
          for (let c = 0; c < Ck; c++) {
            if (Ak[c] === 0) continue;
            sumU += Ak[c] * tables.P[k][h * Ck + c];
            sumZU += (Ak[c] * (E[k][gh * Ck + c] - mean * F[k][gh * Ck + c])) / W;
            for (let j = 0; j < margins.length; j++) {
              const Cj = margins[j].categories;
              const Aj = A[j];
              const T = tables.T[k][j];
              const base = (h * Ck + c) * Cj;
              let acc = 0;
              for (let c2 = 0; c2 < Cj; c2++) acc += T[base + c2] * Aj[c2];
              sumU2 += Ak[c] * acc;
            }
          }
        }
        sumR -= sumU;
        sumR2 += sumU2 - 2 * sumZU;
      }
      const ss = design.lonely[h] ? sumR2 : sumR2 - (sumR * sumR) / design.strata[h].n;
      variance += design.stratumScale[h] * ss;
    }
    out.push({ n: rows, estimate: mean, variance: Math.max(0, variance), subsetDf: rows - present, total: W, warnings: hit });
  }
  return out;
}

/** One svyMean per group: for designs raked more than once, whose residualisations nest. */
function fallback(design: SurveyDesign, y: ArrayLike<number | null>, groupOf: Int32Array, groups: number): GroupMean[] {
  const domain = new Uint8Array(design.n);
  const out: GroupMean[] = [];
  for (let g = 0; g < groups; g++) {
    let rows = 0;
    const strata = new Set<number>();
    for (let i = 0; i < design.n; i++) {
      domain[i] = groupOf[i] === g ? 1 : 0;
      if (domain[i] && !isMissing(y[i])) {
        rows++;
        strata.add(design.stratumOf[i]);
      }
    }
    if (rows === 0) {
      out.push({ n: 0, estimate: NaN, variance: NaN, subsetDf: 0, total: 0, warnings: [] });
      continue;
    }
    const e = svyMean(design, y, { domain: domain as unknown as ArrayLike<boolean> });
    let W = 0;
    for (let i = 0; i < design.n; i++) if (domain[i] && !isMissing(y[i])) W += design.weights[i];
    out.push({ n: e.n, estimate: e.estimate, variance: e.se * e.se, subsetDf: rows - strata.size, total: W, warnings: e.warnings ?? [] });
  }
  return out;
}
