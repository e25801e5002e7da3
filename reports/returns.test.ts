import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeReturns } from '../analysis/returns.js';
import { buildCodebook } from '../survey/codebook.js';
import type { FlatAnswer, QuestionnaireDefinition } from '../survey/types.js';
import { returnsTableHtml } from './returns.js';

const def: QuestionnaireDefinition = JSON.parse(readFileSync(new URL('../test/fixtures/qvt-questionnaire.json', import.meta.url), 'utf8'));
const codebook = buildCodebook(def);
const many = (n: number, dept: string | null): FlatAnswer[] => Array.from({ length: n }, () => ({ dept_code: dept }));

describe('returnsTableHtml', () => {
  const result = computeReturns({
    codebook,
    answers: [...many(12, '01D'), ...many(6, '02D'), ...many(2, 'region_only'), ...many(1, null)],
    margins: new Map([['01D', 1200], ['02D', 50], ['03D', 20]]),
  });

  it('shows counts and rates in French, and why a row is hidden instead of its counts', () => {
    const html = returnsTableHtml(result, { groupTitle: codebook.columns[0].title });
    expect(html).toContain('<th scope="col">Dans quel département exercez-vous ?</th>');
    expect(html).toContain('<tr><th scope="row">Ain</th><td class="num">1\u202f200</td><td class="num">12</td><td class="num">12</td><td class="num">1\u00a0%</td><td class="num">100\u00a0%</td></tr>');
    expect(html).toContain('<tr><th scope="row">Aisne</th><td class="num">50</td><td class="suppressed" colspan="4">masqué (secret statistique)</td></tr>');
    expect(html).toContain('<td class="suppressed" colspan="4">effectif insuffisant (moins de 5)</td>');
    expect(html).toContain('<tr><th scope="row">Allier</th><td class="num">20</td><td class="num">0</td><td class="num">0</td><td class="num">0\u00a0%</td><td class="num">—</td></tr>');
    expect(html).toContain('<th scope="row"><strong>Ensemble</strong></th><td class="num">1\u202f270</td><td class="num">21</td>');
    expect(html).toContain('groupe de 1 à 4 réponses');
    // Hidden counts never reach the page.
    expect(html).not.toMatch(/<td class="num">6<\/td>|<td class="num">2<\/td>/);
  });

  it('can leave out the completion columns, and speaks English', () => {
    const html = returnsTableHtml(result, { locale: 'en', completion: false });
    expect(html).toContain('<thead><tr><th scope="col">Group</th><th scope="col">Population</th><th scope="col">Answers stored</th><th scope="col">Response rate</th></tr></thead>');
    expect(html).toContain('<td class="suppressed" colspan="2">too few respondents (fewer than 5)</td>');
  });

  it('escapes labels', () => {
    const r = { ...result, rows: result.rows.map((x) => ({ ...x, label: { fr: '<b>x</b>', en: '<b>x</b>' } })) };
    expect(returnsTableHtml(r)).not.toContain('<b>');
  });
});
