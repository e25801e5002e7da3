import { describe, expect, it } from 'vitest';
import { meanEstimate, shareEstimate } from './estimate.js';

describe('shareEstimate', () => {
  it('gives the Wilson score interval (hand-checked: 3/10 → 0.1078–0.6032)', () => {
    const r = shareEstimate([1, 1, 1, 0, 0, 0, 0, 0, 0, 0, null, null]);
    expect(r.n).toBe(10);
    expect(r.estimate).toBeCloseTo(0.3, 12);
    expect(r.ciLow).toBeCloseTo(0.107789, 5);
    expect(r.ciHigh).toBeCloseTo(0.603221, 5);
  });

  it('stays inside [0, 1] at the edges (0/20 → 0–0.1611, Wilson)', () => {
    const r = shareEstimate(new Array(20).fill(0));
    expect(r.estimate).toBe(0);
    expect(r.ciLow).toBe(0);
    expect(r.ciHigh).toBeCloseTo(0.161125, 5);
    const all = shareEstimate([1, 1, 1, 1]);
    expect(all.ciHigh).toBe(1);
    expect(all.ciLow).toBeCloseTo(0.510109, 5);
  });

  it('returns nulls when there is no value, and rejects non-binary values', () => {
    expect(shareEstimate([null, undefined])).toEqual({ n: 0, estimate: null, ciLow: null, ciHigh: null });
    expect(() => shareEstimate([1, 2])).toThrow(/0, 1 or null/);
  });
});

describe('meanEstimate', () => {
  it('gives mean, sample SD and t interval (hand-checked)', () => {
    // mean 5, SD = sqrt(32/7) = 2.13809, t(0.975, 7) = 2.364624 → half-width 1.787488.
    const r = meanEstimate([2, 4, 4, 4, 5, 5, 7, 9, null]);
    expect(r.n).toBe(8);
    expect(r.estimate).toBe(5);
    expect(r.sd).toBeCloseTo(2.138090, 6);
    expect(r.ciLow).toBeCloseTo(5 - 1.787488, 5);
    expect(r.ciHigh).toBeCloseTo(5 + 1.787488, 5);
  });

  it('handles one value and no value', () => {
    expect(meanEstimate([3])).toEqual({ n: 1, estimate: 3, sd: null, ciLow: null, ciHigh: null });
    expect(meanEstimate([])).toEqual({ n: 0, estimate: null, sd: null, ciLow: null, ciHigh: null });
  });

  it('rejects non-numbers', () => {
    expect(() => meanEstimate([1, Number.NaN])).toThrow(/finite numbers/);
    expect(() => meanEstimate([1, '2' as unknown as number])).toThrow(/finite numbers/);
  });
});
