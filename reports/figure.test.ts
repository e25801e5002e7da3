import { describe, expect, it } from 'vitest';
import type { IndicatorDefinition } from '../analysis/definitions.js';
import type { IndicatorRow } from '../analysis/indicators.js';
import { figureTableHtml, indicatorTable } from './figure.js';

const share: IndicatorDefinition = { id: 's', proposition: 'P1', supports: 'higher', title: { fr: 'S', en: 'S' }, description: { fr: '', en: '' }, measure: 'share', variable: 'v' };
const row = (group: string, n: number, estimate: number | null, extra: Partial<IndicatorRow> = {}): IndicatorRow => ({
  indicatorId: 's', group, groupLabel: { fr: `G ${group}`, en: `G ${group} en` }, n, estimate, ciLow: estimate === null ? null : estimate - 0.1, ciHigh: estimate === null ? null : estimate + 0.1, suppressed: false, ...extra,
});
const rows = [
  row('a', 40, 0.4256),
  row('b', 3, null, { suppressed: true, suppression: 'small' }),
  row('c', 6, null, { suppressed: true, suppression: 'complementary' }),
  row('d', 0, null, { suppressed: true, suppression: 'small' }),
];

describe('indicatorTable', () => {
  it('writes values in percent with one decimal and suppressed cells as their note only', () => {
    const t = indicatorTable(share, rows, { groupTitle: 'Groupe', threshold: 5, locale: 'fr' });
    expect(t.columns.map((c) => c.key)).toEqual(['group', 'n', 'estimate', 'ci_low', 'ci_high']);
    expect(t.rows).toEqual([
      { group: 'G a', n: 40, estimate: 42.6, ci_low: 32.6, ci_high: 52.6 },
      { group: 'G b', n: 'moins de 5', estimate: 'effectif insuffisant', ci_low: 'effectif insuffisant', ci_high: 'effectif insuffisant' },
      { group: 'G c', n: 'masqué', estimate: 'masqué (secret statistique)', ci_low: 'masqué (secret statistique)', ci_high: 'masqué (secret statistique)' },
      { group: 'G d', n: 'moins de 5', estimate: 'effectif insuffisant', ci_low: 'effectif insuffisant', ci_high: 'effectif insuffisant' },
    ]);
  });

  it('writes a share hidden for a small yes or no count as hidden, not as a small group', () => {
    const t = indicatorTable(share, [row('e', 80, null, { suppressed: true, suppression: 'cell' })], { groupTitle: 'Groupe', threshold: 5, locale: 'fr' });
    expect(t.rows).toEqual([{ group: 'G e', n: 'masqué', estimate: 'masqué (secret statistique)', ci_low: 'masqué (secret statistique)', ci_high: 'masqué (secret statistique)' }]);
  });

  it('adds codes, writes a group without respondents as 0 when asked, and speaks English', () => {
    const t = indicatorTable(share, rows, { groupTitle: 'Group', threshold: 5, locale: 'en', withCode: true, zeroAsNoData: true });
    expect(t.columns.map((c) => c.label)).toEqual(['Code', 'Group', 'n', 'Share (%)', '95% CI: lower bound', '95% CI: upper bound']);
    expect(t.rows[1]).toMatchObject({ code: 'b', n: 'fewer than 5', estimate: 'too few respondents' });
    expect(t.rows[3]).toEqual({ code: 'd', group: 'G d en', n: 0, estimate: null, ci_low: null, ci_high: null });
  });
});

describe('figureTableHtml', () => {
  it('writes numbers in the report language, notes in italics, and escapes text', () => {
    const t = indicatorTable(share, rows, { groupTitle: 'Groupe <1>', threshold: 5, locale: 'fr' });
    const html = figureTableHtml(t, 'Valeurs & co', 'fr');
    expect(html).toContain('<caption>Valeurs &amp; co</caption>');
    expect(html).toContain('<th scope="col">Groupe &lt;1&gt;</th>');
    expect(html).toContain('<tr><th scope="row">G a</th><td class="num">40</td><td class="num">42,6</td><td class="num">32,6</td><td class="num">52,6</td></tr>');
    expect(html).toContain('<td class="suppressed">effectif insuffisant</td>');
    const coded = figureTableHtml(indicatorTable(share, rows, { groupTitle: 'G', threshold: 5, locale: 'fr', withCode: true }), 'c', 'fr');
    expect(coded).toContain('<tr><td>a</td><th scope="row">G a</th><td class="num">40</td>');
  });
});
