import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CsvError, loadCsv, numericValues, parsePlainNumber } from './load-csv.js';

const fixture = readFileSync(new URL('../test/fixtures/survey-r/responses.csv', import.meta.url), 'utf8');

describe('loadCsv', () => {
  it('reads the R reference file: codes stay text, answers and weights are numbers, empty cells missing', () => {
    const t = loadCsv(fixture);
    expect(t.rowCount).toBe(1114);
    expect(t.delimiter).toBe(',');
    expect(t.names).toEqual(['id', 'dept', 'territory', 'profession', 'filtered', 'contract_share', 'caseload', 'same_job', 'N_dept', 'base_w']);
    const kinds = Object.fromEntries(t.names.map((n) => [n, t.columns.get(n)!.kind]));
    expect(kinds).toEqual({ id: 'text', dept: 'text', territory: 'text', profession: 'text', filtered: 'number', contract_share: 'text', caseload: 'number', same_job: 'number', N_dept: 'number', base_w: 'number' });
    const dept = t.columns.get('dept')!;
    expect(new Set(dept.text)).toEqual(new Set(['01', '13', '23', '29', '2A', '59', '69', '75', '93', '974']));
    const w = numericValues(t, 'base_w', '--weights');
    expect(w[1]).toBe(3.57615894039735);
    const filtered = numericValues(t, 'filtered', '--var');
    expect(filtered.filter((v) => v === null).length).toBeGreaterThan(0);
    expect(new Set(filtered)).toEqual(new Set([0, 1, null]));
    expect(t.columns.get('contract_share')!.text).toContain(null);
  });

  it('reads a French spreadsheet file: semicolon, decimal comma, byte order mark, quoted fields', () => {
    const t = loadCsv('\uFEFFdept;poids;nom;note\r\n"01";1,5;"Ain; nord";3\r\n2A;2;"dit ""X""";\r\n\r\n974;0,25;;4.5\r\n');
    expect(t.delimiter).toBe(';');
    expect(t.names).toEqual(['dept', 'poids', 'nom', 'note']);
    expect(t.columns.get('dept')).toMatchObject({ kind: 'text', text: ['01', '2A', '974'] });
    expect(t.columns.get('poids')).toMatchObject({ kind: 'number', numbers: [1.5, 2, 0.25] });
    expect(t.columns.get('nom')).toMatchObject({ kind: 'text', text: ['Ain; nord', 'dit "X"', null] });
    expect(t.columns.get('note')).toMatchObject({ kind: 'number', numbers: [3, null, 4.5] });
  });

  it('keeps text exactly, and a column with one leading-zero code as text', () => {
    const t = loadCsv('code,label,n\n974,"  Réunion ",1\n01,Ain,2\n');
    expect(t.columns.get('code')).toMatchObject({ kind: 'text', text: ['974', '01'] });
    expect(t.columns.get('label')).toMatchObject({ kind: 'text', text: ['  Réunion ', 'Ain'] });
    expect(t.columns.get('n')).toMatchObject({ kind: 'number', numbers: [1, 2] });
  });

  it('treats a decimal comma in a comma file as text (it would be a separator there)', () => {
    expect(parsePlainNumber('1,5', false)).toBeUndefined();
    expect(parsePlainNumber('1,5', true)).toBe(1.5);
    expect(parsePlainNumber('-0.5', false)).toBe(-0.5);
    expect(parsePlainNumber('1e-05', false)).toBe(1e-5);
    expect(parsePlainNumber('0', false)).toBe(0);
    expect(parsePlainNumber('007', false)).toBeUndefined();
    expect(parsePlainNumber('1 000', true)).toBeUndefined();
    expect(parsePlainNumber('NaN', false)).toBeUndefined();
    expect(parsePlainNumber('Infinity', false)).toBeUndefined();
  });

  it('treats the missing-value codes it is given as empty cells (R writes NA)', () => {
    const text = 'x,label\n1,NA\nNA,b\n -99 ,c\n';
    expect(loadCsv(text).columns.get('x')).toMatchObject({ kind: 'text', text: ['1', 'NA', ' -99 '] });
    const t = loadCsv(text, { missing: ['NA', '-99'] });
    expect(t.columns.get('x')).toMatchObject({ kind: 'number', numbers: [1, null, null] });
    expect(t.columns.get('label')).toMatchObject({ kind: 'text', text: [null, 'b', 'c'] });
  });

  it('calls a column of empty cells text, and says so when a number is needed', () => {
    const t = loadCsv('a,b\n1,\n2,\n');
    expect(t.columns.get('b')!.kind).toBe('text');
    expect(() => numericValues(t, 'b', '--weights')).toThrow(/column "b" \(--weights\) has no value/);
  });

  it('names the column, line and value of the first non-numeric cell where numbers are needed', () => {
    const t = loadCsv('w,x\n1.5,a\n2,b\nabc,c\n4,d\n');
    expect(() => numericValues(t, 'w', '--weights')).toThrow(CsvError);
    expect(() => numericValues(t, 'w', '--weights')).toThrow('column "w" (--weights) must hold numbers: line 4 has "abc"');
    expect(() => numericValues(t, 'nope', '--weights')).toThrow(/no column "nope"/);
  });

  it.each([
    ['', /the file is empty/],
    ['a,b\n1,2\n3\n', /line 3 has 1 field\(s\) where the header has 2/],
    ['a,a\n1,2\n', /names column "a" twice/],
    ['a,,c\n1,2,3\n', /column 2 of the header has no name/],
    ['a,b\n"1,2\n', /unreadable CSV/],
  ])('refuses %j with a clear message', (text, message) => {
    expect(() => loadCsv(text)).toThrow(message);
  });
});
