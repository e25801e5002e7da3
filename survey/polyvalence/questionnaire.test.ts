import { Model } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { buildCodebook, column } from '../codebook.js';
import { registerCustomProperties } from '../properties.js';
import type { SurveyElementJson } from '../types.js';
import { COLLECTIVITIES, REGIONS, regionOf } from './collectivities.js';
import { polyvalence } from './index.js';
import { ELIGIBLE } from './questionnaire.js';

const pages = polyvalence.json.pages!;

function elements(): SurveyElementJson[] {
  return pages.flatMap((p) => p.elements ?? []);
}

/** Every localisable value found anywhere in the JSON, with its path. */
function localisables(node: unknown, path = '', out: [string, unknown][] = []): [string, unknown][] {
  if (Array.isArray(node)) node.forEach((n, i) => localisables(n, `${path}[${i}]`, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (['title', 'description', 'html', 'text', 'otherText', 'noneText', 'minRateDescription', 'maxRateDescription', 'completedHtml'].includes(k) && typeof v === 'object') out.push([`${path}.${k}`, v]);
      else localisables(v, `${path}.${k}`, out);
    }
  }
  return out;
}

describe('polyvalence questionnaire', () => {
  it('loads in survey-core without a single unknown property', () => {
    registerCustomProperties();
    const model = new Model(polyvalence.json);
    expect(model.jsonErrors ?? []).toEqual([]);
  });

  it('follows the blueprint page order, every page after the introduction for eligible respondents only', () => {
    expect(pages.map((p) => p.name)).toEqual([
      'p0_intro', 'p1_profile', 'p2_workload', 'p3_reception', 'p4_contracts', 'p5_ip', 'p6_isic', 'p7_team', 'p8_practice', 'p9_wellbeing', 'p10_opinions',
    ]);
    for (const p of pages.slice(1)) expect(p.visibleIf, p.name).toBe(ELIGIBLE);
  });

  it('has every text in French and English', () => {
    const texts = localisables(polyvalence.json);
    expect(texts.length).toBeGreaterThan(300);
    for (const [path, v] of texts) {
      const o = v as Record<string, string>;
      expect(typeof o.fr, path).toBe('string');
      expect(typeof o.default, path).toBe('string');
      expect(o.fr.length, path).toBeGreaterThan(0);
    }
  });

  it('has unique, stable snake_case names', () => {
    const names = elements().map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z][a-z0-9_]*$/);
  });

  it('asks the blueprint questions of every theme', () => {
    const cb = buildCodebook(polyvalence);
    const questions = new Set(cb.columns.map((c) => c.question));
    for (const q of ['consent', 'eligible', 'dept_code', 'region_code', 'territory_type', 'territory_majority', 'profession', 'caseload_active', 'time_alloc',
      'reception_first_contact', 'appt_decision', 'filter_criteria', 'refusals_3m', 'rsa_referent', 'contract_setting', 'aide_contrainte', 'ip_eval_org', 'ip_trust',
      'isic_12m', 'isic_obstacles', 'team_professions', 'post_title', 'team_views', 'practice_axis', 'practice_freq', 'same_job', 'cbi_work_a', 'cbi_work_b',
      'prop_agree', 'anas_member', 'recruitment_channel', 'comment_general', 'comment_example', 'territory_3']) {
      expect(questions.has(q), q).toBe(true);
    }
    // 100 collectivities plus "region only" (Appendix A), 18 regions plus "prefer not" (Appendix B).
    expect(column(cb, 'dept_code').choices).toHaveLength(101);
    expect(COLLECTIVITIES).toHaveLength(100);
    expect(column(cb, 'region_code').choices).toHaveLength(19);
    for (const c of COLLECTIVITIES) expect(REGIONS.some((r) => r.code === regionOf(c.code))).toBe(true);
  });

  it('tags the quasi-identifiers of blueprint §5', () => {
    const cb = buildCodebook(polyvalence);
    const qi = Object.fromEntries(cb.columns.filter((c) => c.qi && c.item === undefined && !c.name.endsWith('-Comment')).map((c) => [c.name, c.qi]));
    expect(qi).toMatchObject({ dept_code: 'strong', region_code: 'strong', profession: 'strong', seniority_polyvalence: 'medium', territory_type: 'medium', team_size_band: 'medium', territory_3: 'medium', fte: 'weak' });
    expect(column(cb, 'team_professions.cesf').qi).toBe('strong');
  });

  it('carries the labels of the analytic territory variable', () => {
    const t3 = column(buildCodebook(polyvalence), 'territory_3');
    expect(t3.choices?.map((c) => [c.value, c.label.fr])).toEqual([['urban', 'Urbain'], ['periurban', 'Périurbain'], ['rural', 'Rural']]);
  });
});
