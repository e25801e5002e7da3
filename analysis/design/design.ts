/**
 * Survey designs: who was sampled how, reduced to what the estimators need (a weight and a
 * stratum per row, and each stratum's variance scale). Mirrors R's survey::svydesign for
 * one-stage designs (ids = ~1).
 */

/** A design that cannot be built or used: the message says which row, stratum or value is wrong. */
export class DesignError extends Error {
  override name = 'DesignError';
}

/** Raking that cannot be done: the message names the margin variable and category. */
export class RakeError extends DesignError {
  override name = 'RakeError';
}

/** One stratum of a design. */
export interface Stratum {
  label: string;
  /** respondents in the design */
  n: number;
  /** population size (fpc), null without fpc */
  N: number | null;
}

/**
 * One margin of a raking step as the variance needs it (R keeps the same in the design's
 * postStrata): each row's category and the weights right after that margin was adjusted
 * in the last iteration.
 */
export interface CalibrationMargin {
  readonly name: string;
  readonly codes: Int32Array;
  readonly categories: number;
  /** rows per category (the unweighted counts R's ave() divides by) */
  readonly counts: Float64Array;
  readonly weights: Float64Array;
}

/** A survey design over the n rows of a table (row i of every array is respondent i). Immutable. */
export interface SurveyDesign {
  readonly kind: 'srs' | 'stratified' | 'weights' | 'raked';
  readonly n: number;
  /** Final weight of every row (> 0). */
  readonly weights: Float64Array;
  /** Stratum index of every row into `strata` (a single stratum when unstratified). */
  readonly stratumOf: Int32Array;
  readonly strata: readonly Stratum[];
  /** Design degrees of freedom: rows − strata (R's degf()). */
  readonly df: number;
  /** Non-fatal problems (e.g. a stratum with one respondent), in English, also exposed per estimate. */
  readonly warnings: readonly string[];
  /** Per stratum: the factor applied to its sum of squared centred influence values (fpc · n/(n−1)). */
  readonly stratumScale: Float64Array;
  /** Per stratum: 1 when it holds a single respondent (not centred: R's lonely.psu = "adjust"). */
  readonly lonely: Uint8Array;
  /** Per stratum: the warning to repeat in estimates that use it, or null. */
  readonly stratumWarnings: readonly (string | null)[];
  /** Raking steps, oldest first; each is residualised on as R's svyrecvar does for "raking". */
  readonly calibrations: readonly (readonly CalibrationMargin[])[];
}

/** Below this sampling fraction complement a stratum is a census, as in R's onestrat. */
const CENSUS_TOLERANCE = 1e-7;

function lonelyWarning(label: string): string {
  return `Stratum "${label}" has a single respondent: its variance contribution is centred on the overall mean `
    + `instead of the stratum mean (R's survey.lonely.psu = "adjust"), which is conservative.`;
}

/** Assembles a design from per-row weights and strata, computing each stratum's variance scale. */
export function buildDesign(
  kind: SurveyDesign['kind'],
  weights: Float64Array,
  stratumOf: Int32Array,
  strata: readonly Stratum[],
  calibrations: SurveyDesign['calibrations'] = [],
): SurveyDesign {
  const H = strata.length;
  const stratumScale = new Float64Array(H);
  const lonely = new Uint8Array(H);
  const stratumWarnings: (string | null)[] = [];
  const warnings: string[] = [];
  for (let h = 0; h < H; h++) {
    const { n, N } = strata[h];
    // Without fpc sampling is with replacement (f = 1); with it, f = (N − n)/N.
    const f = N === null ? 1 : (N - n) / N;
    let scale = n > 1 ? (f * n) / (n - 1) : f;
    if (f < CENSUS_TOLERANCE) scale = 0;
    stratumScale[h] = scale;
    if (n === 1 && scale > 0) {
      lonely[h] = 1;
      const w = lonelyWarning(strata[h].label);
      stratumWarnings.push(w);
      warnings.push(w);
    } else stratumWarnings.push(null);
  }
  return {
    kind, n: weights.length, weights, stratumOf, strata, df: weights.length - H, warnings,
    stratumScale, lonely, stratumWarnings, calibrations,
  };
}

/** Unweighted simple random sample, with replacement (weights 1): the "no design" case. */
export function srsDesign(n: number): SurveyDesign {
  if (!Number.isInteger(n) || n < 1) throw new DesignError(`A design needs at least one respondent (got n = ${n})`);
  return buildDesign('srs', new Float64Array(n).fill(1), new Int32Array(n), [{ label: 'all', n, N: null }]);
}

/**
 * Weights treated as fixed, with-replacement design (R: svydesign(ids=~1, weights=~w)).
 * Throws DesignError on a missing, non-positive or non-finite weight, naming the row.
 */
export function weightsDesign(weights: ArrayLike<number | null>): SurveyDesign {
  const n = weights.length;
  if (n < 1) throw new DesignError('A design needs at least one respondent (no weights given)');
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = weights[i];
    if (v === null || v === undefined || typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
      throw new DesignError(`Weight of row ${i + 1} must be a positive finite number, got ${String(v)}`);
    }
    w[i] = v;
  }
  return buildDesign('weights', w, new Int32Array(n), [{ label: 'all', n, N: null }]);
}

/**
 * Stratified sampling without replacement, finite population correction; weights = N_h / n_h
 * (R: svydesign(ids=~1, strata=~s, fpc=~N)).
 * `populations`: population size per stratum label (Map) or per row (array, constant within a
 * stratum, like R's fpc=~N_dept). Throws DesignError on a missing stratum value, a population
 * missing, not a positive number, smaller than n_h or varying within a stratum.
 */
export function stratifiedDesign(
  strata: ArrayLike<string | null>,
  populations: ReadonlyMap<string, number> | ArrayLike<number | null>,
): SurveyDesign {
  const n = strata.length;
  if (n < 1) throw new DesignError('A design needs at least one respondent (no strata given)');
  const perRow = !(populations instanceof Map);
  if (perRow && (populations as ArrayLike<number | null>).length !== n) {
    throw new DesignError(`Populations have ${(populations as ArrayLike<number | null>).length} rows but strata have ${n}`);
  }
  const indexOf = new Map<string, number>();
  const labels: string[] = [];
  const raw = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const s = strata[i];
    if (s === null || s === undefined || s === '') throw new DesignError(`Row ${i + 1} has no stratum value`);
    if (typeof s !== 'string') throw new DesignError(`Stratum of row ${i + 1} must be a string, got ${String(s)}`);
    let h = indexOf.get(s);
    if (h === undefined) {
      h = labels.length;
      indexOf.set(s, h);
      labels.push(s);
    }
    raw[i] = h;
  }
  // Strata in sorted order, as R's factor levels, so that outputs are stable.
  const order = labels.map((_, h) => h).sort((a, b) => (labels[a] < labels[b] ? -1 : labels[a] > labels[b] ? 1 : 0));
  const rank = new Int32Array(labels.length);
  order.forEach((h, r) => { rank[h] = r; });
  const stratumOf = new Int32Array(n);
  const counts = new Float64Array(labels.length);
  for (let i = 0; i < n; i++) {
    stratumOf[i] = rank[raw[i]];
    counts[stratumOf[i]]++;
  }
  const sorted = order.map((h) => labels[h]);
  const N: (number | null)[] = sorted.map(() => null);
  if (perRow) {
    const pops = populations as ArrayLike<number | null>;
    for (let i = 0; i < n; i++) {
      const v = pops[i];
      const h = stratumOf[i];
      if (v === null || v === undefined || typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
        throw new DesignError(`Population of row ${i + 1} (stratum "${sorted[h]}") must be a positive number, got ${String(v)}`);
      }
      if (N[h] === null) N[h] = v;
      else if (N[h] !== v) throw new DesignError(`Population varies within stratum "${sorted[h]}" (${N[h]} and ${v} at row ${i + 1})`);
    }
  } else {
    const map = populations as ReadonlyMap<string, number>;
    sorted.forEach((label, h) => {
      const v = map.get(label);
      if (v === undefined || v === null) throw new DesignError(`No population size for stratum "${label}"`);
      if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
        throw new DesignError(`Population of stratum "${label}" must be a positive number, got ${String(v)}`);
      }
      N[h] = v;
    });
  }
  const strataOut: Stratum[] = sorted.map((label, h) => {
    const Nh = N[h] as number;
    if (Nh < counts[h]) throw new DesignError(`Population of stratum "${label}" (${Nh}) is smaller than its ${counts[h]} respondents`);
    return { label, n: counts[h], N: Nh };
  });
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) weights[i] = (N[stratumOf[i]] as number) / counts[stratumOf[i]];
  return buildDesign('stratified', weights, stratumOf, strataOut);
}
