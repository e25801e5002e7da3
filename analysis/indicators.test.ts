import { describe, expect, it } from 'vitest';
import { table } from 'arquero';
import { buildCodebook } from '../survey/codebook.js';
import { checkDefinitions } from './check-definitions.js';
import { deriveVariables, filterPopulation } from './derive.js';
import { shareEstimate } from './estimate.js';
import { computeIndicators, OVERALL_GROUP } from './indicators.js';
import { answersTable } from './load.js';
import { fixtureAnswers, fixtureDefinition, fixtureDerived, fixtureIndicators, fixturePopulation } from './test-support/fixture.js';

const codebook = buildCodebook(fixtureDefinition);

async function prepared(counts: { urban: number; periurban: number; rural: number }) {
  const t = await answersTable(codebook, fixtureAnswers(counts));
  return deriveVariables(filterPopulation(t, fixturePopulation), fixtureDerived);
}

describe('computeIndicators', () => {
  it('fixture definitions match the fixture codebook', () => {
    expect(checkDefinitions(codebook, { derived: fixtureDerived, indicators: fixtureIndicators, population: fixturePopulation, by: 'territory_3' })).toEqual([]);
  });

  it('gives one row per group in codebook order plus the overall row, with labels, n and CI', async () => {
    const rows = computeIndicators(await prepared({ urban: 10, periurban: 6, rural: 8 }), fixtureIndicators, { codebook, by: 'territory_3' });
    const share = rows.filter((r) => r.indicatorId === 'reception_filtering');
    expect(share.map((r) => r.group)).toEqual(['urban', 'periurban', 'rural', OVERALL_GROUP]);
    expect(share.map((r) => r.groupLabel.fr)).toEqual(['Urbain', 'Périurbain', 'Rural', 'Ensemble']);
    // Urban: secretariat/platform in 6 of the 8 answers that are not "dk".
    const urban = share[0];
    expect(urban.n).toBe(8);
    expect(urban.estimate).toBeCloseTo(0.75, 12);
    expect({ ciLow: urban.ciLow, ciHigh: urban.ciHigh }).toEqual(
      (({ ciLow, ciHigh }) => ({ ciLow, ciHigh }))(shareEstimate([1, 1, 1, 1, 1, 1, 0, 0])),
    );
    expect(share.every((r) => !r.suppressed)).toBe(true);
    expect(share[3].n).toBe(8 + 5 + 6);
    const caseload = rows.filter((r) => r.indicatorId === 'caseload');
    // Rural: caseload 50 + 3i over FTE 1, 0.8, 0.4 repeating (i = 0..7).
    const fte = [1, 0.8, 0.4];
    const expected = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => (50 + 3 * i) / fte[i % 3]);
    expect(caseload[2].n).toBe(8);
    expect(caseload[2].estimate).toBeCloseTo(expected.reduce((a, b) => a + b) / 8, 10);
    expect(caseload[2].ciLow!).toBeLessThan(caseload[2].estimate!);
  });

  it('suppresses groups under the threshold, and the smallest other group when the overall would reveal them', async () => {
    const rows = computeIndicators(await prepared({ urban: 10, periurban: 3, rural: 8 }), fixtureIndicators, { codebook, by: 'territory_3', threshold: 5 });
    const share = Object.fromEntries(rows.filter((r) => r.indicatorId === 'reception_filtering').map((r) => [r.group, r]));
    expect(share.periurban).toMatchObject({ n: 3, suppressed: true, suppression: 'small', estimate: null, ciLow: null, ciHigh: null });
    // Overall (17) minus urban (8) would give periurban alone: rural (6) is hidden as well.
    expect(share.rural).toMatchObject({ n: 6, suppressed: true, suppression: 'complementary', estimate: null });
    expect(share.urban).toMatchObject({ n: 8, suppressed: false });
    expect(share.urban.estimate).toBeCloseTo(0.75, 12);
    expect(share[OVERALL_GROUP]).toMatchObject({ n: 17, suppressed: false });
  });

  it('does not count respondents without a group as protecting a small group (their number is published)', async () => {
    // 10 eligible respondents without territory_3: the report states their number, so
    // overall − urban − rural − 10 would give periurban's n unless rural is hidden too.
    const noGroup = fixtureAnswers({ urban: 10, periurban: 0, rural: 0 }).filter((a) => a.data.eligible === 'yes').map(({ data: { territory_3: _, ...data } }) => ({ data }));
    const t = await answersTable(codebook, [...fixtureAnswers({ urban: 10, periurban: 3, rural: 8 }), ...noGroup]);
    const rows = computeIndicators(deriveVariables(filterPopulation(t, fixturePopulation), fixtureDerived), fixtureIndicators, { codebook, by: 'territory_3' });
    const share = Object.fromEntries(rows.filter((r) => r.indicatorId === 'reception_filtering').map((r) => [r.group, r]));
    expect(share.periurban).toMatchObject({ suppressed: true, suppression: 'small' });
    expect(share.rural).toMatchObject({ suppressed: true, suppression: 'complementary' });
    expect(share[OVERALL_GROUP]).toMatchObject({ suppressed: false, n: 8 + 3 + 6 + 8 });
  });

  it('hides, in every indicator, the groups that a table of a quasi-identifying grouping column hides', async () => {
    // territory_3 tagged as a quasi-identifier: its own table (10, 3, 8) hides periurban and rural.
    const qiCodebook = buildCodebook({ ...fixtureDefinition, json: { ...fixtureDefinition.json, calculatedValues: fixtureDefinition.json.calculatedValues!.map((c) => ({ ...c, qi: 'medium' })) } });
    expect(qiCodebook.columns.find((c) => c.name === 'territory_3')?.qi).toBe('medium');
    // Half the urban respondents give no caseload: hiding "the smallest other group" for
    // that indicator alone would hide urban (5) and publish rural's n, the size hidden elsewhere.
    let urban = 0;
    const answers = fixtureAnswers({ urban: 10, periurban: 3, rural: 8 }).map((a) => (a.data.territory_3 === 'urban' && urban++ % 2 ? { data: { ...a.data, caseload_active: undefined } } : a));
    const t = deriveVariables(filterPopulation(await answersTable(qiCodebook, answers), fixturePopulation), fixtureDerived);
    const rows = computeIndicators(t, fixtureIndicators, { codebook: qiCodebook, by: 'territory_3' });
    for (const r of rows.filter((x) => x.group === 'periurban' || x.group === 'rural')) expect(r, `${r.indicatorId} ${r.group}`).toMatchObject({ suppressed: true, estimate: null });
    expect(rows.find((r) => r.indicatorId === 'caseload' && r.group === 'urban')).toMatchObject({ n: 5, suppressed: false });
  });

  it('suppresses the overall row too when it is small', async () => {
    const rows = computeIndicators(await prepared({ urban: 2, periurban: 1, rural: 1 }), fixtureIndicators, { codebook, by: 'territory_3' });
    expect(rows.every((r) => r.suppressed && r.estimate === null)).toBe(true);
  });

  it('uses the estimators it is given (a weighted version can replace the default)', async () => {
    const calls: number[] = [];
    const fake = (vs: (number | null)[]) => {
      calls.push(vs.length);
      return { n: vs.filter((v) => v !== null).length, estimate: 0.5, ciLow: 0.4, ciHigh: 0.6 };
    };
    const rows = computeIndicators(await prepared({ urban: 6, periurban: 6, rural: 6 }), fixtureIndicators, { codebook, by: 'territory_3', estimators: { share: fake, mean: fake } });
    expect(calls.length).toBe(fixtureIndicators.length * 4);
    expect(rows.every((r) => r.estimate === 0.5)).toBe(true);
  });

  it('fails clearly on a group value that is not a choice, or a missing variable', () => {
    const t = table({ territory_3: ['urban', 'suburb'], x: [1, 0] });
    const ind = [{ ...fixtureIndicators[0], variable: 'x' }];
    expect(() => computeIndicators(t, ind, { codebook, by: 'territory_3' })).toThrow(/row 2 has territory_3 = "suburb"/);
    expect(() => computeIndicators(table({ territory_3: ['urban'] }), ind, { codebook, by: 'territory_3' })).toThrow(/no column "x"/);
    expect(() => computeIndicators(table({ territory_3: ['urban'], x: [2] }), ind, { codebook, by: 'territory_3' })).toThrow(/indicator "reception_filtering" \(x\): .*0, 1 or null/);
    expect(() => computeIndicators(t, ind, { codebook, by: 'fte_num' })).toThrow(/has no choices/);
  });
});
