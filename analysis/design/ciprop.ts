/**
 * Confidence intervals for a proportion under a survey design (R: svyciprop), by the logit
 * (Wald on the logit scale), beta (Korn-Graubard), likelihood (Rao-Scott scaled profile
 * likelihood of the weighted logistic model) and, for unweighted samples only, Wilson methods.
 *
 * R fits svyciprop on subset(design, domain & !is.na(y)). Its degrees of freedom are then those
 * of the subset (rows − strata among them, R's degf), and its row counts are those of the subset,
 * except for a calibrated (raked) design whose subset keeps every row with a zero weight (all
 * rows for nrow(), the rows with a value of y for the model): these are reproduced here.
 */
import { DesignError, type SurveyDesign } from './design.js';
import { betaQuantile, fQuantile, normalCdf, normalQuantile, tQuantile } from './distributions.js';
import type { Estimate, EstimateOptions } from './estimators.js';
import { checkLevel, lonelyWarnings, numericRows, subsetCounts } from './inputs.js';
import { linearisedVariance } from './variance.js';
import { approxLinear, splineGrid } from './spline.js';

/** Interval methods for a proportion. */
export type CiMethod = 'logit' | 'beta' | 'likelihood' | 'wilson';

const CI_METHODS: readonly CiMethod[] = ['logit', 'beta', 'likelihood', 'wilson'];

const logit = (p: number) => Math.log(p / (1 - p));
const expit = (x: number) => 1 / (1 + Math.exp(-x));

/** Profiling steps on each side, as MASS's profile.glm used by R's confint.svyglm. */
const PROFILE_MAX_STEPS = 10;

/** What every method needs: the weighted proportion, its design variance and the subset's sizes. */
interface PropParts {
  p: number;
  variance: number;
  /** respondents in the subset */
  n: number;
  /** R's degf of the subset */
  df: number;
  /** R's nrow() of the subset design (all rows for a calibrated design) */
  rows: number;
  /** rows of R's model frame: the subset's, or for a calibrated design every row with a value */
  modelRows: number;
  /** total weight of the subset */
  W: number;
  /** weight of the subset's ones */
  W1: number;
}

function propParts(design: SurveyDesign, y: ArrayLike<number | null>, ok: Uint8Array, answered: number): PropParts {
  const w = design.weights;
  let W = 0;
  let W1 = 0;
  for (let i = 0; i < design.n; i++) {
    if (!ok[i]) continue;
    const v = y[i] as number;
    if (v !== 0 && v !== 1) throw new DesignError(`Proportion: row ${i + 1} must be 0, 1 or missing, got ${v}`);
    W += w[i];
    W1 += w[i] * v;
  }
  const { rows, strata } = subsetCounts(design, ok);
  const p = W1 / W;
  const z = new Float64Array(design.n);
  for (let i = 0; i < design.n; i++) if (ok[i]) z[i] = (w[i] * ((y[i] as number) - p)) / W;
  const variance = rows === 0 ? NaN : linearisedVariance(design, z);
  const calibrated = design.calibrations.length > 0;
  return { p, variance, n: rows, df: rows - strata, rows: calibrated ? design.n : rows, modelRows: calibrated ? answered : rows, W, W1 };
}

/** Wald interval on the logit scale with t(df) quantiles (R's svyciprop "logit"), from a proportion and its variance. */
export function logitBounds(p: number, variance: number, df: number, level: number): [number, number] {
  const seLogit = Math.sqrt(variance) / (p * (1 - p));
  const t = tQuantile(1 - (1 - level) / 2, df);
  return [expit(logit(p) - t * seLogit), expit(logit(p) + t * seLogit)];
}

function logitInterval(q: PropParts, level: number): [number, number] {
  return logitBounds(q.p, q.variance, q.df, level);
}

function betaInterval(q: PropParts, level: number): [number, number] {
  const alpha = 1 - level;
  // Korn-Graubard: effective sample size, scaled by the ratio of t quantiles (rows − 1 vs design df).
  let nEff = (q.p * (1 - q.p)) / q.variance;
  nEff *= (tQuantile(alpha / 2, q.rows - 1) / tQuantile(alpha / 2, q.df)) ** 2;
  const lower = q.p === 0 ? 0 : betaQuantile(alpha / 2, nEff * q.p, nEff * (1 - q.p) + 1);
  const upper = q.p === 1 ? 1 : betaQuantile(1 - alpha / 2, nEff * q.p + 1, nEff * (1 - q.p));
  return [lower, upper];
}

/** glm.fit's convergence tolerance and iteration limit (glm.control()). */
const GLM_EPSILON = 1e-8;
const GLM_MAX_ITERATIONS = 25;

/**
 * Total working weight Σ w·μ(1 − μ) of the last iteration of R's glm.fit (IRLS) for the logistic
 * model y ~ 1 with prior weights w = scale · design weight: R's model-based variance of the
 * intercept is its inverse. glm.fit starts every row at μ = (w·y + 0.5)/(w + 1), then the fit is a
 * single value, and it stops when the deviance changes by less than 1e-8 relative, keeping the
 * weights of the iteration before the last update.
 */
function glmWorkingWeight(design: SurveyDesign, y: ArrayLike<number | null>, ok: Uint8Array, scale: number): number {
  const w = design.weights;
  let V = 0;
  let V1 = 0;
  let sw = 0;
  let swz = 0;
  let devold = 0;
  for (let i = 0; i < design.n; i++) {
    if (!ok[i]) continue;
    const wi = w[i] * scale;
    const yi = y[i] as number;
    const mu = (wi * yi + 0.5) / (wi + 1);
    const eta = logit(mu);
    const v = mu * (1 - mu);
    sw += wi * v;
    swz += wi * v * (eta + (yi - mu) / v);
    devold += -2 * wi * (yi === 1 ? Math.log(mu) : Math.log(1 - mu));
    V += wi;
    V1 += wi * yi;
  }
  let working = sw;
  let eta = swz / sw;
  for (let iter = 1; iter <= GLM_MAX_ITERATIONS; iter++) {
    const mu = expit(eta);
    const dev = -2 * (V1 * Math.log(mu) + (V - V1) * Math.log(1 - mu));
    if (Math.abs(dev - devold) / (Math.abs(dev) + 0.1) < GLM_EPSILON) break;
    devold = dev;
    const v = mu * (1 - mu);
    working = V * v;
    eta += (V1 - mu * V) / working;
  }
  return working;
}

/**
 * R's confint(svyglm(y ~ 1, family = quasibinomial), method = "likelihood"): the weighted
 * deviance is profiled over the intercept on MASS's grid, scaled by the design-based dispersion,
 * and the bounds are read where the signed root crosses the design-effect-scaled t quantile.
 */
function likelihoodInterval(design: SurveyDesign, y: ArrayLike<number | null>, ok: Uint8Array, q: PropParts, level: number): [number, number] {
  const { p, W, W1, rows, modelRows } = q;
  const b0 = logit(p);
  const seLogit = Math.sqrt(q.variance) / (p * (1 - p));
  // Weights rescaled to mean 1 over the design's rows (svyglm's rescale = TRUE).
  const scale = rows / W;
  const V1 = W1 * scale;
  const V0 = (W - W1) * scale;
  const deviance = (b: number) => {
    const mu = expit(b);
    return -2 * (V1 * Math.log(mu) + V0 * Math.log(1 - mu));
  };
  // Design effect of the intercept: design variance / model variance (1 / Σ working weights of
  // the glm's last iteration, which R's glm leaves just short of convergence).
  const lambda = seLogit * seLogit * glmWorkingWeight(design, y, ok, scale);
  const tq = tQuantile((1 - level) / 2, q.df);
  const alpha = normalCdf(tq * Math.sqrt(lambda)) / 2;
  const zmax = Math.sqrt(fQuantile(1 - alpha, 1, modelRows - 1));
  const del = zmax / 5;
  // Dispersion: design-based variance of the Pearson residuals (summary.svyglm, whose residuals
  // divide out the sampling weights: (y − μ)/√(μ(1 − μ))).
  const w = design.weights;
  const sd = Math.sqrt(p * (1 - p));
  let rbar = 0;
  for (let i = 0; i < design.n; i++) if (ok[i]) rbar += (w[i] * ((y[i] as number) - p)) / sd;
  rbar /= W;
  let ss = 0;
  for (let i = 0; i < design.n; i++) {
    if (!ok[i]) continue;
    const r = ((y[i] as number) - p) / sd - rbar;
    ss += w[i] * r * r;
  }
  const dispersion = ((ss / W) * q.n) / (q.n - 1);
  const dev0 = deviance(b0);
  const bs: number[] = [b0];
  const zs: number[] = [0];
  for (const sgn of [-1, 1]) {
    let z = 0;
    for (let step = 1; step < PROFILE_MAX_STEPS && Math.abs(z) < zmax; step++) {
      const b = b0 + sgn * step * del * seLogit;
      const zz = Math.max((deviance(b) - dev0) / dispersion, 0);
      z = sgn * Math.sqrt(zz);
      bs.push(b);
      zs.push(z);
    }
  }
  const order = bs.map((_, k) => k).sort((a, b) => zs[a] - zs[b]);
  const grid = splineGrid(Float64Array.from(order.map((k) => bs[k])), Float64Array.from(order.map((k) => zs[k])));
  const cut = tq * Math.sqrt(lambda);
  return [expit(approxLinear(grid.y, grid.x, cut)), expit(approxLinear(grid.y, grid.x, -cut))];
}

/** Wilson score interval of an unweighted proportion p among n respondents. */
export function wilsonBounds(p: number, n: number, level: number): [number, number] {
  const z = normalQuantile(1 - (1 - level) / 2);
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

function wilsonInterval(q: PropParts, level: number): [number, number] {
  return wilsonBounds(q.p, q.n, level);
}

/**
 * Interval for the proportion of 1 among the rows in `ok` (y 0/1 there), by `method`;
 * `answered` counts the rows of the whole design where y has a value.
 */
export function ciFromParts(design: SurveyDesign, y: ArrayLike<number | null>, ok: Uint8Array, method: CiMethod, level: number, answered: number): Estimate {
  if (!CI_METHODS.includes(method)) throw new DesignError(`Unknown interval method "${String(method)}" (expected ${CI_METHODS.join(', ')})`);
  if (method === 'wilson' && design.kind !== 'srs') {
    throw new DesignError('The Wilson interval ignores weights and strata: it is only for an unweighted (srs) design; use logit, beta or likelihood');
  }
  const q = propParts(design, y, ok, answered);
  const se = Math.sqrt(q.variance);
  const warnings = lonelyWarnings(design, ok);
  let bounds: [number, number] = [NaN, NaN];
  let df = q.df;
  if (q.n === 0) {
    warnings.push('No respondent in the domain: the proportion is undefined');
  } else if (method === 'wilson') {
    bounds = wilsonInterval(q, level);
    df = Infinity;
  } else if (q.df < 1) {
    warnings.push(`The interval needs at least one degree of freedom (respondents − strata = ${q.df})`);
  } else if (method !== 'beta' && (q.p === 0 || q.p === 1 || !(q.variance > 0))) {
    warnings.push(`The ${method} interval is undefined when the proportion is ${q.p} or has no variance`);
  } else if (method === 'beta' && !(q.variance > 0)) {
    warnings.push('The beta interval is undefined when the proportion has no variance');
  } else if (method === 'logit') bounds = logitInterval(q, level);
  else if (method === 'beta') bounds = betaInterval(q, level);
  else bounds = likelihoodInterval(design, y, ok, q, level);
  const e: Estimate = { estimate: q.p, se, n: q.n, ciLower: bounds[0], ciUpper: bounds[1], df };
  if (warnings.length) e.warnings = warnings;
  return e;
}

/**
 * Interval for a proportion of a 0/1 variable (R: svyciprop(~I(y==1), subset(design, domain &
 * !is.na(y)), method)). 'wilson' is the unweighted Wilson score interval (throws DesignError if
 * the design is not srs). Throws DesignError on a value other than 0, 1 or missing.
 */
export function svyCiProp(design: SurveyDesign, y: ArrayLike<number | null>, method: CiMethod, options: EstimateOptions = {}): Estimate {
  const level = checkLevel(options.level);
  const ok = numericRows(design, y, options.domain, 'Proportion');
  const answered = options.domain ? numericRows(design, y, undefined, 'Proportion').reduce((a, b) => a + b, 0) : ok.reduce((a, b) => a + b, 0);
  return ciFromParts(design, y, ok, method, level, answered);
}
