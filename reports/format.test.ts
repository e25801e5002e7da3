import { describe, expect, it } from 'vitest';
import { escapeHtml, formatCount, formatDay, formatEstimate, vegaNumberLocale } from './format.js';

/** Any space Intl may use around French numbers (no-break or narrow no-break, by ICU version). */
const NBSP = /[\u00a0\u202f]/g;

describe('format', () => {
  it('writes shares as whole percentages and means with one decimal, per language', () => {
    expect(formatEstimate(0.4249, 'share', 'fr').replace(NBSP, ' ')).toBe('42 %');
    expect(formatEstimate(0.4251, 'share', 'en')).toBe('43%');
    expect(formatEstimate(3.25, 'mean', 'fr')).toBe('3,3');
    expect(formatEstimate(1234.56, 'mean', 'en')).toBe('1,234.6');
    expect(formatCount(12345, 'fr').replace(NBSP, ' ')).toBe('12 345');
  });

  it('gives charts the same number conventions as the text', () => {
    const fr = vegaNumberLocale('fr');
    expect(fr.decimal).toBe(',');
    expect(`42${fr.percent}`).toBe(formatEstimate(0.42, 'share', 'fr'));
    expect(`1${fr.thousands}234`).toBe(formatCount(1234, 'fr'));
    expect(vegaNumberLocale('en')).toMatchObject({ decimal: '.', thousands: ',', percent: '%' });
  });

  it('writes days out, with the French ordinal for the first of the month', () => {
    expect(formatDay('2026-11-01', 'fr')).toBe('1er novembre 2026');
    expect(formatDay('2026-11-23', 'fr')).toBe('23 novembre 2026');
    expect(formatDay('2026-11-01', 'en')).toBe('1 November 2026');
    expect(() => formatDay('2026-13-01', 'fr')).toThrow(/Not an ISO day/);
    expect(() => formatDay('2026-11-23T10:00', 'fr')).toThrow(/Not an ISO day/);
  });

  it('escapes HTML special characters', () => {
    expect(escapeHtml(`<a href="x">l'un & l'autre</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;l&#39;un &amp; l&#39;autre&lt;/a&gt;');
  });
});
