import { describe, expect, it } from 'vitest';
import { buildCodebook } from '../survey/codebook.js';
import { answersTable, csvTable } from './load.js';
import { fixtureDefinition } from './test-support/fixture.js';

const codebook = buildCodebook(fixtureDefinition);

describe('answersTable', () => {
  const answers = [
    { data: { consent: 'yes', eligible: 'yes', territory_type: 'rural', territory_3: 'rural', caseload_active: 40, ip_trust: { ipt_avoid_contact: 2, ipt_withhold_info: 'na' }, team_professions: ['as', 'es'] } },
    { data: { consent: 'no' } },
  ];

  it('gives one column per codebook column and one row per answer', async () => {
    const t = await answersTable(codebook, answers);
    expect(t.columnNames()).toEqual(codebook.columns.map((c) => c.name));
    expect(t.numRows()).toBe(2);
    expect(t.get('caseload_active', 0)).toBe(40);
    expect(t.get('ip_trust.ipt_avoid_contact', 0)).toBe(2);
    expect(t.get('ip_trust.ipt_withhold_info', 0)).toBe('na');
    expect(t.get('ip_trust.ipt_role_confusion', 0)).toBeNull();
    expect(t.get('team_professions.es', 0)).toBe(1);
    expect(t.get('team_professions.cesf', 0)).toBe(0);
    // Unanswered checkbox: missing, not "unchecked".
    expect(t.get('team_professions.as', 1)).toBeNull();
    expect(t.get('territory_3', 0)).toBe('rural');
  });

  it('reads an async iterable (a streaming store)', async () => {
    async function* stream() {
      for (const a of answers) yield a;
    }
    const t = await answersTable(codebook, stream());
    expect(t.numRows()).toBe(2);
    expect(t.get('consent', 1)).toBe('no');
  });

  it('loads only the columns asked, with the same cells, in codebook order; refuses an unknown one', async () => {
    const full = await answersTable(codebook, answers);
    const some = await answersTable(codebook, answers, { columns: ['team_professions.es', 'caseload_active', 'ip_trust.ipt_withhold_info'] });
    expect(some.columnNames()).toEqual(codebook.columns.map((c) => c.name).filter((n) => some.columnNames().includes(n)));
    expect(some.columnNames()).toHaveLength(3);
    for (const name of some.columnNames()) expect(some.array(name)).toEqual(full.array(name));
    await expect(answersTable(codebook, answers, { columns: ['nope'] })).rejects.toThrow(/has no column "nope"/);
  });

  it('refuses an answer without data', async () => {
    await expect(answersTable(codebook, [{ data: null as unknown as Record<string, unknown> }])).rejects.toThrow(/answer 1 has no data/);
  });
});

describe('csvTable', () => {
  const header = codebook.columns.map((c) => c.name);
  const line = (values: Record<string, string>) => header.map((h) => values[h] ?? '').map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',');

  it('types cells by the codebook', () => {
    const csv = [
      `${header.join(',')},submitted_on`,
      `${line({ consent: 'yes', caseload_active: '42', 'ip_trust.ipt_avoid_contact': '4', 'ip_trust.ipt_withhold_info': 'na', 'team_professions.as': '1', comment_general: 'une, virgule', territory_3: 'urban' })},2026-11-02`,
    ].join('\n');
    const t = csvTable(codebook, csv);
    expect(t.columnNames()).toEqual(header);
    expect(t.get('caseload_active', 0)).toBe(42);
    expect(t.get('ip_trust.ipt_avoid_contact', 0)).toBe(4);
    expect(t.get('ip_trust.ipt_withhold_info', 0)).toBe('na');
    expect(t.get('team_professions.as', 0)).toBe(1);
    expect(t.get('team_professions.es', 0)).toBeNull();
    expect(t.get('comment_general', 0)).toBe('une, virgule');
    expect(t.get('territory_3', 0)).toBe('urban');
  });

  it('gives a clear error for a value the column cannot hold', () => {
    expect(() => csvTable(codebook, `${header.join(',')}\n${line({ consent: 'peut-être' })}`)).toThrow(/row 1, column "consent": "peut-être" is not one of the choices/);
    expect(() => csvTable(codebook, `${header.join(',')}\n${line({ caseload_active: 'beaucoup' })}`)).toThrow(/"beaucoup" is not a number/);
    expect(() => csvTable(codebook, `${header.join(',')}\n${line({ 'team_professions.as': '2' })}`)).toThrow(/holds 0 or 1/);
  });

  it('refuses a CSV of another questionnaire or lacking columns, unless allowed', () => {
    expect(() => csvTable(codebook, 'a,b\n1,2')).toThrow(/none of the columns/);
    const partial = 'consent,caseload_active\nyes,12';
    expect(() => csvTable(codebook, partial)).toThrow(/lacks \d+ column/);
    const t = csvTable(codebook, partial, { allowMissingColumns: true });
    expect(t.get('caseload_active', 0)).toBe(12);
    expect(t.get('fte', 0)).toBeNull();
  });
});
