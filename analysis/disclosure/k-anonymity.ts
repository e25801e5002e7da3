/**
 * k-anonymity of microdata (blueprint §5): records are grouped by their values of the
 * key quasi-identifiers; a record is safe when at least k records share its values.
 * Generalisation ladders, declared as data beside each questionnaire (ReleaseRules),
 * coarsen one quasi-identifier a level at a time, the strongest gain first (the level
 * after which the records at risk lack fewest matches to reach k), until every record
 * is safe or no level helps; then the remaining
 * records' values are suppressed one at a time (sdcMicro's local suppression), a
 * suppressed value matching any value.
 */
import type { BilingualText } from '../../survey/types.js';

/** A suppressed value in released microdata: it matches any value when records are grouped. */
export const SUPPRESSED = '*';

/**
 * One level of a generalisation ladder, applied to the values the previous level gave:
 * either a map of every value to its coarser value, or the merging of rare values
 * (held by fewer than k records) into one.
 */
export type GeneralisationLevel =
  | { id: string; label: BilingualText; map: Readonly<Record<string, string>> }
  | { id: string; label: BilingualText; rareInto: string };

/** A key quasi-identifier and its ladder, finest level first. */
export interface KeyQuasiIdentifier {
  column: string;
  ladder: readonly GeneralisationLevel[];
}

/** A quasi-identifier question whose columns are never released in microdata. */
export interface DroppedQuasiIdentifier {
  question: string;
  /** A derived variable released instead, when any. */
  replacedBy?: string;
  reason: BilingualText;
}

/** A quasi-identifier outside the key set whose rare values (fewer than k records) are always merged into one. */
export interface RareMerge {
  column: string;
  into: string;
  label: BilingualText;
}

/** How a questionnaire's quasi-identifiers are released (blueprint §5). */
export interface ReleaseRules {
  /** The key set checked for k-anonymity, with ladders; ties between steps go to the first listed. */
  keys: readonly KeyQuasiIdentifier[];
  /** Quasi-identifiers released outside the key set once their rare values are merged. */
  mergeRare: readonly RareMerge[];
  /** Quasi-identifier questions released as they are, outside the key set (weak ones). */
  asIs: readonly string[];
  /** Quasi-identifier questions never released. */
  dropped: readonly DroppedQuasiIdentifier[];
}

/** A record of microdata: column name → value (null when missing). */
export type MicroRecord = Record<string, unknown>;

/** One combination of key values and how many records share it. */
export interface EquivalenceClass {
  values: Record<string, string | null>;
  size: number;
  /** size ≥ k */
  safe: boolean;
}

/** Counts of a grouping, for the report. */
export interface ClassSummary {
  classes: number;
  /** Classes of fewer than k records. */
  smallClasses: number;
  /** Records that fewer than k records (themselves included) match, suppressed values matching anything. */
  recordsAtRisk: number;
}

/** One generalisation applied. */
export interface AppliedStep {
  column: string;
  level: string;
  label: BilingualText;
  /** For `rareInto` levels: the values merged. */
  merged?: string[];
  recordsAtRiskBefore: number;
  recordsAtRiskAfter: number;
}

/** What anonymiseRecords did. */
export interface KAnonymityReport {
  k: number;
  keys: string[];
  /** Rare values merged in the quasi-identifiers outside the key set (only those that had any). */
  merged: { column: string; into: string; label: BilingualText; values: string[] }[];
  before: ClassSummary;
  steps: AppliedStep[];
  /** Records (0-based index in the input) whose listed key values were replaced by SUPPRESSED. */
  suppressed: { record: number; columns: string[] }[];
  after: ClassSummary;
  /** True when every record is matched by at least k records (false only with fewer than k records). */
  kAnonymous: boolean;
}

type Key = string | null;

function keyOf(v: unknown): Key {
  if (v === null || v === undefined || v === '') return null;
  return String(v);
}

/** The records' key values as strings (null when missing). */
function keyValues(records: readonly MicroRecord[], columns: readonly string[]): Key[][] {
  return records.map((r) => columns.map((c) => keyOf(r[c])));
}

const joinKey = (values: readonly Key[]) => JSON.stringify(values);

/** How many records match each record, SUPPRESSED matching anything. */
function matchCounts(values: readonly Key[][]): number[] {
  const wild = values.map((v) => v.includes(SUPPRESSED));
  const exact = new Map<string, number>();
  values.forEach((v, i) => {
    if (!wild[i]) exact.set(joinKey(v), (exact.get(joinKey(v)) ?? 0) + 1);
  });
  const wildIdx = values.flatMap((_, i) => (wild[i] ? [i] : []));
  const matches = (a: Key[], b: Key[]) => a.every((x, c) => x === b[c] || x === SUPPRESSED || b[c] === SUPPRESSED);
  return values.map((v, i) => {
    if (!wild[i]) return exact.get(joinKey(v))! + wildIdx.filter((w) => matches(values[w]!, v)).length;
    return values.filter((other) => matches(v, other)).length;
  });
}

function summary(values: readonly Key[][], k: number): ClassSummary {
  const sizes = new Map<string, number>();
  for (const v of values) sizes.set(joinKey(v), (sizes.get(joinKey(v)) ?? 0) + 1);
  return {
    classes: sizes.size,
    smallClasses: [...sizes.values()].filter((s) => s < k).length,
    recordsAtRisk: matchCounts(values).filter((n) => n < k).length,
  };
}

/**
 * The equivalence classes of records on the key columns, largest first, each with
 * whether it has at least k records. Missing values form their own value.
 * @param records Microdata.
 * @param columns The key quasi-identifiers.
 * @param k The minimum class size.
 */
export function equivalenceClasses(records: readonly MicroRecord[], columns: readonly string[], k: number): EquivalenceClass[] {
  const classes = new Map<string, EquivalenceClass>();
  for (const v of keyValues(records, columns)) {
    const key = joinKey(v);
    const c = classes.get(key);
    if (c) c.size++;
    else classes.set(key, { values: Object.fromEntries(columns.map((col, i) => [col, v[i]!])), size: 1, safe: false });
  }
  const out = [...classes.values()];
  for (const c of out) c.safe = c.size >= k;
  return out.sort((a, b) => b.size - a.size);
}

/** The values of one column after a level; throws on a value the level's map does not know. */
function applyLevel(level: GeneralisationLevel, column: string, values: readonly Key[], k: number): { values: Key[]; merged?: string[] } {
  if ('map' in level) {
    return {
      values: values.map((v) => {
        if (v === null) return null;
        const to = level.map[v];
        if (to === undefined) throw new Error(`release rules: level "${level.id}" of ${column} does not map the value "${v}"`);
        return to;
      }),
    };
  }
  const counts = new Map<string, number>();
  for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  const rare = [...counts].filter(([v, n]) => n < k && v !== level.rareInto).map(([v]) => v);
  const set = new Set(rare);
  return { values: values.map((v) => (v !== null && set.has(v) ? level.rareInto : v)), merged: rare.sort() };
}

/**
 * Makes microdata k-anonymous on the rules' key quasi-identifiers: generalises them,
 * one ladder level at a time (the strongest gain first: the level after which records
 * lack fewest matches to reach k, summed over records; a level that gains nothing is not
 * applied), then suppresses, record by record, the key
 * values whose removal most raises that record's matches, until it has k.
 * @param records Microdata; not modified.
 * Rare values of the `mergeRare` columns are merged whatever the key set gives.
 * @param rules The questionnaire's release rules (`keys` and `mergeRare` are used here).
 * @param k The minimum number of records sharing any combination of key values.
 * @returns New records (key values generalised or SUPPRESSED, other columns as given) and the report.
 * @throws When a key column is missing from every record, k is not a whole number ≥ 1,
 *   or a ladder does not map a value.
 */
export function anonymiseRecords(records: readonly MicroRecord[], rules: ReleaseRules, k: number): { records: MicroRecord[]; report: KAnonymityReport } {
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`anonymiseRecords: k must be a whole number ≥ 1, got ${k}`);
  const columns = rules.keys.map((q) => q.column);
  if (records.length) {
    for (const c of columns) if (!records.some((r) => c in r)) throw new Error(`anonymiseRecords: no record has the key column "${c}"`);
  }
  // Column-major current values.
  const cols: Key[][] = columns.map((c) => records.map((r) => keyOf(r[c])));
  const rowsOf = (): Key[][] => records.map((_, i) => cols.map((col) => col[i]!));
  // Progress is measured by the records still missing to reach k, summed over records:
  // finer than the number of records at risk, which no single level may lower when
  // there are many keys.
  const deficit = (rows: Key[][]) => matchCounts(rows).reduce((a, n) => a + Math.max(0, k - n), 0);
  const atRisk = (rows: Key[][]) => matchCounts(rows).filter((n) => n < k).length;

  const before = summary(rowsOf(), k);
  const levels = columns.map(() => 0);
  const steps: AppliedStep[] = [];
  let risk = before.recordsAtRisk;
  let missing = deficit(rowsOf());
  while (risk > 0) {
    let best: { q: number; values: Key[]; risk: number; missing: number; merged?: string[] } | undefined;
    rules.keys.forEach((q, qi) => {
      const level = q.ladder[levels[qi]!];
      if (!level) return;
      const applied = applyLevel(level, q.column, cols[qi]!, k);
      const trial = cols.map((col, c) => (c === qi ? applied.values : col));
      const trialRows = records.map((_, i) => trial.map((col) => col[i]!));
      const m = deficit(trialRows);
      if (!best || m < best.missing) best = { q: qi, values: applied.values, risk: atRisk(trialRows), missing: m, merged: applied.merged };
    });
    if (!best || best.missing >= missing) break;
    const q = rules.keys[best.q]!;
    const level = q.ladder[levels[best.q]!]!;
    cols[best.q] = best.values;
    levels[best.q]!++;
    steps.push({ column: q.column, level: level.id, label: level.label, ...(best.merged ? { merged: best.merged } : {}), recordsAtRiskBefore: risk, recordsAtRiskAfter: best.risk });
    risk = best.risk;
    missing = best.missing;
  }

  // Local suppression: one pass over the records at risk; suppressing a value of one
  // record only adds matches, so the counts are kept up to date incrementally.
  const rows = rowsOf();
  const suppressed = new Map<number, string[]>();
  const counts = matchCounts(rows);
  const match = (a: Key[], b: Key[]) => a.every((x, c) => x === b[c] || x === SUPPRESSED || b[c] === SUPPRESSED);
  for (let i = 0; i < rows.length; i++) {
    while (counts[i]! < k && rows[i]!.some((v) => v !== SUPPRESSED)) {
      let bestCol = -1, bestCount = -1;
      rows[i]!.forEach((v, c) => {
        if (v === SUPPRESSED) return;
        const trial = rows[i]!.map((x, cc) => (cc === c ? SUPPRESSED : x));
        const n = rows.filter((other, idx) => (idx === i ? true : match(trial, other))).length;
        if (n > bestCount) (bestCol = c), (bestCount = n);
      });
      const old = rows[i]!;
      const now = old.map((x, cc) => (cc === bestCol ? SUPPRESSED : x));
      rows.forEach((other, idx) => {
        if (idx !== i && !match(old, other) && match(now, other)) counts[idx]!++;
      });
      rows[i] = now;
      counts[i] = bestCount;
      suppressed.set(i, [...(suppressed.get(i) ?? []), columns[bestCol]!]);
    }
  }

  const merged: KAnonymityReport['merged'] = [];
  const mergedValues = rules.mergeRare.map((m) => {
    const level: GeneralisationLevel = { id: 'rare', label: m.label, rareInto: m.into };
    const applied = applyLevel(level, m.column, records.map((r) => keyOf(r[m.column])), k);
    if (applied.merged?.length) merged.push({ column: m.column, into: m.into, label: m.label, values: applied.merged });
    return applied.values;
  });

  const out = records.map((r, i) => {
    const copy: MicroRecord = { ...r };
    rules.mergeRare.forEach((m, mi) => {
      if (m.column in r) copy[m.column] = mergedValues[mi]![i];
    });
    columns.forEach((c, ci) => {
      if (c in r || rows[i]![ci] !== null) copy[c] = rows[i]![ci];
    });
    return copy;
  });
  const after = summary(rows, k);
  return {
    records: out,
    report: {
      k,
      keys: columns,
      merged,
      before,
      steps,
      suppressed: [...suppressed].sort(([a], [b]) => a - b).map(([record, cs]) => ({ record, columns: cs })),
      after,
      kAnonymous: after.recordsAtRisk === 0,
    },
  };
}
