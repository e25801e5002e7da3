/**
 * Rao-Scott second-order adjusted chi-square test of independence of two categorical variables,
 * "F" form (R: svychisq(~a+b, subset(design, !is.na(a) & !is.na(b)), statistic="F")). The
 * Pearson X² of the weighted table (scaled to the subset's row count) is divided by the mean
 * generalised design effect, and compared to an F with d0 and d0·ν degrees of freedom, d0 the
 * Satterthwaite df from the design effects' eigenvalues (tr(Δ)²/tr(Δ²)).
 */
import { DesignError, type SurveyDesign } from './design.js';
import { fUpperTail } from './distributions.js';
import { checkLength, isMissing, subsetCounts } from './inputs.js';
import { shareCovariance } from './variance.js';

/** Result of svyChisq. */
export interface ChisqResult {
  statistic: number;
  ndf: number;
  ddf: number;
  pValue: number;
  /** Pearson X² before adjustment */
  pearson: number;
}

function codes(design: SurveyDesign, x: ArrayLike<string | null>, what: string): { codes: Int32Array; levels: string[] } {
  checkLength(design, x, what);
  const index = new Map<string, number>();
  const raw = new Int32Array(design.n).fill(-1);
  for (let i = 0; i < design.n; i++) {
    const v = x[i];
    if (isMissing(v) || v === '') continue;
    if (typeof v !== 'string') throw new DesignError(`${what}: row ${i + 1} must be a category (string) or missing, got ${String(v)}`);
    let k = index.get(v);
    if (k === undefined) { k = index.size; index.set(v, k); }
    raw[i] = k;
  }
  return { codes: raw, levels: [...index.keys()] };
}

/** Residual of the columns of B after least-squares projection on the columns of A (R's qr.resid). */
function projectOut(A: number[][], B: number[][]): number[][] {
  const rows = A.length;
  // Orthonormal basis of A's columns (modified Gram-Schmidt; A has full column rank here).
  const basis: number[][] = [];
  for (let j = 0; j < A[0].length; j++) {
    const v = A.map((r) => r[j]);
    for (const q of basis) {
      const dot = v.reduce((s, x, i) => s + x * q[i], 0);
      for (let i = 0; i < rows; i++) v[i] -= dot * q[i];
    }
    const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    if (norm > 1e-12) basis.push(v.map((x) => x / norm));
  }
  const out = B.map((r) => [...r]);
  for (let j = 0; j < B[0].length; j++) {
    for (const q of basis) {
      let dot = 0;
      for (let i = 0; i < rows; i++) dot += out[i][j] * q[i];
      for (let i = 0; i < rows; i++) out[i][j] -= dot * q[i];
    }
  }
  return out;
}

/** Solves A X = B (square A) by Gaussian elimination with partial pivoting. */
function solve(A: number[][], B: number[][]): number[][] {
  const n = A.length;
  const a = A.map((r) => [...r]);
  const b = B.map((r) => [...r]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
    if (!(Math.abs(a[p][c]) > 1e-300)) throw new DesignError('Chi-square test: the table is degenerate (a row or column has no weight)');
    [a[c], a[p]] = [a[p], a[c]];
    [b[c], b[p]] = [b[p], b[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r][c] / a[c][c];
      if (f === 0) continue;
      for (let k = c; k < n; k++) a[r][k] -= f * a[c][k];
      for (let k = 0; k < b[0].length; k++) b[r][k] -= f * b[c][k];
    }
  }
  return b.map((row, r) => row.map((x) => x / a[r][r]));
}

const mul = (A: number[][], B: number[][]): number[][] =>
  A.map((row) => B[0].map((_, j) => row.reduce((s, x, k) => s + x * B[k][j], 0)));
const transpose = (A: number[][]): number[][] => A[0].map((_, j) => A.map((r) => r[j]));

/**
 * Rao-Scott adjusted chi-square test of independence, "F" form (R: svychisq(~a+b, design,
 * statistic="F")). Rows missing either variable are outside the domain. Throws DesignError when
 * a variable has fewer than two categories among the rows that count.
 */
export function svyChisq(design: SurveyDesign, a: ArrayLike<string | null>, b: ArrayLike<string | null>): ChisqResult {
  const A = codes(design, a, 'First variable');
  const B = codes(design, b, 'Second variable');
  const ok = new Uint8Array(design.n);
  for (let i = 0; i < design.n; i++) ok[i] = A.codes[i] >= 0 && B.codes[i] >= 0 ? 1 : 0;
  // Levels among the rows that count (R takes them from the subset design), renumbered.
  const renumber = (c: Int32Array, size: number) => {
    const map = new Int32Array(size).fill(-1);
    let next = 0;
    for (let i = 0; i < design.n; i++) if (ok[i] && map[c[i]] < 0) map[c[i]] = next++;
    return { map, count: next };
  };
  const ra = renumber(A.codes, A.levels.length);
  const rb = renumber(B.codes, B.levels.length);
  const nr = ra.count;
  const nc = rb.count;
  if (nr < 2 || nc < 2) throw new DesignError(`Chi-square test: each variable needs at least two categories among respondents with both answers (got ${nr} and ${nc})`);
  const K = nr * nc;
  const cell = new Int32Array(design.n).fill(-1);
  for (let i = 0; i < design.n; i++) if (ok[i]) cell[i] = ra.map[A.codes[i]] + nr * rb.map[B.codes[i]];

  // Cell proportions and their design covariance (svymean of the cell indicators).
  const w = design.weights;
  const Wk = new Float64Array(K);
  let W = 0;
  for (let i = 0; i < design.n; i++) if (ok[i]) { Wk[cell[i]] += w[i]; W += w[i]; }
  const p = Array.from(Wk, (x) => x / W);
  const V = shareCovariance(design, cell, K);

  // Contrasts of the interaction, residualised on the main effects (cells: rows vary fastest).
  const X1: number[][] = [];
  const X12: number[][] = [];
  for (let c = 0; c < nc; c++) {
    for (let r = 0; r < nr; r++) {
      const main = [1];
      for (let rr = 1; rr < nr; rr++) main.push(r === rr ? 1 : 0);
      for (let cc = 1; cc < nc; cc++) main.push(c === cc ? 1 : 0);
      X1.push(main);
      const inter: number[] = [];
      for (let cc = 1; cc < nc; cc++) for (let rr = 1; rr < nr; rr++) inter.push(r === rr && c === cc ? 1 : 0);
      X12.push(inter);
    }
  }
  const C = projectOut(X1, X12);
  const calibrated = design.calibrations.length > 0;
  const { rows, strata } = subsetCounts(design, ok);
  // R's N (rows of the subset design) and ν (its clusters − strata); a calibrated design's subset keeps all rows.
  const N = calibrated ? design.n : rows;
  const nu = calibrated ? design.df : rows - strata;
  const iD = p.map((x) => (x === 0 ? 0 : 1 / x));
  const Ct = transpose(C);
  const denom = Ct.map((row) => C[0].map((_, j) => row.reduce((s, x, k) => s + (x * iD[k] * C[k][j]) / N, 0)));
  const iDC = C.map((row, k) => row.map((x) => x * iD[k]));
  const numr = mul(transpose(iDC), mul(V, iDC));
  const Delta = solve(denom, numr);
  let tr = 0;
  let tr2 = 0;
  for (let i = 0; i < Delta.length; i++) {
    tr += Delta[i][i];
    for (let j = 0; j < Delta.length; j++) tr2 += Delta[i][j] * Delta[j][i];
  }
  const d0 = (tr * tr) / tr2;

  // Pearson X² of the weighted table scaled to N (R: chisq.test(svytable(~a+b, Ntotal=N))).
  const rowSum = new Float64Array(nr);
  const colSum = new Float64Array(nc);
  for (let k = 0; k < K; k++) { rowSum[k % nr] += (Wk[k] * N) / W; colSum[Math.floor(k / nr)] += (Wk[k] * N) / W; }
  let pearson = 0;
  for (let k = 0; k < K; k++) {
    const e = (rowSum[k % nr] * colSum[Math.floor(k / nr)]) / N;
    const o = (Wk[k] * N) / W;
    pearson += ((o - e) * (o - e)) / e;
  }
  const statistic = pearson / tr;
  const ddf = d0 * nu;
  return { statistic, ndf: d0, ddf, pValue: fUpperTail(statistic, d0, ddf), pearson };
}
