import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCodebook } from '../survey/codebook.js';
import type { FlatAnswer, QuestionnaireDefinition } from '../survey/types.js';
import { answersTable } from './load.js';
import { computeReturns, MarginsCsvError, parseMarginsCsv, type ReturnsRow } from './returns.js';

const load = (name: string): QuestionnaireDefinition => JSON.parse(readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url), 'utf8'));
const qvt = buildCodebook(load('qvt-questionnaire.json'));
const mini = buildCodebook(load('mini-questionnaire.json'));

function marginsError(text: string, options = {}): MarginsCsvError {
  try {
    parseMarginsCsv(text, options);
  } catch (err) {
    expect(err).toBeInstanceOf(MarginsCsvError);
    return err as MarginsCsvError;
  }
  throw new Error('expected a MarginsCsvError');
}

/** `count` answers with the given values. */
function answers(count: number, values: FlatAnswer): FlatAnswer[] {
  return Array.from({ length: count }, () => ({ ...values }));
}

function byGroup(rows: ReturnsRow[]): Record<string, Partial<ReturnsRow>> {
  return Object.fromEntries(rows.map((r) => [r.group, { started: r.started, complete: r.complete, population: r.population, suppressed: r.suppressed, suppression: r.suppression }]));
}

describe('parseMarginsCsv', () => {
  it('reads codes and whole-number populations, in file order', () => {
    const m = parseMarginsCsv('dept_code,population\n01D,120\n02D,85\n\n03D,0\n');
    expect([...m]).toEqual([['01D', 120], ['02D', 85], ['03D', 0]]);
  });

  it('accepts French Excel files: semicolons, byte order mark, CRLF, extra columns, header case', () => {
    const m = parseMarginsCsv('\uFEFFnom;Dept_Code;Population\r\nAin;01D;120\r\n"Aisne; nord";02D;85\r\n');
    expect([...m]).toEqual([['01D', 120], ['02D', 85]]);
  });

  it('takes the code column named like the grouping column', () => {
    expect([...parseMarginsCsv('region,population\nreg_11,900', { codeColumn: 'region' })]).toEqual([['reg_11', 900]]);
  });

  it('refuses a file without the two columns, or without data', () => {
    expect(marginsError('code,N\n01D,3').message).toMatch(/line 1: the header must hold the columns dept_code and population; missing: dept_code, population/);
    expect(marginsError('').message).toMatch(/empty/);
    expect(marginsError('dept_code,population\n').message).toMatch(/no data row/);
  });

  it('lists every bad row with its line: negative, decimal, grouped or missing numbers, empty or duplicate codes, ragged rows', () => {
    const err = marginsError('dept_code,population\n01D,-3\n02D,12.5\n03D,1 200\n04D,\n,10\n05D,7\n05D,8\n06D,1,2\n07D,1e3');
    expect(err.problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6, 8, 9, 10]);
    expect(err.message).toContain('line 2: population "-3" for 01D: a whole number ≥ 0, digits only, is expected');
    expect(err.message).toContain('line 8: duplicate code "05D" (already on line 7)');
    expect(err.message).toContain('line 9: 3 field(s) instead of 2');
    expect(err.describe('fr')).toContain('ligne 6: code vide dans la colonne dept_code');
  });

  it('refuses codes that are not choices of the grouping question, when told the choices', () => {
    const codes = qvt.columns.find((c) => c.name === 'dept_code')!.choices!.map((c) => c.value);
    expect(marginsError('dept_code,population\n01D,3\n99D,4', { knownCodes: codes }).problems).toEqual([
      { line: 3, text: { fr: "code « 99D » inconnu : ce n'est pas un choix de la question dept_code", en: 'unknown code "99D": not a choice of question dept_code' } },
    ]);
  });
});

describe('computeReturns', () => {
  const margins = new Map([['01D', 100], ['02D', 50], ['03D', 20]]);

  it('counts answers per group against the margins, with region-only and missing answers on their own lines', () => {
    const rows = [
      ...answers(12, { dept_code: '01D' }),
      ...answers(9, { dept_code: '02D' }),
      ...answers(6, { dept_code: 'region_only' }),
      ...answers(5, { dept_code: null }),
    ];
    const r = computeReturns({ codebook: qvt, answers: rows, margins });
    expect(r.rows.map((x) => x.kind)).toEqual(['group', 'group', 'group', 'other', 'missing', 'total']);
    expect(r.withoutPopulation).toEqual(['region_only']);
    const g = Object.fromEntries(r.rows.map((x) => [x.group, x]));
    expect(g['01D']).toMatchObject({ label: { fr: 'Ain', en: 'Ain' }, population: 100, started: 12, complete: 12, responseRate: 0.12, completionRate: 1, suppressed: false });
    expect(g['03D']).toMatchObject({ population: 20, started: 0, complete: 0, responseRate: 0, completionRate: null, suppressed: false });
    expect(g.other).toMatchObject({ population: null, started: 6, responseRate: null });
    expect(g.missing).toMatchObject({ started: 5 });
    expect(r.total).toMatchObject({ population: 170, started: 32, complete: 32, responseRate: 32 / 170, suppressed: false });
  });

  it('hides groups with 1 to threshold − 1 answers, and one more when the hidden count could be recovered from the total', () => {
    const rows = [
      ...answers(12, { dept_code: '01D' }),
      ...answers(6, { dept_code: '02D' }),
      ...answers(2, { dept_code: 'region_only' }),
      ...answers(1, { dept_code: null }),
    ];
    const r = computeReturns({ codebook: qvt, answers: rows, margins, threshold: 5 });
    expect(byGroup(r.rows)).toEqual({
      '01D': { started: 12, complete: 12, population: 100, suppressed: false, suppression: undefined },
      // 3 answers hidden in "other" and "missing": the smallest group is hidden too.
      '02D': { started: null, complete: null, population: 50, suppressed: true, suppression: 'complementary' },
      // No answer discloses nobody.
      '03D': { started: 0, complete: 0, population: 20, suppressed: false, suppression: undefined },
      other: { started: null, complete: null, population: null, suppressed: true, suppression: 'small' },
      missing: { started: null, complete: null, population: null, suppressed: true, suppression: 'small' },
      total: { started: 21, complete: 21, population: 170, suppressed: false, suppression: undefined },
    });
    const g02 = r.rows.find((x) => x.group === '02D')!;
    expect(g02.responseRate).toBeNull();
  });

  it('distinguishes stored from complete answers with completion conditions (refusals, screened out)', () => {
    const rows = [
      ...answers(3, { consent: 'no', dept_code: null }),
      ...answers(5, { consent: 'yes', dept_code: '01D' }),
      ...answers(7, { consent: 'yes', dept_code: '02D' }),
    ];
    const r = computeReturns({ codebook: mini, answers: rows, margins: new Map([['01D', 40], ['02D', 70]]), complete: [{ column: 'consent', values: ['yes'] }] });
    expect(r.total).toMatchObject({ started: 15, complete: 12, completionRate: 12 / 15, responseRate: 12 / 110 });
    // "missing" (3 refusals) is small; hiding it alone would leave it recoverable, so 01D goes too.
    expect(byGroup(r.rows)).toMatchObject({
      '01D': { suppressed: true, suppression: 'complementary' },
      '02D': { started: 7, complete: 7, suppressed: false },
      missing: { suppressed: true, suppression: 'small' },
    });
  });

  it('hides a group whose complete count alone is small', () => {
    const rows = [
      ...answers(4, { consent: 'yes', dept_code: '01D' }),
      ...answers(3, { consent: 'no', dept_code: '01D' }),
      ...answers(8, { consent: 'no', dept_code: '02D' }),
      ...answers(9, { consent: 'yes', dept_code: '02D' }),
    ];
    const complete = [{ column: 'consent', values: ['yes'] }];
    // 01D: 7 stored but 4 complete, under 5.
    expect(byGroup(computeReturns({ codebook: mini, answers: rows, complete }).rows)['01D']).toMatchObject({ started: null, complete: null, suppressed: true, suppression: 'small' });
    // 0 complete discloses nobody.
    const none = rows.map((r) => (r.dept_code === '01D' ? { ...r, consent: 'no' } : r));
    expect(byGroup(computeReturns({ codebook: mini, answers: none, complete }).rows)['01D']).toMatchObject({ started: 7, complete: 0, suppressed: false });
  });

  it('without margins, lists every choice and computes no response rate', () => {
    const r = computeReturns({ codebook: qvt, answers: answers(6, { dept_code: 'region_only' }) });
    expect(r.rows.map((x) => x.group)).toEqual(['01D', '02D', '03D', 'region_only', 'missing', 'total']);
    expect(r.rows.every((x) => x.population === null && x.responseRate === null)).toBe(true);
    expect(r.withoutPopulation).toEqual([]);
  });

  it('gives the total only when there is no grouping column', () => {
    const r = computeReturns({ codebook: qvt, answers: answers(3, { dept_code: '01D' }), groupColumn: null });
    expect(r.rows).toEqual([r.total]);
    expect(r.total).toMatchObject({ started: 3, complete: 3, completionRate: 1 });
  });

  it('accepts an Arquero table of stored answers', async () => {
    const t = await answersTable(qvt, answers(5, { dept_code: '02D' }).map((a) => ({ data: { dept_code: a.dept_code } })));
    expect(byGroup(computeReturns({ codebook: qvt, answers: t, margins }).rows)['02D']).toMatchObject({ started: 5, population: 50 });
  });

  it('never leaves exactly one recoverable hidden count', () => {
    // Deterministic pseudo-random group sizes.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let trial = 0; trial < 200; trial++) {
      const rows: FlatAnswer[] = [];
      for (const code of ['01D', '02D', '03D', 'region_only', null]) rows.push(...answers(Math.floor(next() * 9), { dept_code: code }));
      const r = computeReturns({ codebook: qvt, answers: rows, margins, threshold: 5 });
      const shown = r.rows.filter((x) => x.kind !== 'total' && !x.suppressed).reduce((a, x) => a + x.started!, 0);
      const hidden = rows.length - shown;
      expect(hidden === 0 || hidden >= 5 || r.rows.every((x) => x.kind === 'total' || x.suppressed || x.started === 0)).toBe(true);
      for (const x of r.rows) if (x.kind !== 'total' && !x.suppressed) expect(x.started === 0 || x.started! >= 5).toBe(true);
    }
  });

  it('hides the groups that a table of a quasi-identifying grouping column hides among complete answers', () => {
    const def: QuestionnaireDefinition = { id: 'r', version: '1', date: '2026-01-01', json: { pages: [{ name: 'p', elements: [
      { type: 'radiogroup', name: 'consent', choices: ['yes', 'no'] },
      { type: 'dropdown', name: 'dept', qi: 'strong', choices: ['A', 'B', 'C'] },
    ] }] } };
    const codebook = buildCodebook(def);
    const rows = [
      ...answers(6, { consent: 'yes', dept: 'A' }), ...answers(24, { consent: 'no', dept: 'A' }),
      ...answers(9, { consent: 'yes', dept: 'B' }), ...answers(1, { consent: 'no', dept: 'B' }),
      ...answers(2, { consent: 'yes', dept: 'C' }),
    ];
    // The generic report's table of "dept" among complete answers (A 6, B 9, C 2) hides C
    // and A: showing A's 6 complete answers here would give C = 17 − 6 − 9 with B from there.
    const r = computeReturns({ codebook, answers: rows, groupColumn: 'dept', complete: [{ column: 'consent', values: ['yes'] }] });
    expect(byGroup(r.rows)).toMatchObject({
      A: { started: null, complete: null, suppressed: true },
      B: { started: 10, complete: 9, suppressed: false },
      C: { suppressed: true, suppression: 'small' },
    });
  });

  it('hides the groups of a quasi-identifying column under minGroup complete answers, with a complement', () => {
    const def: QuestionnaireDefinition = { id: 'r', version: '1', date: '2026-01-01', json: { pages: [{ name: 'p', elements: [
      { type: 'dropdown', name: 'dept', qi: 'strong', choices: ['A', 'B', 'C', 'D'] },
    ] }] } };
    const codebook = buildCodebook(def);
    const rows = [...answers(30, { dept: 'A' }), ...answers(7, { dept: 'B' }), ...answers(12, { dept: 'C' }), ...answers(40, { dept: 'D' })];
    expect(byGroup(computeReturns({ codebook, answers: rows, groupColumn: 'dept' }).rows).B).toMatchObject({ started: 7, suppressed: false });
    const r = computeReturns({ codebook, answers: rows, groupColumn: 'dept', minGroup: 10 });
    // B (7) is under 10; C (12) is hidden too, or B would be the total minus A and D.
    expect(byGroup(r.rows)).toMatchObject({
      A: { started: 30, suppressed: false },
      B: { started: null, suppressed: true },
      C: { started: null, suppressed: true },
      D: { started: 40, suppressed: false },
    });
    expect(() => computeReturns({ codebook, answers: rows, groupColumn: 'dept', minGroup: 3 })).toThrow(/minGroup must be a whole number ≥ threshold/);
  });

  it('refuses unknown grouping or completion columns, margins codes and group values', () => {
    expect(() => computeReturns({ codebook: qvt, answers: [], groupColumn: 'job_x' })).toThrow(/grouping column "job_x" has no choices/);
    expect(() => computeReturns({ codebook: qvt, answers: [], complete: [{ column: 'consent', values: ['yes'] }] })).toThrow(/completion column "consent"/);
    expect(() => computeReturns({ codebook: qvt, answers: [], margins: new Map([['99D', 3]]) })).toThrow(/margins code\(s\) 99D are not choices of "dept_code"/);
    expect(() => computeReturns({ codebook: qvt, answers: [{ dept_code: '99D' }] })).toThrow(/answer 1 has dept_code = "99D"/);
    expect(() => computeReturns({ codebook: qvt, answers: [], threshold: 0 })).toThrow(/positive integer/);
  });
});
