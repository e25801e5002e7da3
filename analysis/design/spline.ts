/**
 * Interpolating cubic spline with Forsythe, Malcolm & Moler end conditions (the default of R's
 * spline()), and R's linear approx(): the likelihood interval of a proportion reads its bounds
 * off a profile through them, so they are reproduced exactly.
 */

/** Coefficients of the spline through (x, y), x strictly increasing: value y + b·d + c·d² + e·d³. */
interface Spline { x: Float64Array; y: Float64Array; b: Float64Array; c: Float64Array; d: Float64Array }

function fmmSpline(x: Float64Array, y: Float64Array): Spline {
  const n = x.length;
  const b = new Float64Array(n);
  const c = new Float64Array(n);
  const d = new Float64Array(n);
  if (n < 3) {
    const t = n < 2 ? 0 : (y[1] - y[0]) / (x[1] - x[0]);
    b.fill(t);
    return { x, y, b, c, d };
  }
  const nm1 = n - 1;
  // Tridiagonal system: b diagonal, d off-diagonal, c right-hand side.
  d[0] = x[1] - x[0];
  c[1] = (y[1] - y[0]) / d[0];
  for (let i = 1; i < nm1; i++) {
    d[i] = x[i + 1] - x[i];
    b[i] = 2 * (d[i - 1] + d[i]);
    c[i + 1] = (y[i + 1] - y[i]) / d[i];
    c[i] = c[i + 1] - c[i];
  }
  // End conditions: third derivatives matched to those of cubics through the end points.
  b[0] = -d[0];
  b[nm1] = -d[n - 2];
  c[0] = 0;
  c[nm1] = 0;
  if (n > 3) {
    c[0] = c[2] / (x[3] - x[1]) - c[1] / (x[2] - x[0]);
    c[nm1] = c[n - 2] / (x[nm1] - x[n - 3]) - c[n - 3] / (x[n - 2] - x[n - 4]);
    c[0] = (c[0] * d[0] * d[0]) / (x[3] - x[0]);
    c[nm1] = (-c[nm1] * d[n - 2] * d[n - 2]) / (x[nm1] - x[n - 4]);
  }
  for (let i = 1; i <= nm1; i++) {
    const t = d[i - 1] / b[i - 1];
    b[i] -= t * d[i - 1];
    c[i] -= t * c[i - 1];
  }
  c[nm1] /= b[nm1];
  for (let i = n - 2; i >= 0; i--) c[i] = (c[i] - d[i] * c[i + 1]) / b[i];
  b[nm1] = (y[nm1] - y[n - 2]) / d[n - 2] + d[n - 2] * (c[n - 2] + 2 * c[nm1]);
  for (let i = 0; i < nm1; i++) {
    b[i] = (y[i + 1] - y[i]) / d[i] - d[i] * (c[i + 1] + 2 * c[i]);
    d[i] = (c[i + 1] - c[i]) / d[i];
    c[i] *= 3;
  }
  c[nm1] *= 3;
  d[nm1] = d[n - 2];
  return { x, y, b, c, d };
}

function evalSpline(s: Spline, u: number): number {
  const { x } = s;
  let lo = 0;
  let hi = x.length;
  // Largest i with x[i] <= u (0 when u is left of the first knot).
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (u < x[mid]) hi = mid;
    else lo = mid;
  }
  const dx = u - x[lo];
  return s.y[lo] + dx * (s.b[lo] + dx * (s.c[lo] + dx * s.d[lo]));
}

/**
 * R's spline(x, y) with its defaults: the FMM spline evaluated at 3·length(x) equally spaced
 * points from min(x) to max(x). x must be strictly increasing.
 */
export function splineGrid(x: Float64Array, y: Float64Array): { x: Float64Array; y: Float64Array } {
  const s = fmmSpline(x, y);
  const m = 3 * x.length;
  const from = x[0];
  const to = x[x.length - 1];
  const by = (to - from) / (m - 1);
  const gx = new Float64Array(m);
  const gy = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    gx[k] = k === m - 1 ? to : from + k * by;
    gy[k] = evalSpline(s, gx[k]);
  }
  return { x: gx, y: gy };
}

/** R's approx(x, y, xout): linear interpolation, NaN outside the range; x is sorted here. */
export function approxLinear(x: Float64Array, y: Float64Array, xout: number): number {
  const idx = Array.from(x.keys()).sort((a, b) => x[a] - x[b]);
  const xs = idx.map((i) => x[i]);
  const ys = idx.map((i) => y[i]);
  if (!(xout >= xs[0] && xout <= xs[xs.length - 1])) return NaN;
  let j = 0;
  while (j < xs.length - 2 && xout > xs[j + 1]) j++;
  if (xout === xs[j + 1]) return ys[j + 1];
  if (xout === xs[j]) return ys[j];
  return ys[j] + ((ys[j + 1] - ys[j]) * (xout - xs[j])) / (xs[j + 1] - xs[j]);
}
