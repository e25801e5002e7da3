/**
 * Raking (iterative proportional fitting) of a design's weights to population margins, as R's
 * survey::rake(): each iteration post-stratifies on every margin in turn, and stops when no cell
 * of the cross-table of all margin variables moved by epsilon or more. The resulting design
 * records, for each margin, the categories and the weights after its last adjustment, which the
 * variance uses to residualise influence values (R's raking standard errors).
 */
import { RakeError, buildDesign, type CalibrationMargin, type SurveyDesign } from './design.js';
import { isMissing } from './inputs.js';

/** A margin to rake to: one value per row and the population total of each category. */
export interface RakeMargin {
  /** variable name, for messages */
  name: string;
  values: ArrayLike<string | null>;
  totals: ReadonlyMap<string, number>;
}

/** Convergence control, with R's rake() semantics. */
export interface RakeOptions {
  /**
   * Stop when no cell of the cross-table of the margin variables changed by epsilon or more in
   * an iteration. Below 1 it is relative to the total base weight (as R), at or above 1 absolute.
   * Default 1e-10 (the reference's).
   */
  epsilon?: number;
  /** Iterations before giving up with a RakeError (default 100). */
  maxIterations?: number;
}

/** Totals of different margins must agree to this relative tolerance. */
const TOTALS_TOLERANCE = 1e-9;

/** Bound on the cross-table of the margin variables (R builds the same table). */
const MAX_CELLS = 10_000_000;

interface CodedMargin { name: string; codes: Int32Array; labels: string[]; totals: Float64Array }

function codeMargin(base: SurveyDesign, m: RakeMargin): CodedMargin {
  if (m.values.length !== base.n) throw new RakeError(`Margin "${m.name}" has ${m.values.length} rows but the design has ${base.n}`);
  const labels: string[] = [];
  const totals: number[] = [];
  const index = new Map<string, number>();
  for (const [label, total] of m.totals) {
    if (typeof total !== 'number' || !Number.isFinite(total) || total < 0) {
      throw new RakeError(`Margin "${m.name}": the population total of category "${label}" must be a non-negative number, got ${String(total)}`);
    }
    index.set(label, labels.length);
    labels.push(label);
    totals.push(total);
  }
  const codes = new Int32Array(base.n);
  const seen = new Uint8Array(labels.length);
  for (let i = 0; i < base.n; i++) {
    const v = m.values[i];
    if (isMissing(v) || v === '') throw new RakeError(`Margin "${m.name}": row ${i + 1} has no value (every row needs one to be raked)`);
    const k = index.get(v as string);
    if (k === undefined) throw new RakeError(`Margin "${m.name}": category "${String(v)}" occurs in the data (row ${i + 1}) but has no population total`);
    codes[i] = k;
    seen[k] = 1;
  }
  labels.forEach((label, k) => {
    // R drops a category that is empty in both sample and population; an empty sample with a
    // population to represent cannot be raked.
    if (!seen[k] && totals[k] > 0) throw new RakeError(`Margin "${m.name}": category "${label}" has a population total (${totals[k]}) but no respondent`);
    if (seen[k] && totals[k] === 0) throw new RakeError(`Margin "${m.name}": category "${label}" has respondents but a population total of 0`);
  });
  return { name: m.name, codes, labels, totals: Float64Array.from(totals) };
}

/**
 * Rakes the design's weights to the margins by iterative proportional fitting (R: rake()). The
 * resulting design's variances include the calibration adjustment (R's raking SEs). Throws
 * RakeError with a clear message when: a row has no value for a margin variable; a category in
 * the data is missing from the margins; a margins category has no respondent; the margins'
 * totals differ from each other; no convergence within maxIterations.
 */
export function rakeDesign(base: SurveyDesign, margins: readonly RakeMargin[], options: RakeOptions = {}): SurveyDesign {
  const epsilonOption = options.epsilon ?? 1e-10;
  const maxIterations = options.maxIterations ?? 100;
  if (!(epsilonOption > 0)) throw new RakeError(`Raking epsilon must be a positive number, got ${epsilonOption}`);
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new RakeError(`Raking maxIterations must be a positive integer, got ${maxIterations}`);
  if (margins.length === 0) throw new RakeError('Raking needs at least one margin');
  const coded = margins.map((m) => codeMargin(base, m));
  const sums = coded.map((m) => m.totals.reduce((a, b) => a + b, 0));
  for (let k = 1; k < coded.length; k++) {
    if (Math.abs(sums[k] - sums[0]) > TOTALS_TOLERANCE * Math.max(Math.abs(sums[0]), Math.abs(sums[k]))) {
      throw new RakeError(`Margins disagree on the population: "${coded[0].name}" totals ${sums[0]} but "${coded[k].name}" totals ${sums[k]}`);
    }
  }
  const n = base.n;
  const baseW = base.weights;
  let baseTotal = 0;
  for (let i = 0; i < n; i++) baseTotal += baseW[i];
  const epsilon = epsilonOption < 1 ? epsilonOption * baseTotal : epsilonOption;

  // Every weight stays base × Π_k F_k[category of margin k], so the fitting runs on the occupied
  // cells of the cross-table of the margin variables (which the convergence test compares) and
  // the rows are read only to build that table and to write the final weights.
  let cells = 1;
  for (const m of coded) {
    cells *= m.labels.length;
    if (cells > MAX_CELLS) throw new RakeError(`Raking: the margin variables cross into more than ${MAX_CELLS} cells; rake on fewer or coarser variables`);
  }
  const fullCell = new Int32Array(n);
  for (const m of coded) for (let i = 0; i < n; i++) fullCell[i] = fullCell[i] * m.labels.length + m.codes[i];
  const compact = new Int32Array(cells).fill(-1);
  const firstRow: number[] = [];
  for (let i = 0; i < n; i++) {
    if (compact[fullCell[i]] < 0) { compact[fullCell[i]] = firstRow.length; firstRow.push(i); }
  }
  const m = firstRow.length;
  const B = new Float64Array(m);
  for (let i = 0; i < n; i++) B[compact[fullCell[i]]] += baseW[i];
  const catOf = coded.map((mg) => Int32Array.from(firstRow, (i) => mg.codes[i]));
  const F = coded.map((mg) => new Float64Array(mg.labels.length).fill(1));
  const table = (out: Float64Array) => {
    for (let c = 0; c < m; c++) {
      let t = B[c];
      for (let k = 0; k < coded.length; k++) t *= F[k][catOf[k][c]];
      out[c] = t;
    }
  };
  let oldTable = new Float64Array(m);
  let newTable = new Float64Array(m);
  table(oldTable);
  // Factors right after each margin's adjustment in the last iteration (what the variance needs).
  let snapshots: Float64Array[][] = [];
  let converged = false;
  let lastDelta = NaN;
  for (let iter = 0; iter < maxIterations && !converged; iter++) {
    snapshots = coded.map((mg, k) => {
      table(newTable);
      const sample = new Float64Array(mg.labels.length);
      for (let c = 0; c < m; c++) sample[catOf[k][c]] += newTable[c];
      for (let c = 0; c < sample.length; c++) if (sample[c] > 0) F[k][c] *= mg.totals[c] / sample[c];
      return F.map((f) => Float64Array.from(f));
    });
    table(newTable);
    let delta = 0;
    for (let c = 0; c < m; c++) delta = Math.max(delta, Math.abs(oldTable[c] - newTable[c]));
    lastDelta = delta;
    converged = delta < epsilon;
    [oldTable, newTable] = [newTable, oldTable];
  }
  if (!converged) {
    // Name the margin category furthest from its total, the likeliest culprit.
    table(newTable);
    let worst = { gap: -1, name: '', label: '', weighted: 0, total: 0 };
    coded.forEach((mg, k) => {
      const sums = new Float64Array(mg.labels.length);
      for (let c = 0; c < m; c++) sums[catOf[k][c]] += newTable[c];
      sums.forEach((v, c) => {
        const gap = Math.abs(v - mg.totals[c]);
        if (gap > worst.gap) worst = { gap, name: mg.name, label: mg.labels[c], weighted: v, total: mg.totals[c] };
      });
    });
    throw new RakeError(`Raking did not converge in ${maxIterations} iterations (last change ${lastDelta.toPrecision(3)}, epsilon ${epsilon.toPrecision(3)}): `
      + `margin "${worst.name}", category "${worst.label}" is furthest from its total (${worst.weighted.toPrecision(6)} vs ${worst.total}); the margins may be incompatible with the sample`);
  }
  const weightsWith = (factors: Float64Array[]) => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let v = baseW[i];
      for (let k = 0; k < coded.length; k++) v *= factors[k][coded[k].codes[i]];
      out[i] = v;
    }
    return out;
  };
  const w = weightsWith(F);
  const after = snapshots.map(weightsWith);
  const raking: CalibrationMargin[] = coded.map((m, k) => {
    const counts = new Float64Array(m.labels.length);
    for (let i = 0; i < n; i++) counts[m.codes[i]]++;
    return { name: m.name, codes: m.codes, categories: m.labels.length, counts, weights: after[k] };
  });
  return buildDesign('raked', w, base.stratumOf, base.strata, [...base.calibrations, raking]);
}
