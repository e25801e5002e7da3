import { describe, expect, it } from 'vitest';
import { table } from 'arquero';
import { deriveVariables, filterPopulation } from './derive.js';

describe('deriveVariables', () => {
  const t = table({
    fte: ['fte_100', 'fte_80', null, 'fte_lt50'],
    caseload_active: [100, 80, 50, null],
    appt_decision: ['platform', 'dk', 'always_offered', null],
    'm.a': [1, 'na', 5, null],
    'm.b': [3, 2, 'na', null],
    'm.c': [5, 4, 1, 2],
    'cb.x': [1, 0, null, 1],
    'cb.y': [1, 0, null, 0],
  });

  it('evaluates each kind, missing inputs giving null', () => {
    const out = deriveVariables(t, [
      { kind: 'map', name: 'fte_num', column: 'fte', mapping: { fte_100: 1, fte_80: 0.8, fte_lt50: 0.4 } },
      { kind: 'ratio', name: 'per_fte', num: 'caseload_active', den: 'fte_num' },
      { kind: 'in', name: 'filtered', column: 'appt_decision', values: ['platform'], missing: ['dk'] },
      { kind: 'meanOf', name: 'index', items: [{ column: 'm.a' }, { column: 'm.b' }, { column: 'm.c', reverse: 6 }], minItems: 2 },
      { kind: 'sum', name: 'count', columns: ['cb.x', 'cb.y'] },
      { kind: 'compare', name: 'multi', column: 'count', op: '>=', value: 2 },
    ]);
    expect(out.array('fte_num')).toEqual([1, 0.8, null, 0.4]);
    expect(out.array('per_fte')).toEqual([100, 100, null, null]);
    expect(out.array('filtered')).toEqual([1, null, 0, null]);
    // Row 0: (1 + 3 + (6-5)) / 3; row 1: "na" skipped → (2 + 2) / 2; row 2: (5 + 5) / 2; row 3: one item < minItems.
    expect(out.array('index')).toEqual([5 / 3, 2, 5, null]);
    expect(out.array('count')).toEqual([2, 0, null, 1]);
    expect(out.array('multi')).toEqual([1, 0, null, 0]);
  });

  it('treats a zero denominator and unmapped values as missing', () => {
    const z = table({ a: [1, 2], b: [0, 4], c: ['x', 'y'] });
    const out = deriveVariables(z, [
      { kind: 'ratio', name: 'r', num: 'a', den: 'b', factor: 100 },
      { kind: 'map', name: 'm', column: 'c', mapping: { x: 3 } },
    ]);
    expect(out.array('r')).toEqual([null, 50]);
    expect(out.array('m')).toEqual([3, null]);
  });

  it('fails clearly on an unknown column or a name clash', () => {
    expect(() => deriveVariables(t, [{ kind: 'in', name: 'x', column: 'nope', values: ['a'] }])).toThrow(/derived "x": the table has no column "nope"/);
    expect(() => deriveVariables(t, [{ kind: 'in', name: 'fte', column: 'fte', values: ['a'] }])).toThrow(/already has a column/);
  });
});

describe('filterPopulation', () => {
  it('keeps rows meeting every condition, missing values excluded', () => {
    const t = table({ consent: ['yes', 'no', 'yes', null, 'yes'], eligible: ['yes', 'yes', 'manager', 'yes', 'yes'], v: [1, 2, 3, 4, 5] });
    const out = filterPopulation(t, [
      { column: 'consent', values: ['yes'] },
      { column: 'eligible', values: ['yes'] },
    ]);
    expect(out.array('v')).toEqual([1, 5]);
    // Derived columns on the filtered table line up with its rows.
    expect(deriveVariables(out, [{ kind: 'compare', name: 'big', column: 'v', op: '>', value: 2 }]).array('big')).toEqual([0, 1]);
  });
});
