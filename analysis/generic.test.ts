import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCodebook } from '../survey/codebook.js';
import type { FlatAnswer, QuestionnaireDefinition } from '../survey/types.js';
import { meanEstimate, shareEstimate } from './estimate.js';
import { computeGenericEstimates, type GenericBlock } from './generic.js';
import { hiddenGroups, OVERALL_GROUP } from './indicators.js';
import { flatTable } from './load.js';

const def: QuestionnaireDefinition = JSON.parse(readFileSync(new URL('../test/fixtures/qvt-questionnaire.json', import.meta.url), 'utf8'));
const codebook = buildCodebook(def);

/** `count` copies of an answer. */
const many = (count: number, a: FlatAnswer): FlatAnswer[] => Array.from({ length: count }, () => ({ ...a }));
const table = (rows: FlatAnswer[]) => flatTable(codebook, rows);
const block = (blocks: GenericBlock[], id: string) => {
  const b = blocks.find((x) => x.id === id);
  if (!b) throw new Error(`no block ${id}`);
  return b;
};
/** The overall cell of each item of a block, keyed by choice value. */
const overall = (b: GenericBlock) => Object.fromEntries(b.items.map((i) => [String(i.value ?? i.column), i.cells.at(-1)!]));

const base: FlatAnswer = { dept_code: '01D', job: 'as', seniority_years: 10, satisfaction: 3, workload: 'right', 'support.colleagues': 1, 'support.manager': 0, 'support.supervision': 0, 'support.none': 0, telework: 'true', 'wellbeing.meaning': 4, 'wellbeing.recognition': 2, remarks: 'rien' };

describe('computeGenericEstimates', () => {
  it('gives one block per question in codebook order, a checkbox question in one block, free texts skipped', () => {
    const r = computeGenericEstimates(table(many(6, base)), { codebook });
    expect(r.blocks.map((b) => [b.id, b.kind, b.measure])).toEqual([
      ['dept_code', 'single', 'share'], ['job', 'single', 'share'], ['seniority_years', 'number', 'mean'], ['satisfaction', 'number', 'mean'],
      ['workload', 'single', 'share'], ['support', 'multiple', 'share'], ['telework', 'single', 'share'],
      ['wellbeing.meaning', 'single', 'share'], ['wellbeing.recognition', 'single', 'share'],
    ]);
    expect(r.skipped).toEqual([
      { column: 'job-Comment', title: codebook.columns.find((c) => c.name === 'job-Comment')!.title, reason: 'free_text' },
      { column: 'remarks', title: codebook.columns.find((c) => c.name === 'remarks')!.title, reason: 'free_text' },
    ]);
    const support = block(r.blocks, 'support');
    expect(support.title.fr).toBe('Sur quels soutiens pouvez-vous compter ?');
    expect(support.items.map((i) => i.label.fr)).toEqual(['Collègues', 'Encadrement', 'Analyse des pratiques', 'Aucun de ces soutiens']);
    expect(r.respondents).toBe(6);
    expect(r.by).toBeNull();
  });

  it('estimates shares among those who answered (Wilson) and means (Student t), matching the reference estimators', () => {
    const rows = [
      ...many(7, { ...base, workload: 'too_high', satisfaction: 2 }),
      ...many(5, { ...base, workload: 'right', satisfaction: 4 }),
      ...many(3, { ...base, workload: null, satisfaction: 5, 'support.colleagues': null, 'support.manager': null, 'support.supervision': null, 'support.none': null }),
    ];
    const r = computeGenericEstimates(table(rows), { codebook });
    const workload = overall(block(r.blocks, 'workload'));
    const ref = shareEstimate([...Array(7).fill(1), ...Array(5).fill(0)]);
    expect(workload.too_high).toMatchObject({ group: OVERALL_GROUP, n: 12, estimate: ref.estimate, ciLow: ref.ciLow, ciHigh: ref.ciHigh, suppressed: false });
    expect(workload.too_low).toMatchObject({ n: 12, estimate: 0 });
    const sat = overall(block(r.blocks, 'satisfaction')).satisfaction;
    const m = meanEstimate([...Array(7).fill(2), ...Array(5).fill(4), ...Array(3).fill(5)]);
    expect(sat).toMatchObject({ n: 15, estimate: m.estimate, ciLow: m.ciLow, ciHigh: m.ciHigh });
    // Checkbox: unanswered question is missing, not "not checked".
    expect(overall(block(r.blocks, 'support')).colleagues).toMatchObject({ n: 12, estimate: 1 });
    expect(overall(block(r.blocks, 'telework')).true).toMatchObject({ n: 15, estimate: 1 });
    expect(overall(block(r.blocks, 'wellbeing.meaning'))['4']).toMatchObject({ n: 15, estimate: 1 });
  });

  it('breaks results down by a column, hiding small groups and one more when the total would reveal them', () => {
    const rows = [
      ...many(8, { ...base, job: 'as', satisfaction: 2 }),
      ...many(6, { ...base, job: 'cesf', satisfaction: 4 }),
      ...many(2, { ...base, job: 'es', satisfaction: 5 }),
    ];
    const r = computeGenericEstimates(table(rows), { codebook, by: 'job' });
    expect(r.by?.groups.map((g) => g.value)).toEqual(['as', 'cesf', 'es', 'other']);
    const cells = block(r.blocks, 'satisfaction').items[0].cells;
    expect(cells.map((c) => [c.group, c.n, c.estimate, c.suppression])).toEqual([
      ['as', 8, 2, undefined],
      // ES (2) is small; CESF is hidden too, or ES would be recovered from the total.
      ['cesf', null, null, 'complementary'],
      ['es', null, null, 'small'],
      // No respondent: nothing to protect, but nothing to show either.
      ['other', null, null, 'small'],
      [OVERALL_GROUP, 16, (8 * 2 + 6 * 4 + 2 * 5) / 16, undefined],
    ]);
    // The grouping question itself is shown overall only.
    const job = block(r.blocks, 'job');
    expect(job.overallOnly).toBe(true);
    expect(job.items[0].cells.map((c) => c.group)).toEqual([OVERALL_GROUP]);
  });

  it('hides small counts of the choices of a quasi-identifying question, and enough others that none can be recovered', () => {
    const rows = [...many(12, { ...base, dept_code: '01D' }), ...many(7, { ...base, dept_code: '02D' }), ...many(2, { ...base, dept_code: '03D' })];
    const dept = overall(block(computeGenericEstimates(table(rows), { codebook }).blocks, 'dept_code'));
    expect(dept['01D']).toMatchObject({ n: 21, estimate: 12 / 21, suppressed: false });
    expect(dept['03D']).toMatchObject({ n: 21, estimate: null, suppressed: true, suppression: 'small' });
    expect(dept['02D']).toMatchObject({ estimate: null, suppression: 'complementary' });
    // No respondent chose region_only: a zero reveals nobody.
    expect(dept.region_only).toMatchObject({ estimate: 0, suppressed: false });
    // A question that is not a quasi-identifier keeps its small shares.
    const workload = overall(block(computeGenericEstimates(table([...many(9, base), { ...base, workload: 'dk' }]), { codebook }).blocks, 'workload'));
    expect(workload.dk).toMatchObject({ estimate: 0.1, suppressed: false });
  });

  it('protects quasi-identifying counts across groups too', () => {
    // job (QI) by dept_code (QI): CESF has 2 in 01D and 6 overall; hiding 01D alone would let 6 − 4 reveal it.
    const rows = [
      ...many(6, { ...base, dept_code: '01D', job: 'as' }), ...many(2, { ...base, dept_code: '01D', job: 'cesf' }),
      ...many(6, { ...base, dept_code: '02D', job: 'as' }), ...many(6, { ...base, dept_code: '02D', job: 'cesf' }),
    ];
    const r = computeGenericEstimates(table(rows), { codebook, by: 'dept_code' });
    const cesf = block(r.blocks, 'job').items.find((i) => i.value === 'cesf')!;
    const byGroup = Object.fromEntries(cesf.cells.map((c) => [c.group, c]));
    expect(byGroup['01D']).toMatchObject({ suppressed: true, suppression: 'small' });
    expect(byGroup['02D']).toMatchObject({ suppressed: true, suppression: 'complementary' });
    // Within 01D, the AS share would give 8 − 6 = 2 CESF: hidden too.
    const as = block(r.blocks, 'job').items.find((i) => i.value === 'as')!;
    expect(as.cells.find((c) => c.group === '01D')).toMatchObject({ suppressed: true });
  });

  it('hides a quasi-identifying checkbox choice that few respondents checked, or few left unchecked', () => {
    const qiCodebook = buildCodebook({ ...def, json: JSON.parse(JSON.stringify(def.json).replace('"name":"support",', '"name":"support","qi":"medium",')) });
    expect(qiCodebook.columns.find((c) => c.name === 'support.colleagues')?.qi).toBe('medium');
    const rows = [...many(8, { ...base, 'support.colleagues': 1, 'support.manager': 1 }), ...many(3, { ...base, 'support.colleagues': 1, 'support.manager': 0 })];
    const s = overall(block(computeGenericEstimates(flatTable(qiCodebook, rows), { codebook: qiCodebook }).blocks, 'support'));
    expect(s.colleagues).toMatchObject({ estimate: 1, suppressed: false });
    // 8 checked but 3 did not: the 3 are a small cell.
    expect(s.manager).toMatchObject({ suppressed: true, suppression: 'small' });
    expect(s.supervision).toMatchObject({ estimate: 0, suppressed: false });
  });

  it('never leaves a recoverable hidden count in a quasi-identifying table', () => {
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const jobs = ['as', 'cesf', 'es', 'other'];
    const depts = ['01D', '02D', '03D', 'region_only'];
    for (let trial = 0; trial < 60; trial++) {
      const rows: FlatAnswer[] = [];
      for (const d of depts) for (const j of jobs) rows.push(...many(Math.floor(next() * next() * 12), { ...base, dept_code: d, job: j }));
      const r = computeGenericEstimates(table(rows), { codebook, by: 'dept_code' });
      const job = block(r.blocks, 'job');
      const count = (g: string, j: string) => rows.filter((x) => (g === OVERALL_GROUP || x.dept_code === g) && x.job === j).length;
      const groups = [...depts, OVERALL_GROUP];
      // Within each group: hidden choices add up to 0 or at least 5.
      for (const g of groups) {
        const cells = job.items.map((i) => ({ j: String(i.value), cell: i.cells.find((c) => c.group === g)! }));
        if (cells.every((c) => c.cell.suppressed)) continue;
        const hidden = cells.filter((c) => c.cell.suppressed).reduce((a, c) => a + count(g, c.j), 0);
        expect(hidden === 0 || hidden >= 5, `group ${g}, trial ${trial}`).toBe(true);
        for (const c of cells) if (!c.cell.suppressed) expect(count(g, c.j) === 0 || count(g, c.j) >= 5).toBe(true);
      }
      // Across groups for each choice.
      for (const item of job.items) {
        if (item.cells.at(-1)!.suppressed) continue;
        const hidden = depts.filter((g) => item.cells.find((c) => c.group === g)!.suppressed).reduce((a, g) => a + count(g, String(item.value)), 0);
        expect(hidden === 0 || hidden >= 5, `choice ${String(item.value)}, trial ${trial}`).toBe(true);
      }
    }
  });

  it('hides in every breakdown the groups that a quasi-identifying grouping column hides in its own table', () => {
    // dept_code's own table hides 03D (2) and 01D (the smallest other): 01D's n elsewhere would give 03D by subtraction.
    const rows = [
      ...many(20, { ...base, dept_code: '01D', workload: 'right' }), ...many(20, { ...base, dept_code: '02D', workload: 'too_high' }),
      ...many(2, { ...base, dept_code: '03D' }), ...many(10, { ...base, dept_code: null }),
    ];
    const r = computeGenericEstimates(table(rows), { codebook, by: 'dept_code' });
    const own = overall(block(r.blocks, 'dept_code'));
    expect(own['03D']).toMatchObject({ suppressed: true, suppression: 'small' });
    expect(own['01D']).toMatchObject({ suppressed: true, suppression: 'complementary' });
    for (const b of r.blocks.filter((x) => !x.overallOnly)) {
      for (const item of b.items) {
        for (const g of ['01D', '03D']) expect(item.cells.find((c) => c.group === g), `${item.column} ${g}`).toMatchObject({ n: null, estimate: null, suppressed: true });
        expect(item.cells.find((c) => c.group === '02D')!.n, item.column).toBe(20);
      }
    }
  });

  it('protects the unchecked count of a quasi-identifying checkbox choice across groups', () => {
    const qiCodebook = buildCodebook({ ...def, json: JSON.parse(JSON.stringify(def.json).replace('"name":"support",', '"name":"support","qi":"medium",')) });
    const rows = [
      ...many(20, { ...base, dept_code: '01D', 'support.manager': 0 }), ...many(10, { ...base, dept_code: '01D', 'support.manager': 1 }),
      ...many(17, { ...base, dept_code: '02D', 'support.manager': 1 }), ...many(3, { ...base, dept_code: '02D', 'support.manager': 0 }),
    ];
    const manager = block(computeGenericEstimates(flatTable(qiCodebook, rows), { codebook: qiCodebook, by: 'dept_code' }).blocks, 'support').items.find((i) => i.value === 'manager')!;
    const cell = (g: string) => manager.cells.find((c) => c.group === g)!;
    // 02D: 3 left "manager" unchecked. Overall (27 of 50) minus 01D (10 of 30) would give them back.
    expect(cell('02D')).toMatchObject({ suppressed: true, suppression: 'small' });
    expect(cell('01D')).toMatchObject({ suppressed: true, suppression: 'complementary' });
  });

  it('hides in the table of a quasi-identifying question exactly the groups hiddenGroups() names (returns and indicators rely on it)', () => {
    let seed = 5;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const depts = ['01D', '02D', '03D', 'region_only'];
    for (let trial = 0; trial < 100; trial++) {
      const rows = depts.flatMap((d) => many(Math.floor(next() * next() * 14), { ...base, dept_code: d }));
      const dept = block(computeGenericEstimates(table(rows), { codebook }).blocks, 'dept_code');
      const hiddenHere = dept.items.filter((i) => i.cells.at(-1)!.suppressed && rows.some((r) => r.dept_code === i.value)).map((i) => String(i.value));
      const expected = [...hiddenGroups(rows.map((r) => r.dept_code), depts, 5)].filter((g) => rows.some((r) => r.dept_code === g));
      expect(hiddenHere.sort(), `trial ${trial}`).toEqual(expected.sort());
    }
  });

  it('refuses a grouping column without choices, a missing column, and unknown group values', () => {
    expect(() => computeGenericEstimates(table([]), { codebook, by: 'seniority_years' })).toThrow(/has no choices to group by/);
    expect(() => computeGenericEstimates(table([base]).select('dept_code'), { codebook })).toThrow(/no column "job"/);
    expect(() => computeGenericEstimates(table([{ ...base, dept_code: '99D' }]), { codebook, by: 'dept_code' })).toThrow(/row 1 has dept_code = "99D"/);
    expect(() => computeGenericEstimates(table([]), { codebook, threshold: 0 })).toThrow(/positive integer/);
  });
});

describe('minGroup', () => {
  it('hides, in a quasi-identifier’s own table, the choices under minGroup respondents and a complement', () => {
    const rows = [...many(30, base), ...many(7, { ...base, dept_code: '02D' }), ...many(12, { ...base, dept_code: '03D' })];
    const shown = overall(block(computeGenericEstimates(table(rows), { codebook }).blocks, 'dept_code'));
    expect(shown['02D']!.suppressed).toBe(false);
    const r = overall(block(computeGenericEstimates(table(rows), { codebook, minGroup: 10 }).blocks, 'dept_code'));
    expect(r['01D']!.suppressed).toBe(false);
    expect(r['02D']).toMatchObject({ suppressed: true, suppression: 'complementary' });
    // 02D alone would be the total minus the others.
    expect(r['03D']!.suppressed).toBe(true);
  });
});
