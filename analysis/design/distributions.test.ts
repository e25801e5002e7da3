import { describe, expect, it } from 'vitest';
import {
  betaQuantile, chisqCdf, chisqQuantile, fCdf, fQuantile, fUpperTail, normalCdf, normalQuantile, tCdf, tQuantile, tTwoSidedP,
} from './distributions.js';

// Reference values printed by R 4.x (options(digits=17)): qt, pt, pf, qf, qchisq, pchisq, qbeta, pnorm, qnorm.
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('distributions (against R)', () => {
  it('t quantiles and two-sided p-values', () => {
    expect(rel(tQuantile(0.975, 1), 12.706204736174694)).toBeLessThan(1e-12);
    expect(rel(tQuantile(0.975, 5), 2.5705818356363137)).toBeLessThan(1e-12);
    expect(rel(tQuantile(0.975, 30), 2.0422724563012378)).toBeLessThan(1e-12);
    expect(rel(tQuantile(0.975, 1104), 1.9621150986157234)).toBeLessThan(1e-12);
    expect(rel(tQuantile(0.975, Infinity), 1.9599639845400536)).toBeLessThan(1e-14);
    expect(rel(tTwoSidedP(10.7252463343835, 888), 2.5466707891962329e-25)).toBeLessThan(1e-9);
    expect(tCdf(0, 7)).toBeCloseTo(0.5, 15);
  });
  it('F, chi-square, beta and normal', () => {
    expect(rel(fUpperTail(11.8457222110461, 1.98743919643766, 2138.48457536692), 8.0763248074321155e-6)).toBeLessThan(1e-9);
    expect(rel(fQuantile(0.99, 1, 1072), 6.6585845774288011)).toBeLessThan(1e-10);
    expect(rel(fCdf(2.5, 3, 20), 0.91115624806231077)).toBeLessThan(1e-12);
    expect(fUpperTail(0, 2, 3)).toBe(1);
    expect(rel(chisqQuantile(0.95, 3), 7.8147279032511792)).toBeLessThan(1e-12);
    expect(rel(chisqCdf(7.81, 3), 0.94989394364999402)).toBeLessThan(1e-12);
    expect(rel(betaQuantile(0.025, 2.5, 3.5), 0.094390327344344077)).toBeLessThan(1e-12);
    expect(rel(normalCdf(1.5), 0.93319279873114191)).toBeLessThan(1e-14);
    expect(rel(normalQuantile(0.975), 1.9599639845400536)).toBeLessThan(1e-14);
  });
  it('rejects impossible parameters with a clear RangeError', () => {
    expect(() => tQuantile(0.975, 0)).toThrow(/degrees of freedom must be a positive number, got 0/);
    expect(() => tQuantile(1.5, 3)).toThrow(/probability must be in \[0, 1\]/);
    expect(() => fCdf(1, NaN, 3)).toThrow(RangeError);
    expect(() => betaQuantile(0.5, 0, 1)).toThrow(/first shape/);
  });
});
