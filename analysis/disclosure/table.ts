/**
 * Disclosure control of a two-way table of counts with its margins (blueprint §5):
 * primary suppression of small cells and small groups, then secondary suppression until
 * no hidden cell can be worked out from the published cells and totals.
 *
 * The table with its margins is an (R+1) × (C+1) grid: the last column holds the row
 * totals, the last row the column totals, the corner the grand total. Each line (row or
 * column of the grid) says that its cells add up to its margin. Negating the margins
 * turns every line into "entries sum to 0", so the hidden entries form a bipartite graph
 * (line rows × line columns) in which a hidden entry can be solved for exactly when it is
 * a bridge; an entry on a cycle can move by ±t around the cycle. Secondary suppression
 * therefore hides cells until no hidden entry is a bridge and no line with a published
 * margin hides a sum from 1 to minCell − 1 (which would bound each hidden cell under it).
 */
import type { SuppressionReason } from '../indicators.js';
import type { DisclosureThresholds } from './thresholds.js';

/** A table after disclosure control; `values` and `reasons` are (R+1) × (C+1) with margins last. */
export interface SuppressedTable {
  /** Counts with margins; null where hidden. */
  values: (number | null)[][];
  /** Why each entry is hidden (`small`: primary, `complementary`: secondary), null when shown. */
  reasons: (SuppressionReason | null)[][];
}

type Grid = number[][];
type Pos = [number, number];

/** The table with its margins, as one grid. */
export function withMargins(counts: readonly (readonly number[])[]): Grid {
  const cols = counts[0]?.length ?? 0;
  const grid = counts.map((row) => [...row, row.reduce((a, b) => a + b, 0)]);
  const totals: number[] = [];
  for (let j = 0; j <= cols; j++) totals.push(grid.reduce((a, row) => a + row[j]!, 0));
  grid.push(totals);
  return grid;
}

function checkCounts(counts: readonly (readonly number[])[]): void {
  if (counts.length === 0) throw new Error('suppressTable: the table needs at least one row');
  const cols = counts[0]!.length;
  if (cols === 0) throw new Error('suppressTable: the table needs at least one column');
  counts.forEach((row, i) => {
    if (row.length !== cols) throw new Error(`suppressTable: row ${i + 1} has ${row.length} cells, row 1 has ${cols}`);
    row.forEach((v, j) => {
      if (!(Number.isInteger(v) && v >= 0)) throw new Error(`suppressTable: cell (${i + 1}, ${j + 1}) must be a count (a whole number ≥ 0), got ${v}`);
    });
  });
}

/** The entries of line `l`: rows are lines 0..R, columns lines R+1..R+C+1; the margin is last. */
function lineEntries(l: number, nRows: number, nCols: number): Pos[] {
  if (l < nRows) return Array.from({ length: nCols }, (_, j): Pos => [l, j]);
  const j = l - nRows;
  return Array.from({ length: nRows }, (_, i): Pos => [i, j]);
}

/** Row and column nodes that each side of a hidden entry reaches once the entry is removed; null when it is on a cycle. */
function bridgeSides(hidden: boolean[][], at: Pos): { a: Set<number>; b: Set<number> } | null {
  const nRows = hidden.length, nCols = hidden[0]!.length;
  // Nodes: row i is i, column j is nRows + j.
  const reach = (start: number): Set<number> => {
    const seen = new Set([start]);
    const stack = [start];
    while (stack.length) {
      const node = stack.pop()!;
      const next: number[] = [];
      if (node < nRows) {
        for (let j = 0; j < nCols; j++) if (hidden[node]![j] && !(node === at[0] && j === at[1])) next.push(nRows + j);
      } else {
        const j = node - nRows;
        for (let i = 0; i < nRows; i++) if (hidden[i]![j] && !(i === at[0] && j === at[1])) next.push(i);
      }
      for (const n of next) if (!seen.has(n)) (seen.add(n), stack.push(n));
    }
    return seen;
  };
  const a = reach(at[0]);
  if (a.has(nRows + at[1])) return null;
  return { a, b: reach(nRows + at[1]) };
}

/**
 * Applies primary then secondary suppression to a two-way table of counts.
 * Primary: a cell from 1 to minCell − 1, and every entry of a row or column whose total is
 * from 1 to minGroup − 1 (a group too small to publish; everything when the grand total is).
 * Secondary, repeated until nothing changes: a line whose margin is published and whose
 * hidden cells add up to 1..minCell − 1 hides one more of its cells; a hidden entry that
 * could be solved for (a bridge, e.g. the only hidden cell of a line) gets a complement
 * closing a cycle through it. Complements are the smallest positive published entries
 * (zeros protect nothing, as counts cannot be negative), taken where they close a cycle
 * when one can.
 * @param counts R × C counts (whole numbers ≥ 0), without margins.
 * @param thresholds minGroup and minCell.
 * @throws On a ragged or empty table, or a cell that is not a count.
 */
export function suppressTable(counts: readonly (readonly number[])[], thresholds: Pick<DisclosureThresholds, 'minGroup' | 'minCell'>): SuppressedTable {
  checkCounts(counts);
  const grid = withMargins(counts);
  const nRows = grid.length, nCols = grid[0]!.length; // both include the margin line
  const { minGroup, minCell } = thresholds;
  const reasons: (SuppressionReason | null)[][] = grid.map((row) => row.map(() => null));
  const hidden = (): boolean[][] => reasons.map((row) => row.map((r) => r !== null));
  const hide = ([i, j]: Pos, reason: SuppressionReason) => {
    if (reasons[i]![j] === null) reasons[i]![j] = reason;
  };
  const small = (v: number, min: number) => v >= 1 && v < min;

  // Primary suppression.
  for (let i = 0; i < nRows - 1; i++) for (let j = 0; j < nCols - 1; j++) if (small(grid[i]![j]!, minCell)) hide([i, j], 'small');
  for (let l = 0; l < nRows + nCols; l++) {
    const entries = lineEntries(l, nRows, nCols);
    const [mi, mj] = entries[entries.length - 1]!;
    if (small(grid[mi]![mj]!, minGroup)) for (const p of entries) hide(p, 'small');
  }
  if (small(grid[nRows - 1]![nCols - 1]!, minGroup)) for (let i = 0; i < nRows; i++) for (let j = 0; j < nCols; j++) hide([i, j], 'small');

  // Smallest positive published entry among candidates (then zeros), preferring those whose crossing line already hides something.
  const pick = (candidates: Pos[], h: boolean[][]): Pos | undefined => {
    const shown = candidates.filter(([i, j]) => !h[i]![j]);
    const crosses = ([i, j]: Pos) => h[i]!.some((x, jj) => x && jj !== j) && h.some((row, ii) => row[j] && ii !== i);
    const rank = (p: Pos) => [grid[p[0]]![p[1]]! > 0 ? 0 : 1, crosses(p) ? 0 : 1, grid[p[0]]![p[1]]!];
    return shown.sort((p, q) => {
      const a = rank(p), b = rank(q);
      return a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!;
    })[0];
  };

  for (;;) {
    const h = hidden();
    let next: Pos | undefined;
    // Lines with a published margin must not hide a small sum.
    for (let l = 0; l < nRows + nCols && !next; l++) {
      const entries = lineEntries(l, nRows, nCols);
      const margin = entries[entries.length - 1]!;
      if (h[margin[0]]![margin[1]]) continue;
      const cells = entries.slice(0, -1);
      const sum = cells.filter(([i, j]) => h[i]![j]).reduce((a, [i, j]) => a + grid[i]![j]!, 0);
      if (small(sum, minCell)) next = pick(cells, h) ?? margin;
    }
    // No hidden entry may be solvable.
    for (let i = 0; i < nRows && !next; i++) {
      for (let j = 0; j < nCols && !next; j++) {
        if (!h[i]![j]) continue;
        const sides = bridgeSides(h, [i, j]);
        if (!sides) continue;
        const closing: Pos[] = [];
        for (const s of [sides.a, sides.b]) {
          const other = s === sides.a ? sides.b : sides.a;
          for (const r of s) if (r < nRows) for (const c of other) if (c >= nRows) closing.push([r, c - nRows]);
        }
        next = pick(closing, h) ?? pick([...lineEntries(i, nRows, nCols), ...lineEntries(nRows + j, nRows, nCols)], h);
        if (!next) {
          const all: Pos[] = [];
          for (let r = 0; r < nRows; r++) for (let c = 0; c < nCols; c++) all.push([r, c]);
          next = pick(all, h);
        }
      }
    }
    if (!next) break;
    hide(next, 'complementary');
  }

  return {
    values: grid.map((row, i) => row.map((v, j) => (reasons[i]![j] === null ? v : null))),
    reasons,
  };
}
