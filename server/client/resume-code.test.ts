import { describe, expect, it } from 'vitest';
import { formatResumeCode, generateResumeCode, normalizeResumeCode, RESUME_CODE_ALPHABET, RESUME_CODE_LENGTH } from './resume-code.js';

describe('resume codes', () => {
  it('carry at least 50 random bits, from an alphabet without I, L, O, U', () => {
    expect(new Set(RESUME_CODE_ALPHABET).size).toBe(32);
    expect(RESUME_CODE_LENGTH * Math.log2(RESUME_CODE_ALPHABET.length)).toBeGreaterThanOrEqual(50);
    expect(RESUME_CODE_ALPHABET).not.toMatch(/[ILOU]/);
  });

  it('map each random byte to one symbol, as two groups of five', () => {
    const bytes = [0, 31, 32, 255, 10, 17, 18, 20, 26, 27];
    const code = generateResumeCode((b) => (b.set(bytes), b));
    expect(code).toBe('0Z0ZAHJMTV'.replace(/^(.{5})/, '$1-'));
    expect(normalizeResumeCode(code)).toBe('0Z0ZAHJMTV');
  });

  it('use every symbol', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) for (const s of normalizeResumeCode(generateResumeCode())!) seen.add(s);
    expect(seen.size).toBe(32);
  });

  it('read what a person types: case, spaces, hyphens, O for 0, I and L for 1', () => {
    expect(normalizeResumeCode(' 7qk2m xw4rt ')).toBe('7QK2MXW4RT');
    expect(normalizeResumeCode('OIL23-45678')).toBe('0112345678');
    expect(formatResumeCode('7QK2MXW4RT')).toBe('7QK2M-XW4RT');
  });

  it('refuse anything else', () => {
    for (const bad of [undefined, 42, '', '7QK2M', '7QK2M-XW4RTX', 'UUUUU-UUUUU', '7QK2M_XW4RT', 'é'.repeat(10), 'x'.repeat(100)]) {
      expect(normalizeResumeCode(bad), String(bad)).toBeUndefined();
    }
  });
});
