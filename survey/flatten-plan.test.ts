import { describe, expect, it } from 'vitest';
import { buildCodebook, flattenAnswer, flattenAnswerInto } from './codebook.js';
import { polyvalence } from './polyvalence/index.js';
import { generateAnswers } from './polyvalence/synthetic.js';
import type { Codebook, FlatAnswer } from './types.js';

/** flattenAnswer as it was before it read answers by plan: the reference its output must equal. */
function referenceFlatten(codebook: Codebook, data: Record<string, unknown>): FlatAnswer {
  const out: FlatAnswer = {};
  for (const col of codebook.columns) {
    const raw = data[col.question];
    if (col.name === `${col.question}-Comment`) {
      const v = data[col.name];
      out[col.name] = typeof v === 'string' && v !== '' ? v : null;
      continue;
    }
    if (col.kind === 'multiple') {
      out[col.name] = Array.isArray(raw) ? (raw.includes(col.item) || raw.includes(Number(col.item)) ? 1 : 0) : null;
      continue;
    }
    if (col.item !== undefined) {
      const obj = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
      out[col.name] = scalar(obj?.[col.item]);
      continue;
    }
    out[col.name] = scalar(raw);
  }
  return out;
}

function scalar(v: unknown): string | number | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

describe('flattenAnswer by plan', () => {
  const cb = buildCodebook(polyvalence);

  it('gives exactly what the column-by-column flattening gave, on seeded synthetic answers', () => {
    for (const a of generateAnswers({ n: 3000, seed: 5 })) {
      const expected = referenceFlatten(cb, a.data);
      // Same keys in the same order, same values.
      expect(Object.entries(flattenAnswer(cb, a.data))).toEqual(Object.entries(expected));
      expect(Object.entries(flattenAnswer(cb, JSON.parse(JSON.stringify(a.data))))).toEqual(Object.entries(expected));
      expect(flattenAnswerInto(cb, a.data)).toEqual(Object.values(expected));
    }
  });

  it('matches on odd values: wrong types, numeric choices as numbers, non-finite numbers, unknown keys', () => {
    const [a] = generateAnswers({ n: 1, seed: 9 });
    const odd: Record<string, unknown>[] = [{}, { unknown: 1 }];
    for (const [key, value] of Object.entries(a!.data)) {
      for (const v of [null, '', 'x', 3, Infinity, true, false, [1, '2'], { a: 1 }, [], undefined]) odd.push({ ...a!.data, [key]: v });
    }
    for (const data of odd) expect(Object.entries(flattenAnswer(cb, data))).toEqual(Object.entries(referenceFlatten(cb, data)));
  });

  it('reads questions named like Object.prototype members as before', () => {
    const def = { ...polyvalence, json: { pages: [{ name: 'p', elements: [
      { type: 'text', name: 'constructor' }, { type: 'text', name: 'toString' }, { type: 'checkbox', name: 'valueOf', choices: ['a', 1], showOtherItem: true },
    ] }] } };
    const odd = buildCodebook(def);
    for (const data of [{}, { constructor: 'c', toString: 't', valueOf: ['a'], 'valueOf-Comment': 'v' }, JSON.parse('{"__proto__": "p", "valueOf": [1]}')]) {
      expect(Object.entries(flattenAnswer(odd, data))).toEqual(Object.entries(referenceFlatten(odd, data)));
    }
  });

  it('reads a checkbox question in one pass as two includes per column did: numbers and texts, none, other, holes', () => {
    // Choices whose numbers collide ('1', '01', 1) or are not numbers ('a', 'none', 'other').
    const def = { ...polyvalence, json: { pages: [{ name: 'p', elements: [
      { type: 'checkbox', name: 'c', choices: [1, '01', 'a', 2.5, '', ' 3'], showNoneItem: true, showOtherItem: true },
      { type: 'tagbox', name: 't', choices: ['x', 0], showOtherItem: true },
      { type: 'checkbox', name: 'valueOf', choices: ['a', 1] },
    ] }] } };
    const odd = buildCodebook(def);
    const values: unknown[] = [
      undefined, null, '', 'a', 1, {}, [], ['other'], ['none'], ['none', 'other'], [1], ['1'], ['01'], [1, '01', 'a'], ['a', 'a', 'a'], [2.5], ['2.5'], [3], [' 3'],
      [''], [0], [-0], ['0'], ['x', 'other'], [NaN], [null], [undefined], [true], [[1]], [{ a: 1 }], [1, , 'a'], new Array(3), ['constructor'], ['__proto__'],
    ];
    const cases: Record<string, unknown>[] = [{}];
    for (const v of values) {
      cases.push({ c: v, t: v, valueOf: v, 'c-Comment': 'autre chose', 't-Comment': v });
      cases.push({ c: v, 'c-Comment': '=1+1' });
    }
    for (const data of cases) {
      expect(Object.entries(flattenAnswer(odd, data))).toEqual(Object.entries(referenceFlatten(odd, data)));
      expect(flattenAnswerInto(odd, data, Array(odd.columns.length + 2).fill('old'), 2).slice(2)).toEqual(Object.values(referenceFlatten(odd, data)));
    }
  });

  it('writes into a given row at an offset', () => {
    const [a] = generateAnswers({ n: 1, seed: 3 });
    const row = flattenAnswerInto(cb, a!.data, ['meta', 'data'], 2);
    expect(row.slice(0, 2)).toEqual(['meta', 'data']);
    expect(row.slice(2)).toEqual(Object.values(referenceFlatten(cb, a!.data)));
  });
});
