/**
 * Evaluates derived-variable definitions (see definitions.ts) over a flat table, and
 * restricts a table to the analysed population. Pure: table in, table out.
 */
import type { ColumnTable } from 'arquero';
import type { DerivedVariable, PopulationCondition } from './definitions.js';

type Cell = string | number | null | undefined;

/** Reads a column as a plain array; throws a clear error when the table lacks it. */
function columnValues(t: ColumnTable, name: string, owner: string): Cell[] {
  if (!t.columnNames().includes(name)) throw new Error(`${owner}: the table has no column "${name}"`);
  return Array.from(t.array(name) as ArrayLike<Cell>);
}

function isMissing(v: Cell): v is null | undefined {
  return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
}

/** A value as a number for arithmetic; non-numeric answers (e.g. "na") count as missing. */
function asNumber(v: Cell): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** The table with filters and orderings applied to its data, so row i of every array is the same row. */
function materialised(t: ColumnTable): ColumnTable {
  return t.isFiltered() || t.isOrdered() ? t.reify() : t;
}

const COMPARE = {
  '>': (a: number, b: number) => a > b,
  '>=': (a: number, b: number) => a >= b,
  '<': (a: number, b: number) => a < b,
  '<=': (a: number, b: number) => a <= b,
  '=': (a: number, b: number) => a === b,
} as const;

/** Computes the values of one derived variable for every row. */
function evaluate(t: ColumnTable, d: DerivedVariable): (number | null)[] {
  const owner = `derived "${d.name}"`;
  const col = (name: string) => columnValues(t, name, owner);
  switch (d.kind) {
    case 'in': {
      const yes = new Set(d.values.map(String));
      const missing = new Set((d.missing ?? []).map(String));
      return col(d.column).map((v) => (isMissing(v) || missing.has(String(v)) ? null : yes.has(String(v)) ? 1 : 0));
    }
    case 'map': {
      const mapping = new Map(Object.entries(d.mapping));
      return col(d.column).map((v) => (isMissing(v) ? null : (mapping.get(String(v)) ?? null)));
    }
    case 'ratio': {
      const den = col(d.den);
      const factor = d.factor ?? 1;
      return col(d.num).map((v, i) => {
        const a = asNumber(v);
        const b = asNumber(den[i]);
        return a === null || b === null || b === 0 ? null : (factor * a) / b;
      });
    }
    case 'meanOf': {
      const items = d.items.map((item) => ({ values: col(item.column), reverse: item.reverse }));
      return new Array(t.numRows()).fill(0).map((_, i) => {
        let sum = 0;
        let count = 0;
        for (const item of items) {
          const v = asNumber(item.values[i]);
          if (v === null) continue;
          sum += item.reverse === undefined ? v : item.reverse - v;
          count++;
        }
        return count >= d.minItems ? sum / count : null;
      });
    }
    case 'sum': {
      const columns = d.columns.map(col);
      const min = d.minItems ?? d.columns.length;
      return new Array(t.numRows()).fill(0).map((_, i) => {
        let sum = 0;
        let count = 0;
        for (const values of columns) {
          const v = asNumber(values[i]);
          if (v === null) continue;
          sum += v;
          count++;
        }
        return count >= min ? sum : null;
      });
    }
    case 'compare': {
      const test = COMPARE[d.op];
      return col(d.column).map((v) => {
        const a = asNumber(v);
        return a === null ? null : test(a, d.value) ? 1 : 0;
      });
    }
  }
}

/**
 * Adds one column per derived variable, evaluated in order (a definition may use the
 * ones before it). Missing inputs give null, never 0.
 * @param t The flat table of answers.
 * @param derived Definitions, e.g. survey/polyvalence/derived.ts.
 * @throws When a definition reads a column the table lacks, or its name is already a column.
 */
export function deriveVariables(t: ColumnTable, derived: readonly DerivedVariable[]): ColumnTable {
  let out = materialised(t);
  for (const d of derived) {
    if (out.columnNames().includes(d.name)) throw new Error(`derived "${d.name}": the table already has a column with this name`);
    out = out.assign({ [d.name]: evaluate(out, d) });
  }
  return out;
}

/**
 * Keeps the rows that satisfy every population condition (e.g. consented and eligible):
 * screened-out respondents are stored but are not part of any estimate.
 */
export function filterPopulation(t: ColumnTable, conditions: readonly PopulationCondition[]): ColumnTable {
  if (!conditions.length) return t;
  const base = materialised(t);
  const columns = conditions.map((c) => ({ values: columnValues(base, c.column, 'population'), allowed: new Set(c.values.map(String)) }));
  const kept: number[] = [];
  for (let i = 0; i < base.numRows(); i++) {
    if (columns.every((c) => !isMissing(c.values[i]) && c.allowed.has(String(c.values[i])))) kept.push(i);
  }
  return base.reify(kept);
}
