import { describe, expect, it } from 'vitest';
import { incompleteBeta, logGamma, studentTCdf, studentTQuantile } from './student-t.js';

describe('Student t distribution', () => {
  it('matches published two-sided 95 % critical values', () => {
    // Reference: standard t tables (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2).
    const table: [number, number][] = [
      [1, 12.706204736],
      [2, 4.302652730],
      [3, 3.182446305],
      [5, 2.570581836],
      [7, 2.364624252],
      [10, 2.228138852],
      [30, 2.042272456],
      [100, 1.983971519],
    ];
    for (const [df, t] of table) expect(studentTQuantile(0.975, df)).toBeCloseTo(t, 8);
  });

  it('gives other quantiles and is symmetric', () => {
    expect(studentTQuantile(0.95, 4)).toBeCloseTo(2.131846786, 8);
    expect(studentTQuantile(0.995, 20)).toBeCloseTo(2.845339707, 8);
    expect(studentTQuantile(0.025, 10)).toBeCloseTo(-2.228138852, 8);
    expect(studentTQuantile(0.5, 3)).toBe(0);
    // Large df tends to the normal quantile.
    expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(1.959964, 5);
  });

  it('has a CDF that inverts the quantile and known closed forms', () => {
    // df = 1 is the Cauchy distribution: F(t) = 1/2 + atan(t)/π.
    expect(studentTCdf(1, 1)).toBeCloseTo(0.75, 12);
    expect(studentTCdf(-3, 1)).toBeCloseTo(0.5 + Math.atan(-3) / Math.PI, 12);
    // df = 2: F(t) = 1/2 + t / (2 sqrt(2 + t²)).
    expect(studentTCdf(1.5, 2)).toBeCloseTo(0.5 + 1.5 / (2 * Math.sqrt(2 + 2.25)), 12);
    expect(studentTCdf(studentTQuantile(0.9, 6.5), 6.5)).toBeCloseTo(0.9, 12);
  });

  it('computes log-gamma and the incomplete beta accurately', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    // I_x(1, 1) = x; I_x(a, 1) = x^a.
    expect(incompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12);
    expect(incompleteBeta(0.6, 3, 1)).toBeCloseTo(0.216, 12);
  });

  it('rejects invalid arguments', () => {
    expect(() => studentTQuantile(1, 5)).toThrow(/p must be in/);
    expect(() => studentTQuantile(0.5, 0)).toThrow(/degrees of freedom/);
    expect(() => incompleteBeta(1.2, 1, 1)).toThrow(/x must be/);
  });
});
