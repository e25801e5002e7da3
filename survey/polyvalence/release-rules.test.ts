import { describe, expect, it } from 'vitest';
import { buildCodebook } from '../codebook.js';
import { polyvalenceDerived } from './derived.js';
import { polyvalence } from './index.js';
import { polyvalenceReleaseRules as rules } from './release-rules.js';

const codebook = buildCodebook(polyvalence);

describe('polyvalence release rules', () => {
  it('give every quasi-identifier of the questionnaire exactly one rule', () => {
    const qiQuestions = [...new Set(codebook.columns.filter((c) => c.qi && !c.freeText).map((c) => c.question))].sort();
    const ruled = [...rules.keys.map((k) => k.column), ...rules.mergeRare.map((m) => m.column), ...rules.asIs, ...rules.dropped.map((d) => d.question)];
    expect([...ruled].sort()).toEqual(qiQuestions);
    expect(new Set(ruled).size).toBe(ruled.length);
  });

  it('keep the blueprint’s key set {collectivity or region, profession, seniority, territory_3, team_size_band}', () => {
    const keys = rules.keys.map((k) => k.column);
    for (const c of ['dept_code', 'region_code', 'profession', 'seniority_polyvalence', 'territory_3', 'team_size_band']) expect(keys).toContain(c);
  });

  it('map every value of each key column through every level of its ladder', () => {
    for (const key of rules.keys) {
      const col = codebook.columns.find((c) => c.name === key.column);
      expect(col?.choices?.length, key.column).toBeGreaterThan(0);
      let values = col!.choices!.map((c) => String(c.value));
      for (const level of key.ladder) {
        if ('map' in level) {
          for (const v of values) expect(level.map[v], `${key.column} ${level.id} ${v}`).toBeDefined();
          // A map that names a value the column cannot hold is a typo.
          expect(Object.keys(level.map).filter((v) => !values.includes(v)), `${key.column} ${level.id}`).toEqual([]);
          values = [...new Set(values.map((v) => level.map[v]!))];
          expect(values.length, `${key.column} ${level.id} coarsens`).toBeLessThan(col!.choices!.length);
        } else {
          expect(values, `${key.column} ${level.id}: merges into one of its values`).toContain(level.rareInto);
        }
      }
    }
  });

  it('merge rare categories into a choice of their column', () => {
    for (const m of rules.mergeRare) {
      expect(codebook.columns.find((c) => c.name === m.column)?.choices?.map((c) => c.value), m.column).toContain(m.into);
    }
  });

  it('release derived replacements that exist', () => {
    const known = new Set([...codebook.columns.map((c) => c.name), ...polyvalenceDerived.map((d) => d.name)]);
    for (const d of rules.dropped) if (d.replacedBy) expect(known.has(d.replacedBy), d.replacedBy).toBe(true);
  });
});
