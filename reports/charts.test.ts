import { describe, expect, it } from 'vitest';
import type { IndicatorRow } from '../analysis/indicators.js';
import { fixtureIndicators } from '../analysis/test-support/fixture.js';
import { indicatorChartSpec } from './charts.js';
import { formatEstimate } from './format.js';
import { renderSvg } from './render.js';

const share = fixtureIndicators[0];
const mean = fixtureIndicators[1];

function row(group: string, fr: string, n: number, estimate: number | null, suppression?: 'small' | 'complementary'): IndicatorRow {
  return {
    indicatorId: share.id, group, groupLabel: { fr, en: fr.toUpperCase() }, n, estimate,
    ciLow: estimate === null ? null : estimate - 0.1, ciHigh: estimate === null ? null : estimate + 0.1,
    suppressed: suppression !== undefined, ...(suppression ? { suppression } : {}),
  };
}

const rows = [row('urban', 'Urbain', 40, 0.42), row('periurban', 'Périurbain', 3, null, 'small'), row('rural', 'Rural', 12, null, 'complementary'), row('ensemble', 'Ensemble', 55, 0.4)];

describe('indicatorChartSpec', () => {
  it('uses a percent axis from 0 to 100 % for shares, titled from the definition, in French', async () => {
    const spec = indicatorChartSpec(share, rows) as unknown as { title: { text: string }; layer: { mark: { type: string }; encoding: { x: { scale?: { domain: number[] }; axis?: { format: string } } } }[] };
    expect(spec.title.text).toBe(share.title.fr);
    expect(spec.layer[0].mark.type).toBe('bar');
    expect(spec.layer[0].encoding.x.scale?.domain).toEqual([0, 1]);
    expect(spec.layer[0].encoding.x.axis?.format).toBe('.0%');
    const svg = await renderSvg(indicatorChartSpec(share, rows));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain(`>${formatEstimate(0.42, 'share', 'fr')}<`);
    expect(svg).toContain(`>${formatEstimate(1, 'share', 'fr')}<`);
    expect(svg).toContain('effectif insuffisant');
    expect(svg).toContain('masqué (secret statistique)');
    expect(svg).toContain(`>${share.title.fr}<`);
  });

  it('draws means as points on the indicator scale, in English when asked', async () => {
    const meanRows = rows.map((r) => ({ ...r, indicatorId: mean.id, estimate: r.estimate === null ? null : 3.25, ciLow: r.ciLow === null ? null : 3, ciHigh: r.ciHigh === null ? null : 3.5 }));
    const spec = indicatorChartSpec(mean, meanRows, 'en') as unknown as { title: { text: string }; layer: { mark: { type: string }; encoding: { x: { scale?: { domain: number[] } } } }[] };
    expect(spec.title.text).toBe(mean.title.en);
    expect(spec.layer[0].mark.type).toBe('point');
    expect(spec.layer[0].encoding.x.scale?.domain).toEqual([1, 5]);
    const svg = await renderSvg(indicatorChartSpec(mean, meanRows, 'en'));
    expect(svg).toContain('>3.3<'); // 3.25 with one decimal, English separator
    expect(svg).toContain('too few respondents');
    expect(svg).toContain('>URBAIN<');
  });

  it('refuses an indicator without rows', () => {
    expect(() => indicatorChartSpec(mean, rows)).toThrow(/no result rows for indicator "ip_trust"/);
  });
});

describe('renderSvg', () => {
  it('refuses specs that would load data from a URL', async () => {
    await expect(renderSvg({ data: { url: 'http://example.org/data.csv' }, mark: 'point' })).rejects.toThrow(/must embed their data/);
  });

  it('prefixes ids so that inlined charts cannot collide', async () => {
    const svg = await renderSvg({ data: { values: [{ a: 1 }] }, mark: { type: 'point', clip: true }, encoding: { x: { field: 'a', type: 'quantitative' } } }, { idPrefix: 'c-one' });
    const ids = [...svg.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => id.startsWith('c-one-'))).toBe(true);
    for (const ref of svg.matchAll(/url\(#([^)]+)\)/g)) expect(ids).toContain(ref[1]);
  });
});
