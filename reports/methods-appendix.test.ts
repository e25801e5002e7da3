import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseMarginsCsv } from '../analysis/returns.js';
import { polyvalence } from '../survey/polyvalence/index.js';
import { generateAnswers } from '../survey/polyvalence/synthetic.js';
import { syntheticMarginsCsv } from '../survey/polyvalence/synthetic-profiles.js';
import { AnswersSnapshotHasher, answersSnapshotHash, canonicalJson } from './methods-appendix.js';
import { buildNationalReport } from './national.js';
import { signedDifference } from './evidence-html.js';

const margins = parseMarginsCsv(syntheticMarginsCsv());

function appendix(html: string): string {
  const m = html.match(/<section id="annexe"[\s\S]*?<\/section>/);
  if (!m) throw new Error('no appendix');
  return m[0];
}

describe('canonicalJson and answersSnapshotHash', () => {
  it('sort keys at every level and answers by id, so the same data always hash the same', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}');
    // Sorted key orders are reused between objects with the same keys: never for other keys.
    expect(canonicalJson({ b: 1, c: 2, a: 3 })).toBe('{"a":3,"b":1,"c":2}');
    expect(canonicalJson({ b: 1, a: 3, c: 2 })).toBe('{"a":3,"b":1,"c":2}');
    expect(canonicalJson({ b: 1, c: 2, d: 3 })).toBe('{"b":1,"c":2,"d":3}');
    expect(canonicalJson({ b: 1, c: 2 })).toBe('{"b":1,"c":2}');
    expect(canonicalJson({ 10: 'x', 9: 'y', a: undefined })).toBe('{"10":"x","9":"y"}');
    const a = { id: 'a', data: { x: 1, y: 'z' } };
    const b = { id: 'b', data: { y: 'z', x: 2 } };
    expect(answersSnapshotHash([a, b])).toBe(answersSnapshotHash([b, { id: 'a', data: { y: 'z', x: 1 } }]));
    expect(answersSnapshotHash([a, b])).not.toBe(answersSnapshotHash([a, { ...b, data: { x: 3, y: 'z' } }]));
    expect(answersSnapshotHash([a])).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the value of the whole canonical JSON hashed at once (as computed before answers were hashed one by one)', () => {
    // The former definition, literally: published hashes must not change.
    const canonical = (v: unknown): string => {
      if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
      if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
      const o = v as Record<string, unknown>;
      return `{${Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
    };
    const before = (xs: { id?: string; data: Record<string, unknown> }[]) => {
      const sorted = [...xs].sort((p, q) => ((p.id ?? '') < (q.id ?? '') ? -1 : (p.id ?? '') > (q.id ?? '') ? 1 : 0));
      return createHash('sha256').update(canonical(sorted.map((x) => ({ id: x.id ?? null, data: x.data })))).digest('hex');
    };
    const xs: { id?: string; data: Record<string, unknown> }[] = generateAnswers({ n: 300, seed: 3 });
    xs.push({ id: xs[7].id, data: { tie: [1, undefined, { b: 'é', a: 2.5 }], u: undefined } }, { data: { noId: true } });
    expect(answersSnapshotHash(xs)).toBe(before(xs));
    expect(answersSnapshotHash([])).toBe(before([]));
  });

  it('gives the same value when answers already in id order are hashed as they arrive', () => {
    const xs: { id?: string; data: Record<string, unknown> }[] = generateAnswers({ n: 300, seed: 4 });
    xs.push({ id: xs[3].id, data: { tie: true } });
    const sorted = [...xs].sort((p, q) => ((p.id ?? '') < (q.id ?? '') ? -1 : (p.id ?? '') > (q.id ?? '') ? 1 : 0));
    const streamed = new AnswersSnapshotHasher({ inIdOrder: true });
    for (const a of sorted) streamed.add(a);
    expect(streamed.digest()).toBe(answersSnapshotHash(xs));
    const empty = new AnswersSnapshotHasher({ inIdOrder: true });
    expect(empty.digest()).toBe(answersSnapshotHash([]));
  });

  it('refuses, in id order mode, an answer whose id sorts before the previous one', () => {
    const h = new AnswersSnapshotHasher({ inIdOrder: true });
    h.add({ id: 'b', data: {} });
    expect(() => h.add({ id: 'a', data: {} })).toThrow(/not in id order/);
  });
});

describe('the methods appendix of the national report', async () => {
  const answers = generateAnswers({ n: 500, seed: 5 });
  const report = await buildNationalReport({ definition: polyvalence, answers, generatedOn: '2026-12-01', margins, mapBy: null, command: 'polyvalence report --db x.sqlite --out r' });
  const a = appendix(report.html);

  it('states the questionnaire version, field dates, answers read and analysed', () => {
    const days = answers.map((x) => x.submittedOn).sort();
    expect(a).toContain(`${polyvalence.id}, version ${polyvalence.version}`);
    const fmt = (d: string) => new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`)).replace(/^1 /, '1er ');
    expect(a).toContain(`${fmt(days[0])} – ${fmt(days[days.length - 1])}`);
    expect(a).toContain(`Réponses lues / analysées\u00a0: 500 / ${report.respondents}.`);
  });

  it('gives the response rate by département, suppressed rows as such', () => {
    expect(a).toContain('<table class="returns">');
    const table = a.match(/<table class="returns">[\s\S]*?<\/table>/)![0];
    // The total: every answer is complete in synthetic data, against the margins' whole population.
    const total = [...margins.values()].reduce((x, y) => x + y, 0);
    expect(table).toContain(`<tr><th scope="row">Ensemble</th><td class="num">${new Intl.NumberFormat('fr-FR').format(total)}</td>`);
    for (const row of table.match(/<tr><th scope="row">[^<]*<\/th>.*?<\/tr>/g)!) expect(row).toMatch(/effectif insuffisant|<td class="num">[\d\s\u202f]+<\/td><td class="num">(—|[\d,\s\u202f]+%)<\/td><\/tr>$/);
  });

  it('says how much weighting moved each estimate, and the largest shift', () => {
    const shifts = report.evidence!.indicators.filter((x) => x.weightingShift !== null);
    const largest = shifts.reduce((p, q) => (Math.abs(q.weightingShift!) > Math.abs(p.weightingShift!) ? q : p));
    expect(a).toContain(`Plus grand écart en valeur absolue\u00a0: ${largest.indicator.title.fr.replace(/'/g, '&#39;')}, ${signedDifference(largest.weightingShift!, largest.indicator.measure, 'fr')}.`);
    for (const x of shifts) expect(a).toContain(`<td class="num">${signedDifference(x.weightingShift!, x.indicator.measure, 'fr')}</td></tr>`);
  });

  it('hashes the answers and quotes the command', () => {
    expect(a).toContain(`<code class="sha256">${answersSnapshotHash(answers)}</code>`);
    expect(a).toContain('<code class="command">polyvalence report --db x.sqlite --out r</code>');
  });

  it('says, for a table without its file, that the hash and dates are unknown, in English', async () => {
    const { answersTable } = await import('../analysis/load.js');
    const { buildCodebook } = await import('../survey/codebook.js');
    const table = await answersTable(buildCodebook(polyvalence), answers);
    const en = appendix((await buildNationalReport({ definition: polyvalence, table, generatedOn: '2026-12-01', mapBy: null, locale: 'en' })).html);
    expect(en).toContain('Field dates: unknown');
    expect(en).toContain('unknown (table given without its file)');
    expect(en).toContain('Without population margins, the response rate is not computed.');
    expect(en).toContain('not given (report produced by the organisers&#39; page)');
  });
});
