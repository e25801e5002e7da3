/**
 * The columns of the flat table an analysis plan reads: a national campaign's table holds a
 * million rows, and loading only these columns (about a third of the codebook's) is what keeps
 * its memory, and the garbage collector's work, within bounds.
 */
import type { Codebook } from '../survey/types.js';
import type { AnalysisPlan } from './definitions.js';

/** Every string found in a value, at any depth. */
function strings(value: unknown, out: Set<string>): void {
  if (typeof value === 'string') out.add(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
}

/**
 * The codebook columns named anywhere in the plan's population, derived variables, indicators,
 * grouping, comparisons and weighting, plus `extra` (e.g. a map's column, the returns' grouping).
 * Found by name rather than field by field, so that a new kind of definition cannot forget one;
 * a choice value that happens to be a column's name only adds that column.
 * @param codebook The questionnaire's codebook.
 * @param plan The analysis plan.
 * @param extra Other column names the caller reads; names not in the codebook are ignored.
 * @returns Column names, in codebook order.
 */
export function planColumns(codebook: Codebook, plan: AnalysisPlan, extra: Iterable<string | null | undefined> = []): string[] {
  const named = new Set<string>();
  strings([plan.population, plan.derived, plan.indicators, plan.by, plan.comparisons, plan.weighting], named);
  for (const e of extra) if (typeof e === 'string') named.add(e);
  return codebook.columns.filter((c) => named.has(c.name)).map((c) => c.name);
}
