/**
 * A small questionnaire shaped like the polyvalence one (same names, fewer questions),
 * with derived variables and indicators in the analysis vocabulary, for tests of
 * analysis/ and reports/ that must not depend on the full questionnaire.
 */
import type { QuestionnaireDefinition } from '../../survey/types.js';
import type { AnalysisPlan, DerivedVariable, IndicatorDefinition, IndicatorTopic, PopulationCondition, TopicDefinition } from '../definitions.js';

/** Agreement scale 1–5 plus "na", as the polyvalence matrices store it. */
const agree: { value: number | string; text: string }[] = [...[1, 2, 3, 4, 5].map((v) => ({ value: v, text: String(v) })), { value: 'na', text: 'Sans avis' }];

export const fixtureDefinition: QuestionnaireDefinition = {
  id: 'fixture',
  version: '0.0.1',
  date: '2026-11-01',
  json: {
    locale: 'fr',
    title: { default: 'Fixture survey', fr: 'Enquête de test' },
    calculatedValues: [
      {
        name: 'territory_3',
        includeIntoResult: true,
        expression: "iif({territory_type} anyof ['urban_dense','urban_intermediate'], 'urban', {territory_type})",
        title: { default: 'Territory type (3 classes)', fr: 'Type de territoire (3 classes)' },
        choices: [
          { value: 'urban', text: { default: 'Urban', fr: 'Urbain' } },
          { value: 'periurban', text: { default: 'Peri-urban', fr: 'Périurbain' } },
          { value: 'rural', text: { default: 'Rural', fr: 'Rural' } },
        ],
      } as { name: string; expression: string; includeIntoResult: boolean },
    ],
    pages: [
      {
        name: 'p0',
        elements: [
          { type: 'radiogroup', name: 'consent', choices: ['yes', 'no'] },
          { type: 'radiogroup', name: 'eligible', choices: ['yes', 'manager', 'other'] },
        ],
      },
      {
        name: 'p1',
        elements: [
          { type: 'radiogroup', name: 'territory_type', choices: ['urban_dense', 'urban_intermediate', 'periurban', 'rural'] },
          { type: 'radiogroup', name: 'fte', choices: ['fte_100', 'fte_80', 'fte_lt50'] },
          { type: 'text', name: 'caseload_active', inputType: 'number', min: 0, max: 600 },
          { type: 'radiogroup', name: 'appt_decision', choices: ['always_offered', 'secretariat_criteria', 'platform', 'dk'] },
          {
            type: 'matrix', name: 'ip_trust', columns: agree,
            rows: [{ value: 'ipt_avoid_contact', text: 'a' }, { value: 'ipt_withhold_info', text: 'b' }, { value: 'ipt_role_confusion', text: 'c' }],
          },
          { type: 'checkbox', name: 'team_professions', choices: ['as', 'cesf', 'es'] },
          { type: 'comment', name: 'comment_general' },
        ],
      },
    ],
  },
};

export const fixtureDerived: DerivedVariable[] = [
  { kind: 'map', name: 'fte_num', column: 'fte', mapping: { fte_100: 1, fte_80: 0.8, fte_lt50: 0.4 } },
  { kind: 'ratio', name: 'caseload_per_fte', num: 'caseload_active', den: 'fte_num' },
  { kind: 'in', name: 'reception_nonts_decides', column: 'appt_decision', values: ['secretariat_criteria', 'platform'], missing: ['dk'] },
  {
    kind: 'meanOf', name: 'ip_trust_concern_index', minItems: 2,
    items: [{ column: 'ip_trust.ipt_avoid_contact' }, { column: 'ip_trust.ipt_withhold_info' }, { column: 'ip_trust.ipt_role_confusion' }],
  },
  { kind: 'sum', name: 'team_count', columns: ['team_professions.as', 'team_professions.cesf', 'team_professions.es'] },
  { kind: 'compare', name: 'multi_prof_team', column: 'team_count', op: '>=', value: 2 },
];

export const fixtureIndicators: IndicatorDefinition[] = [
  {
    id: 'reception_filtering', proposition: 'P4', supports: 'higher', measure: 'share', variable: 'reception_nonts_decides',
    title: { fr: "Accueil filtré par le secrétariat", en: 'Reception filtered by the secretariat' },
    description: { fr: 'Part des répondant·es dont le service filtre l\'accueil.', en: 'Share of respondents whose service filters reception.' },
  },
  {
    id: 'ip_trust', proposition: 'P2', supports: 'higher', measure: 'mean', variable: 'ip_trust_concern_index', domain: [1, 5],
    title: { fr: 'Indice de défiance liée aux IP', en: 'IP trust concern index' },
    description: { fr: 'Moyenne de 1 à 5.', en: 'Mean from 1 to 5.' },
    unit: { fr: 'indice 1–5', en: 'index 1–5' },
  },
  {
    id: 'caseload', proposition: 'workload', supports: 'higher', measure: 'mean', variable: 'caseload_per_fte',
    title: { fr: 'File active par ETP', en: 'Caseload per FTE' },
    description: { fr: 'Ménages accompagnés par équivalent temps plein.', en: 'Households supported per FTE.' },
    unit: { fr: 'ménages par ETP', en: 'households per FTE' },
  },
];

export const fixturePopulation: PopulationCondition[] = [
  { column: 'consent', values: ['yes'] },
  { column: 'eligible', values: ['yes'] },
];

export const fixtureTopics: Partial<Record<IndicatorTopic, TopicDefinition>> = {
  P2: { title: { fr: 'P2 — Évaluations d\'IP', en: 'P2 — IP evaluations' }, summary: { fr: 'Résumé P2.', en: 'P2 summary.' } },
  P4: { title: { fr: 'P4 — Accueil <inconditionnel>', en: 'P4 — Unconditional reception' }, summary: { fr: 'Résumé P4.', en: 'P4 summary.' } },
  workload: { title: { fr: 'Charge de travail', en: 'Workload' }, summary: { fr: 'Charge de travail.', en: 'Workload.' } },
};

export const fixturePlan: AnalysisPlan = {
  texts: {
    introduction: { fr: 'Introduction « de test » & <neutre>.', en: 'Test introduction.' },
    population: { fr: 'les répondant·es éligibles', en: 'eligible respondents' },
  },
  population: fixturePopulation,
  derived: fixtureDerived,
  indicators: fixtureIndicators,
  topics: fixtureTopics,
  by: 'territory_3',
};

/**
 * Deterministic answers: `counts` respondents per territory_3 value, with answers
 * varying by index so that groups differ. Two extra answers are out of population.
 */
export function fixtureAnswers(counts: { urban: number; periurban: number; rural: number }): { data: Record<string, unknown> }[] {
  const out: { data: Record<string, unknown> }[] = [];
  const types = { urban: 'urban_dense', periurban: 'periurban', rural: 'rural' } as const;
  for (const t3 of ['urban', 'periurban', 'rural'] as const) {
    for (let i = 0; i < counts[t3]; i++) {
      out.push({
        data: {
          consent: 'yes',
          eligible: 'yes',
          territory_type: types[t3],
          territory_3: t3,
          fte: ['fte_100', 'fte_80', 'fte_lt50'][i % 3],
          caseload_active: t3 === 'urban' ? 80 + i * 5 : 50 + i * 3,
          appt_decision: ['always_offered', 'secretariat_criteria', 'platform', 'dk'][(i + (t3 === 'urban' ? 1 : 0)) % 4],
          ip_trust: { ipt_avoid_contact: 1 + (i % 5), ipt_withhold_info: i % 4 === 0 ? 'na' : 2 + (i % 4), ipt_role_confusion: 3 },
          team_professions: i % 2 ? ['as', 'cesf'] : ['as'],
        },
      });
    }
  }
  out.push({ data: { consent: 'no' } });
  out.push({ data: { consent: 'yes', eligible: 'manager' } });
  return out;
}
