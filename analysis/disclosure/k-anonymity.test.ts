import { describe, expect, it } from 'vitest';
import { buildCodebook, flattenAnswer } from '../../survey/codebook.js';
import { polyvalence } from '../../survey/polyvalence/index.js';
import { polyvalenceReleaseRules } from '../../survey/polyvalence/release-rules.js';
import { generateAnswers } from '../../survey/polyvalence/synthetic.js';
import { anonymiseRecords, equivalenceClasses, SUPPRESSED, type MicroRecord, type ReleaseRules } from './k-anonymity.js';

const RULES: ReleaseRules = {
  keys: [
    { column: 'place', ladder: [{ id: 'region', label: { fr: 'lieu → région', en: 'place → region' }, map: { a1: 'A', a2: 'A', b1: 'B', b2: 'B' } }] },
    { column: 'job', ladder: [{ id: 'rare', label: { fr: 'rares → autre', en: 'rare → other' }, rareInto: 'other' }] },
  ],
  mergeRare: [],
  asIs: [],
  dropped: [],
};

function rows(spec: [string, string, number][]): MicroRecord[] {
  return spec.flatMap(([place, job, n]) => Array.from({ length: n }, (_, i) => ({ place, job, note: `${place}-${job}-${i}` })));
}

/** Brute force: for each record, the records whose key values equal its own or are suppressed on either side. */
function matches(records: MicroRecord[], keys: string[]): number[] {
  return records.map((r) => records.filter((s) => keys.every((c) => r[c] === s[c] || r[c] === SUPPRESSED || s[c] === SUPPRESSED)).length);
}

describe('equivalenceClasses', () => {
  it('groups records by their key values, missing values as their own, and says which are safe', () => {
    const classes = equivalenceClasses([...rows([['a1', 'x', 3], ['a2', 'x', 1]]), { place: 'a1', job: null }], ['place', 'job'], 2);
    expect(classes).toEqual([
      { values: { place: 'a1', job: 'x' }, size: 3, safe: true },
      { values: { place: 'a2', job: 'x' }, size: 1, safe: false },
      { values: { place: 'a1', job: null }, size: 1, safe: false },
    ]);
  });
});

describe('anonymiseRecords', () => {
  it('changes nothing when every class already has k records', () => {
    const input = rows([['a1', 'x', 5], ['b2', 'y', 6]]);
    const { records, report } = anonymiseRecords(input, RULES, 5);
    expect(records).toEqual(input);
    expect(report.steps).toEqual([]);
    expect(report.suppressed).toEqual([]);
    expect(report.before).toEqual({ classes: 2, smallClasses: 0, recordsAtRisk: 0 });
    expect(report.kAnonymous).toBe(true);
  });

  it('applies the level that leaves fewest records at risk first, and only levels that help', () => {
    // Places are small but regions are large: place → region solves everything; jobs are all common.
    const input = rows([['a1', 'x', 3], ['a2', 'x', 3], ['b1', 'y', 2], ['b2', 'y', 4]]);
    const { records, report } = anonymiseRecords(input, RULES, 5);
    expect(report.steps).toEqual([{ column: 'place', level: 'region', label: RULES.keys[0]!.ladder[0]!.label, recordsAtRiskBefore: 12, recordsAtRiskAfter: 0 }]);
    expect(records.map((r) => r.place)).toEqual([...Array(6).fill('A'), ...Array(6).fill('B')]);
    // Other columns are left as they were.
    expect(records.map((r) => r.note)).toEqual(input.map((r) => r.note));
    expect(input[0]!.place).toBe('a1');
    expect(report.after).toEqual({ classes: 2, smallClasses: 0, recordsAtRisk: 0 });
  });

  it('merges rare categories into "other" when that is the strongest gain, and reports which', () => {
    const input = rows([['a1', 'x', 10], ['a1', 'rare1', 2], ['a1', 'rare2', 1], ['a1', 'other', 2], ['b1', 'x', 8]]);
    const { records, report } = anonymiseRecords(input, RULES, 5);
    expect(report.steps).toHaveLength(1);
    expect(report.steps[0]).toMatchObject({ column: 'job', level: 'rare', merged: ['rare1', 'rare2'], recordsAtRiskBefore: 5, recordsAtRiskAfter: 0 });
    expect(records.filter((r) => r.job === 'other')).toHaveLength(5);
  });

  it('suppresses the key values of records that generalisation cannot protect, and only those', () => {
    // One record alone in region B with a job nobody else has.
    const input = [...rows([['a1', 'x', 6], ['a2', 'y', 6]]), { place: 'b1', job: 'z', note: 'lone' }];
    const { records, report } = anonymiseRecords(input, RULES, 5);
    expect(report.kAnonymous).toBe(true);
    expect(report.suppressed.map((s) => s.record)).toEqual([12]);
    expect(records.slice(0, 12).every((r) => r.place !== SUPPRESSED && r.job !== SUPPRESSED)).toBe(true);
    expect(Math.min(...matches(records, ['place', 'job']))).toBeGreaterThanOrEqual(5);
  });

  it('says when fewer than k records make k-anonymity impossible, suppressing everything', () => {
    const { records, report } = anonymiseRecords(rows([['a1', 'x', 3]]), RULES, 5);
    expect(report.kAnonymous).toBe(false);
    expect(records.every((r) => r.place === SUPPRESSED && r.job === SUPPRESSED)).toBe(true);
  });

  it('merges rare values of the columns outside the key set, whatever the key set gives', () => {
    const input = rows([['a1', 'x', 10]]).map((r, i) => ({ ...r, employer: i < 8 ? 'dept' : i < 9 ? 'ccas' : 'assoc' }));
    const rules: ReleaseRules = { ...RULES, mergeRare: [{ column: 'employer', into: 'other', label: { fr: 'rares → autre', en: 'rare → other' } }] };
    const { records, report } = anonymiseRecords(input, rules, 5);
    expect(records.map((r) => r.employer)).toEqual([...Array(8).fill('dept'), 'other', 'other']);
    expect(report.merged).toEqual([{ column: 'employer', into: 'other', label: rules.mergeRare[0]!.label, values: ['assoc', 'ccas'] }]);
    expect(report.steps).toEqual([]);
  });

  it('refuses a bad k, a missing key column and a value the ladder does not map', () => {
    expect(() => anonymiseRecords([], RULES, 0)).toThrow(/k must be a whole number/);
    expect(() => anonymiseRecords([{ job: 'x' }], RULES, 2)).toThrow(/key column "place"/);
    expect(() => anonymiseRecords(rows([['c9', 'x', 1], ['a1', 'x', 1]]), RULES, 2)).toThrow(/does not map the value "c9"/);
  });

  it('makes a polyvalence campaign 5-anonymous on its key quasi-identifiers', () => {
    const codebook = buildCodebook(polyvalence);
    const input = generateAnswers({ n: 600, seed: 7 }).map((a) => flattenAnswer(codebook, a.data));
    const keys = polyvalenceReleaseRules.keys.map((q) => q.column);
    const { records, report } = anonymiseRecords(input, polyvalenceReleaseRules, 5);
    expect(report.before.recordsAtRisk).toBeGreaterThan(0);
    expect(report.kAnonymous).toBe(true);
    expect(report.after.recordsAtRisk).toBe(0);
    expect(Math.min(...matches(records, keys))).toBeGreaterThanOrEqual(5);
    // With 600 respondents over 101 collectivities, départements must become regions.
    expect(report.steps.map((s) => s.column)).toContain('dept_code');
    // Suppression is the last resort: most records keep every key value.
    expect(report.suppressed.length).toBeLessThan(input.length / 3);
  });
});
