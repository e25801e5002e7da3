import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readClientEntry } from '../html/client-manifest.js';

// Builds the real bundle once into a temporary folder (about two seconds).
let outDir: string;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'polyvalence-client-'));
  await build({
    configFile: new URL('./vite.config.ts', import.meta.url).pathname,
    logLevel: 'silent',
    build: { outDir, sourcemap: false },
  });
});

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
});

describe('respondent bundle', () => {
  it('has a manifest entry the server can read, with its stylesheet', () => {
    const entry = readClientEntry(outDir);
    expect(entry.script).toMatch(/^\/assets\/main-[\w-]+\.js$/);
    expect([...entry.styles, ...entry.preloadStyles].length).toBeGreaterThan(0);
    for (const url of [entry.script, ...entry.styles, ...entry.preloads, ...entry.preloadStyles]) {
      expect(readFileSync(join(outDir, url)).length, url).toBeGreaterThan(0);
    }
  });

  it('loads nothing from another site (no CDN, no web fonts)', () => {
    for (const name of readdirSync(join(outDir, 'assets'))) {
      const text = readFileSync(join(outDir, 'assets', name), 'utf8');
      expect(text, name).not.toMatch(/fonts\.googleapis|fonts\.gstatic|unpkg\.com|jsdelivr|cdnjs/);
      if (name.endsWith('.css')) {
        // Every url() in the CSS is inline data or relative to our own origin.
        const urls = [...text.matchAll(/url\(\s*["']?([^"')]+)/g)].map((m) => m[1]);
        expect(urls.filter((u) => /^(https?:)?\/\//.test(u)), name).toEqual([]);
      }
    }
  });

  it('keeps survey-core out of the entry, whose stylesheet then does not block the first paint', () => {
    const entry = readClientEntry(outDir);
    const main = readFileSync(join(outDir, entry.script), 'utf8');
    expect(main).not.toContain('SurveyModel');
    expect(entry.styles).toEqual([]);
    expect(entry.preloads.length).toBeGreaterThan(0);
    expect(entry.preloadStyles.some((u) => readFileSync(join(outDir, u), 'utf8').includes('.sd-question'))).toBe(true);
  });

  it('compiles JSX with the automatic runtime on preact/compat, not React DOM, and carries French UI texts', () => {
    const entry = readClientEntry(outDir);
    const js = [entry.script, ...entry.preloads].map((u) => readFileSync(join(outDir, u), 'utf8')).join('\n');
    // preact/compat marks its elements `$$typeof: Symbol.for('react.element')`; React 19's
    // elements are `react.transitional.element`, and React DOM throws "Minified React error".
    expect(js).toContain('react.element');
    expect(js).not.toContain('react.transitional.element');
    expect(js).not.toContain('Minified React error');
    expect(js).toContain('Envoi en cours');
    expect(js).toContain('Effacer mes réponses de ce navigateur');
    expect(js).toContain('survey-app');
  });
});
