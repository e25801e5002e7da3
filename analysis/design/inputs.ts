/**
 * Checks and reads the arrays callers pass to the estimators: same length as the design,
 * numbers or missing (null, undefined, NaN), a confidence level in (0, 1).
 */
import { DesignError, type SurveyDesign } from './design.js';

/** True for the values that mean "no answer". */
export function isMissing(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
}

/** Throws DesignError unless `values` has one entry per row of the design. */
export function checkLength(design: SurveyDesign, values: ArrayLike<unknown>, what: string): void {
  if (values.length !== design.n) throw new DesignError(`${what} has ${values.length} rows but the design has ${design.n}`);
}

/** The confidence level, checked (default 0.95). */
export function checkLevel(level: number | undefined): number {
  const l = level ?? 0.95;
  if (!(l > 0 && l < 1)) throw new DesignError(`Confidence level must be between 0 and 1 (exclusive), got ${l}`);
  return l;
}

/**
 * Rows that count: in the domain (when given) and with a finite number in y. Throws DesignError
 * on a value that is neither missing nor a finite number.
 */
export function numericRows(
  design: SurveyDesign,
  y: ArrayLike<number | null>,
  domain: ArrayLike<boolean> | undefined,
  what = 'Variable',
): Uint8Array {
  checkLength(design, y, what);
  if (domain) checkLength(design, domain, 'Domain');
  const ok = new Uint8Array(design.n);
  for (let i = 0; i < design.n; i++) {
    const v = y[i];
    if (isMissing(v)) continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new DesignError(`${what}: row ${i + 1} must be a finite number or missing, got ${String(v)}`);
    if (domain && !domain[i]) continue;
    ok[i] = 1;
  }
  return ok;
}

/** Counts rows in `ok` and the strata they fall in (for R's degf of a subset: rows − strata). */
export function subsetCounts(design: SurveyDesign, ok: Uint8Array): { rows: number; strata: number } {
  const seen = new Uint8Array(design.strata.length);
  let rows = 0;
  let strata = 0;
  for (let i = 0; i < design.n; i++) {
    if (!ok[i]) continue;
    rows++;
    const h = design.stratumOf[i];
    if (!seen[h]) { seen[h] = 1; strata++; }
  }
  return { rows, strata };
}

/** Warnings of the lonely strata that rows in `ok` fall in. */
export function lonelyWarnings(design: SurveyDesign, ok: Uint8Array): string[] {
  if (!design.lonely.some((x) => x === 1)) return [];
  const hit = new Uint8Array(design.strata.length);
  for (let i = 0; i < design.n; i++) if (ok[i] && design.lonely[design.stratumOf[i]]) hit[design.stratumOf[i]] = 1;
  const out: string[] = [];
  hit.forEach((x, h) => { if (x) out.push(design.stratumWarnings[h] as string); });
  return out;
}
