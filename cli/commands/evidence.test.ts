import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { polyvalencePlan } from '../../survey/polyvalence/indicators.js';
import { syntheticMarginsCsv } from '../../survey/polyvalence/synthetic-profiles.js';
import { main } from '../main.js';

let dir: string;
let db: string;
let margins: string;
let out: string[];
let err: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'evidence-'));
  db = join(dir, 's.sqlite');
  margins = join(dir, 'marges.csv');
  writeFileSync(margins, syntheticMarginsCsv());
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  expect(await main(['seed', '--db', db, '--n', '800', '--seed', '3'])).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});

describe('polyvalence evidence', () => {
  it('prints every indicator weighted to the margins, with its interval, the unweighted figure and the urban − rural test', async () => {
    expect(await main(['evidence', '--db', db, '--margins', margins])).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/^Pondération : post-stratification/);
    for (const ind of polyvalencePlan.indicators) expect(text).toContain(ind.title.fr);
    expect(text).toMatch(/\+\d+ pts \(p [<=] 0,\d+, (non )?significatif/);
    expect(text).toMatch(/au moins 10 répondant·es/);
  });

  it('says it is unweighted, and why, without margins; in English with --lang en', async () => {
    expect(await main(['evidence', '--db', db, '--lang', 'en'])).toBe(0);
    expect(out.join('\n')).toMatch(/^Unweighted \(no population margins were provided\)/);
  });

  it('gives every estimate in JSON, by territory, département and profession', async () => {
    expect(await main(['evidence', '--db', db, '--margins', margins, '--json'])).toBe(0);
    const e = JSON.parse(out.join('\n'));
    expect(e.weighting.applied).toBe(true);
    expect(e.weighting.design).toBeUndefined();
    expect(e.thresholds).toEqual({ minGroup: 10, minCell: 5 });
    expect(e.indicators.map((x: { indicator: string }) => x.indicator)).toEqual(polyvalencePlan.indicators.map((i) => i.id));
    const first = e.indicators[0];
    expect(first.byTerritory.map((g: { group: string }) => g.group)).toEqual(['urban', 'periurban', 'rural']);
    expect(first.byDepartement.length).toBeGreaterThan(90);
    expect(first.territoryTest.groups).toEqual(['rural', 'urban']);
    for (const g of first.byDepartement) if (!g.suppressed && g.n) expect(g.n).toBeGreaterThanOrEqual(10);
  });

  it('refuses bad input with a clear message and a non-zero exit', async () => {
    writeFileSync(join(dir, 'bad.csv'), 'dept_code,population\n99X,10\n');
    expect(await main(['evidence', '--db', db, '--margins', join(dir, 'bad.csv')])).toBe(1);
    expect(err.at(-1)).toMatch(/margins: ligne 2: code « 99X » inconnu/);
    expect(await main(['evidence', '--db', db, '--margins', join(dir, 'none.csv')])).toBe(1);
    expect(err.at(-1)).toMatch(/cannot read .*none\.csv: no such file/);
    expect(await main(['evidence', '--data', margins, '--db', db])).toBe(2);
    expect(await main(['evidence', '--db', db, '--lang', 'de'])).toBe(2);
    expect(await main(['evidence', '--db', join(dir, 'missing.sqlite')])).toBe(1);
  });
});
