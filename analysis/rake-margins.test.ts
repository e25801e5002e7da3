import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCsv } from './load-csv.js';
import { checkMarginsFit, parseRakeMargins } from './rake-margins.js';

const read = (name: string) => readFileSync(new URL(`../test/fixtures/survey-r/${name}`, import.meta.url), 'utf8');

describe('parseRakeMargins', () => {
  it('reads the R reference margins: quoted codes kept as text, totals as numbers', () => {
    const dept = parseRakeMargins(read('margins_dept.csv'), 'margins_dept.csv');
    expect(dept.variable).toBe('dept');
    expect([...dept.totals.keys()]).toEqual(['01', '13', '23', '29', '2A', '59', '69', '75', '93', '974']);
    expect(dept.totals.get('01')).toBe(180);
    const profession = parseRakeMargins(read('margins_profession.csv'), 'p.csv');
    expect(profession).toEqual({ source: 'p.csv', variable: 'profession', totals: new Map([['ASS', 2902], ['CESF', 829], ['ES', 414]]) });
  });

  it('reads a French spreadsheet file with decimal commas', () => {
    expect(parseRakeMargins('\uFEFFsexe;effectif\nF;1520,5\nH;479,5\n', 'm.csv').totals).toEqual(new Map([['F', 1520.5], ['H', 479.5]]));
  });

  it.each([
    ['dept,Freq,extra\n01,3,x\n', /margins m\.csv: 2 columns expected .* found 3/],
    ['dept,Freq\n', /margins m\.csv: no category/],
    ['dept,Freq\n01,3\n01,4\n', /line 3: category "01" appears twice/],
    ['dept,Freq\n01,3\n02,many\n', /line 3: the total of "02" must be a positive number, got "many"/],
    ['dept,Freq\n01,0\n', /line 2: the total of "01" must be a positive number, got "0"/],
    ['dept,Freq\n,3\n', /line 2: empty category/],
    [',Freq\n01,3\n', /first column must be headed/],
    ['', /margins m\.csv: the file is empty/],
  ])('refuses %j with a message naming the file', (text, message) => {
    expect(() => parseRakeMargins(text, 'm.csv')).toThrow(message);
  });
});

describe('checkMarginsFit', () => {
  const data = loadCsv('dept,prof,x\n01,A,1\n2A,B,2\n01,B,3\n');
  const m = (text: string, source = 'm.csv') => parseRakeMargins(text, source);

  it('accepts margins that fit', () => {
    expect(() => checkMarginsFit(data, [m('dept,N\n01,10\n2A,20\n'), m('prof,N\nA,12\nB,18\n')])).not.toThrow();
    const fixture = loadCsv(read('responses.csv'));
    expect(() => checkMarginsFit(fixture, [m(read('margins_dept.csv')), m(read('margins_profession.csv'))])).not.toThrow();
  });

  it.each([
    [['region,N\nX,1\n'], /margins m\.csv: its first column "region" is not a column of the data \(columns: dept, prof, x\)/],
    [['dept,N\n01,10\n'], /category "2A" of "dept" \(data line 3\) has no population total/],
    [['dept,N\n01,10\n2A,20\n974,5\n'], /no respondent in category "974" of "dept"/],
    [['dept,N\n01,10\n2A,20\n', 'prof,N\nA,12\nB,19\n'], /describe populations of different sizes \(30 and 31\)/],
    [['dept,N\n01,10\n2A,20\n', 'dept,N\n01,10\n2A,20\n'], /"dept" already has margins in another file/],
  ])('refuses %j', (texts, message) => {
    expect(() => checkMarginsFit(data, texts.map((t) => m(t)))).toThrow(message);
  });

  it('refuses a data row without a value for a raked variable', () => {
    const holes = loadCsv('dept,x\n01,1\n,2\n');
    expect(() => checkMarginsFit(holes, [m('dept,N\n01,10\n')])).toThrow(/line 3 of the data has no value for "dept"/);
  });
});
