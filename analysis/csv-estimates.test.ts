import { describe, expect, it } from 'vitest';
import { CsvError, loadCsv } from './load-csv.js';
import { EstimateSpecError, estimateCsv, sortedLevels } from './csv-estimates.js';

describe('sortedLevels', () => {
  it('sorts like R factor levels: numbers numerically, codes and words alphabetically', () => {
    const t = loadCsv('n,code,word\n10,974,été\n9,2A,Zèbre\n10,29,abri\n-1,01,Été\n');
    expect(sortedLevels(t.columns.get('n')!)).toEqual(['-1', '9', '10']);
    expect(sortedLevels(t.columns.get('code')!)).toEqual(['01', '29', '2A', '974']);
    expect(sortedLevels(t.columns.get('word')!)).toEqual(['abri', 'été', 'Été', 'Zèbre']);
  });
});

describe('estimateCsv', () => {
  const base = { minGroup: 1, minCell: 1 };
  const t = loadCsv('g,kind,y,w\na,x,1,1\na,y,3,1\nb,x,,2\nb,x,5,2\n,y,7,1\n');

  it('estimates unweighted shares and means, rows with a missing group outside every group', () => {
    const shares = estimateCsv(t, { ...base, variable: 'kind', by: 'g' });
    expect(shares.measure).toBe('shares');
    expect(shares.ci).toBe('wilson');
    expect(shares.rows.map((r) => [r.group, r.category, r.estimate, r.n])).toEqual([
      ['a', 'x', 0.5, 2], ['a', 'y', 0.5, 2], ['b', 'x', 1, 2], ['b', 'y', 0, 2],
    ]);
    const mean = estimateCsv(t, { ...base, variable: 'y', weights: 'w' });
    expect(mean.measure).toBe('mean');
    expect(mean.ci).toBe('logit');
    expect(mean.rows[0].estimate).toBeCloseTo((1 + 3 + 2 * 5 + 7) / 5, 12);
    expect(mean.rows[0].n).toBe(4);
    expect(mean.design).toMatchObject({ kind: 'weights', weights: 'w', rows: 5 });
  });

  it('keeps the callers\' mistakes apart from bad data', () => {
    expect(() => estimateCsv(t, { ...base, variable: 'nope' })).toThrow(EstimateSpecError);
    expect(() => estimateCsv(t, { ...base, variable: 'y', by: 'y' })).toThrow(/two different columns/);
    expect(() => estimateCsv(t, { ...base, variable: 'y', weights: 'kind' })).toThrow(CsvError);
    expect(() => estimateCsv(t, { ...base, variable: 'y', by: 'g', groups: ['a', 'c'] })).toThrow(CsvError);
    expect(() => estimateCsv(t, { ...base, minGroup: 0, variable: 'y' })).toThrow(/minimum group size/);
  });
});
