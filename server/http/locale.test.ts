import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage } from './locale.js';

describe('localeFromAcceptLanguage', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['de-DE,de;q=0.9', undefined],
    ['en-US,en;q=0.9', 'en'],
    ['fr-FR,fr;q=0.9,en;q=0.8', 'fr'],
    ['de;q=1, en;q=0.5, fr;q=0.7', 'fr'],
    ['en;q=0, fr;q=0.1', 'fr'],
    ['EN-gb', 'en'],
    ['fr, en', 'fr'],
    ['en;q=abc, fr;q=0.2', 'fr'],
  ])('%j → %j', (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });
});
