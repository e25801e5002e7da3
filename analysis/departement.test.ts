import { describe, expect, it } from 'vitest';
import { buildCodebook } from '../survey/codebook.js';
import { polyvalence } from '../survey/polyvalence/index.js';
import { polyvalencePlan } from '../survey/polyvalence/indicators.js';
import { generateAnswers } from '../survey/polyvalence/synthetic.js';
import { syntheticMarginsCsv } from '../survey/polyvalence/synthetic-profiles.js';
import { compareDepartement, UnknownDepartementError } from './departement.js';
import { deriveVariables, filterPopulation } from './derive.js';
import { svyMean } from './design/index.js';
import { computeEvidence } from './evidence.js';
import { answersTable } from './load.js';
import { parseMarginsCsv } from './returns.js';

const codebook = buildCodebook(polyvalence);
const margins = parseMarginsCsv(syntheticMarginsCsv());

describe('compareDepartement', async () => {
  const t = deriveVariables(filterPopulation(await answersTable(codebook, generateAnswers({ n: 3000, seed: 20261201 })), polyvalencePlan.population), polyvalencePlan.derived);
  const weighted = computeEvidence(t, polyvalencePlan, { codebook, margins });
  const plain = computeEvidence(t, polyvalencePlan, { codebook });
  const depts = t.array('dept_code') as ArrayLike<string | null>;
  const sizes = new Map<string, number>();
  for (let i = 0; i < depts.length; i++) if (depts[i] !== null) sizes.set(depts[i]!, (sizes.get(depts[i]!) ?? 0) + 1);
  const bySize = [...sizes.entries()].filter(([d]) => d !== 'region_only').sort((a, b) => b[1] - a[1]);
  const large = bySize[0][0];
  const small = bySize.find(([, n]) => n > 0 && n < weighted.thresholds.minGroup)![0];

  it('gives the département the national report\'s own figures, and France the overall ones', () => {
    const c = compareDepartement(t, polyvalencePlan, weighted, { codebook, code: large });
    expect(c.published).toBe(true);
    expect(c.respondents).toBe(sizes.get(large));
    expect(c.label.fr).toBe(codebook.columns.find((x) => x.name === 'dept_code')!.choices!.find((x) => x.value === large)!.label.fr);
    for (const [k, d] of c.indicators.entries()) {
      expect(d.departement).toEqual(weighted.indicators[k].byDepartement.find((g) => g.group === large));
      expect(d.national).toBe(weighted.indicators[k].overall);
    }
  });

  it('classifies a département by the majority territory of its respondents and groups the published départements of that type', () => {
    // Unweighted, the weighted majority is the majority of respondents: count it here independently.
    const c = compareDepartement(t, polyvalencePlan, plain, { codebook, code: large });
    const territory = t.array('territory_3') as ArrayLike<string | null>;
    const majority = (code: string) => {
      const n = new Map<string, number>();
      for (let i = 0; i < depts.length; i++) if (depts[i] === code && territory[i] !== null) n.set(territory[i]!, (n.get(territory[i]!) ?? 0) + 1);
      const order = ['urban', 'periurban', 'rural'].filter((g) => n.has(g));
      return order.reduce((a, b) => (n.get(b)! > n.get(a)! ? b : a), order[0]);
    };
    expect(['urban', 'periurban', 'rural']).toContain(c.territoryType!.group);
    expect(c.territoryType!.group).toBe(majority(large));
    const published = [...sizes.entries()].filter(([d, n]) => n >= plain.thresholds.minGroup && d !== 'region_only').map(([d]) => d);
    expect(c.sameTypeDepartements.map((d) => d.code).sort()).toEqual(published.filter((d) => majority(d) === c.territoryType!.group).sort());
    expect(c.sameTypeDepartements.map((d) => d.code)).toContain(large);
    expect(c.sameTypeDepartements.map((d) => d.code)).not.toContain('region_only');

    // The same-type group is the domain of those départements' respondents.
    const inType = new Set(c.sameTypeDepartements.map((d) => d.code));
    const e = c.indicators.find((x) => x.indicator.id === 'caseload_per_fte_mean')!;
    const y = Array.from(t.array('caseload_per_fte') as ArrayLike<number | null>, (v) => (typeof v === 'number' ? v : null));
    const domain = Array.from(depts, (d) => d !== null && inType.has(d));
    expect(e.sameType!.estimate).toBeCloseTo(svyMean(plain.weighting.design, y, { domain }).estimate, 10);
  });

  it('tests the département against the rest of France and against the other départements of its type', () => {
    const c = compareDepartement(t, polyvalencePlan, plain, { codebook, code: large });
    const e = c.indicators.find((x) => x.indicator.id === 'caseload_per_fte_mean')!;
    const y = Array.from(t.array('caseload_per_fte') as ArrayLike<number | null>, (v) => (typeof v === 'number' ? v : null));
    const mean = (keep: (d: string | null) => boolean) => svyMean(plain.weighting.design, y, { domain: Array.from(depts, keep) }).estimate;
    expect(e.vsRest!.difference).toBeCloseTo(mean((d) => d === large) - mean((d) => d !== large), 10);
    const others = new Set(c.sameTypeDepartements.map((d) => d.code).filter((d) => d !== large));
    expect(e.vsSameType!.difference).toBeCloseTo(mean((d) => d === large) - mean((d) => d !== null && others.has(d)), 10);
    expect(e.vsRest!.significant).toBe(e.vsRest!.pValue < 0.05);
  });

  it('tells nothing of a département with too few respondents: no figure, no type, no test', () => {
    const c = compareDepartement(t, polyvalencePlan, weighted, { codebook, code: small });
    expect(c).toMatchObject({ published: false, respondents: null, territoryType: null, sameTypeDepartements: [] });
    for (const d of c.indicators) {
      expect(d.departement).toMatchObject({ suppressed: true, n: null, estimate: null });
      expect(d.sameType).toBeNull();
      expect(d.vsRest).toBeNull();
      expect(d.vsSameType).toBeNull();
      expect(d.national.estimate).not.toBeNull();
    }
  });

  it('gives every département of a type the same comparison group, so that two fiches cannot be subtracted', () => {
    const a = compareDepartement(t, polyvalencePlan, weighted, { codebook, code: large });
    const other = a.sameTypeDepartements.find((d) => d.code !== large)!.code;
    const b = compareDepartement(t, polyvalencePlan, weighted, { codebook, code: other });
    expect(b.sameTypeDepartements).toEqual(a.sameTypeDepartements);
    expect(b.indicators.map((d) => d.sameType)).toEqual(a.indicators.map((d) => d.sameType));
  });

  it('hides a type group when the few respondents left unclassified could be worked out from it', async () => {
    const { minGroup, minCell } = plain.thresholds;
    const tiny = bySize.find(([, n]) => n >= 1 && n < minCell)![0];
    // Only published départements and one tiny one: national − the type groups would give the tiny one's figures.
    const keep = new Set([...bySize.filter(([, n]) => n >= minGroup).map(([d]) => d), tiny]);
    const { escape } = await import('arquero');
    // The tiny one's respondents gave their region only: they are in no published département, hence in no type.
    const kept = t
      .filter(escape((d: { dept_code: string | null }) => d.dept_code !== null && keep.has(d.dept_code)))
      .derive({ dept_code: escape((d: { dept_code: string }) => (d.dept_code === tiny ? null : d.dept_code)) })
      .reify();
    const evidence = computeEvidence(kept, polyvalencePlan, { codebook });
    const groups = new Map<string, ReturnType<typeof compareDepartement>>();
    for (const [d, n] of bySize) if (n >= minGroup) {
      const c = compareDepartement(kept, polyvalencePlan, evidence, { codebook, code: d });
      groups.set(c.territoryType!.group, c);
    }
    const ind = 'caseload_per_fte_mean';
    const tinyAnswered = (kept.array('caseload_per_fte') as ArrayLike<number | null>);
    const keptDepts = kept.array('dept_code') as ArrayLike<string | null>;
    let n = 0;
    for (let i = 0; i < keptDepts.length; i++) if (keptDepts[i] === null && typeof tinyAnswered[i] === 'number') n++;
    expect(n).toBeGreaterThan(0);
    const sameType = [...groups.values()].map((c) => c.indicators.find((x) => x.indicator.id === ind)!.sameType!);
    // One type group is hidden for the tiny one's sake; without it, none would be.
    const hidden = sameType.filter((g) => g.suppressed);
    expect(hidden.map((g) => g.suppression)).toEqual(['complementary']);
    expect(sameType.length).toBeGreaterThan(1);
  });

  it('rejects a code that is not one of the questionnaire\'s collectivities', () => {
    expect(() => compareDepartement(t, polyvalencePlan, weighted, { codebook, code: '00' })).toThrow(UnknownDepartementError);
    expect(() => compareDepartement(t, polyvalencePlan, weighted, { codebook, code: '00' })).toThrow(/unknown département "00"/);
    // "Region only" is a choice of the column, not a collectivity.
    expect(() => compareDepartement(t, polyvalencePlan, weighted, { codebook, code: 'region_only' })).toThrow(UnknownDepartementError);
  });
});
