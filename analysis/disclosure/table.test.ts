import { describe, expect, it } from 'vitest';
import { suppressTable, withMargins, type SuppressedTable } from './table.js';

const T = { minGroup: 10, minCell: 5 };

/** Seeded generator (mulberry32), so a failing table can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Hidden entries whose value the published entries determine: solves the margins'
 * equations by Gaussian elimination (independently of the bridge argument of table.ts).
 * Unknowns are the hidden entries; an entry is determined when its unit vector lies in
 * the row space of the equations' coefficients.
 */
function recoverable(t: SuppressedTable): [number, number][] {
  const nRows = t.values.length, nCols = t.values[0]!.length;
  const unknowns: [number, number][] = [];
  t.values.forEach((row, i) => row.forEach((v, j) => v === null && unknowns.push([i, j])));
  const index = new Map(unknowns.map(([i, j], k) => [`${i},${j}`, k]));
  const equations: number[][] = [];
  const line = (entries: [number, number][]) => {
    const eq = new Array(unknowns.length).fill(0);
    entries.forEach(([i, j], n) => {
      const k = index.get(`${i},${j}`);
      if (k !== undefined) eq[k] += n === entries.length - 1 ? -1 : 1; // cells − margin = 0
    });
    if (eq.some((x) => x !== 0)) equations.push(eq);
  };
  for (let i = 0; i < nRows; i++) line(Array.from({ length: nCols }, (_, j) => [i, j]));
  for (let j = 0; j < nCols; j++) line(Array.from({ length: nRows }, (_, i) => [i, j]));
  // Reduced row echelon form.
  const m = equations.map((r) => [...r]);
  const pivots: number[] = [];
  let r = 0;
  for (let c = 0; c < unknowns.length && r < m.length; c++) {
    const p = m.findIndex((row, k) => k >= r && Math.abs(row[c]!) > 1e-9);
    if (p < 0) continue;
    [m[r], m[p]] = [m[p]!, m[r]!];
    const pv = m[r]![c]!;
    m[r] = m[r]!.map((x) => x / pv);
    for (let k = 0; k < m.length; k++) if (k !== r && Math.abs(m[k]![c]!) > 1e-9) {
      const f = m[k]![c]!;
      m[k] = m[k]!.map((x, q) => x - f * m[r]![q]!);
    }
    pivots.push(c);
    r++;
  }
  // An unknown is determined when some row of the RREF has it as its only non-zero.
  return unknowns.filter((_, k) => m.some((row) => Math.abs(row[k]!) > 1e-9 && row.every((x, q) => q === k || Math.abs(x) < 1e-9)));
}

function hiddenCount(t: SuppressedTable): number {
  return t.values.flat().filter((v) => v === null).length;
}

describe('suppressTable', () => {
  it('(the test oracle finds a lone hidden cell, and a hidden rectangle safe)', () => {
    const grid = withMargins([[2, 30], [7, 25]]);
    const lone: SuppressedTable = { values: grid.map((r, i) => r.map((v, j) => (i === 0 && j === 0 ? null : v))), reasons: [] };
    expect(recoverable(lone)).toEqual([[0, 0]]);
    const rect: SuppressedTable = { values: grid.map((r, i) => r.map((v, j) => (i < 2 && j < 2 ? null : v))), reasons: [] };
    expect(recoverable(rect)).toEqual([]);
  });

  it('hides nothing when every cell and group is large enough', () => {
    const t = suppressTable([[10, 20, 7], [0, 15, 30]], T);
    expect(hiddenCount(t)).toBe(0);
    expect(t.values).toEqual(withMargins([[10, 20, 7], [0, 15, 30]]));
  });

  it('hides one small cell with the three others of the smallest rectangle, and nothing else', () => {
    const counts = [
      [2, 30, 6, 40],
      [7, 25, 50, 20],
      [30, 30, 30, 30],
    ];
    const t = suppressTable(counts, T);
    expect(t.reasons[0]![0]).toBe('small');
    expect(hiddenCount(t)).toBe(4);
    // The smallest complements: 6 in its row, 7 in its column, and the 50 at their crossing.
    expect(t.values[0]![2]).toBeNull();
    expect(t.values[1]![0]).toBeNull();
    expect(t.values[1]![2]).toBeNull();
    expect(t.reasons[1]![2]).toBe('complementary');
    expect(recoverable(t)).toEqual([]);
  });

  it('hides a row group under minGroup, cells and total, and protects it', () => {
    const counts = [
      [3, 6],
      [20, 30],
      [25, 15],
    ];
    const t = suppressTable(counts, T);
    expect(t.values[0]).toEqual([null, null, null]);
    expect(t.reasons[0]).toEqual(['small', 'small', 'small']);
    expect(recoverable(t)).toEqual([]);
    // The hidden group's total cannot be read off the grand total either.
    expect(hiddenCount(t)).toBeGreaterThan(3);
  });

  it('hides everything when the whole table has fewer than minGroup respondents', () => {
    const t = suppressTable([[3, 4]], T);
    expect(t.values.flat().every((v) => v === null)).toBe(true);
  });

  it('works with one column (the row totals repeat the cells)', () => {
    const t = suppressTable([[12], [3], [40], [25]], T);
    expect(t.values[1]).toEqual([null, null]);
    expect(recoverable(t)).toEqual([]);
  });

  it('refuses tables that are not counts', () => {
    expect(() => suppressTable([], T)).toThrow(/at least one row/);
    expect(() => suppressTable([[1, 2], [3]], T)).toThrow(/row 2 has 1 cells/);
    expect(() => suppressTable([[1, -2]], T)).toThrow(/cell \(1, 2\) must be a count.*-2/);
    expect(() => suppressTable([[1.5]], T)).toThrow(/must be a count/);
  });

  it('on random tables, hides every small cell and group, leaves no hidden cell recoverable and no small hidden sum in a published line', () => {
    const next = rng(20261201);
    for (let trial = 0; trial < 300; trial++) {
      const R = 1 + Math.floor(next() * 6), C = 1 + Math.floor(next() * 5);
      const sparse = next() < 0.5;
      const counts = Array.from({ length: R }, () => Array.from({ length: C }, () => {
        const u = next();
        return sparse ? (u < 0.3 ? 0 : u < 0.6 ? Math.floor(next() * 5) : Math.floor(next() * 40)) : Math.floor(next() * 30);
      }));
      const thresholds = { minGroup: 5 + Math.floor(next() * 10), minCell: 5 + Math.floor(next() * 3) };
      if (thresholds.minGroup < thresholds.minCell) thresholds.minGroup = thresholds.minCell;
      const t = suppressTable(counts, thresholds);
      const grid = withMargins(counts);
      const where = `trial ${trial}: ${JSON.stringify(counts)} ${JSON.stringify(thresholds)}`;
      // Shown entries are the true ones.
      grid.forEach((row, i) => row.forEach((v, j) => t.values[i]![j] !== null && expect(t.values[i]![j], where).toBe(v)));
      // Primary suppression.
      counts.forEach((row, i) => row.forEach((v, j) => {
        if (v >= 1 && v < thresholds.minCell) expect(t.values[i]![j], where).toBeNull();
      }));
      grid.forEach((row, i) => {
        const total = row[row.length - 1]!;
        if (total >= 1 && total < thresholds.minGroup) expect(t.values[i]!.every((v) => v === null), where).toBe(true);
      });
      expect(recoverable(t), where).toEqual([]);
      // No published margin gives away a small hidden sum.
      const nR = grid.length, nC = grid[0]!.length;
      const lines: [number, number][][] = [
        ...Array.from({ length: nR }, (_, i) => Array.from({ length: nC }, (_, j): [number, number] => [i, j])),
        ...Array.from({ length: nC }, (_, j) => Array.from({ length: nR }, (_, i): [number, number] => [i, j])),
      ];
      for (const l of lines) {
        const [mi, mj] = l[l.length - 1]!;
        if (t.values[mi]![mj] === null) continue;
        const sum = l.slice(0, -1).filter(([i, j]) => t.values[i]![j] === null).reduce((a, [i, j]) => a + grid[i]![j]!, 0);
        expect(sum === 0 || sum >= thresholds.minCell, where).toBe(true);
      }
    }
  });
});
