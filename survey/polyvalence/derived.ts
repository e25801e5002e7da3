/**
 * Derived variables of the polyvalence survey (blueprint §2), declared in the analysis
 * vocabulary (analysis/definitions.ts) and evaluated generically by analysis/derive.ts.
 * Column names and choice values are those of the questionnaire; indicators.test.ts
 * checks them against its codebook.
 *
 * `territory_3` is not here: the form computes it (calculated value).
 * Conventions: "Don't know" (`dk`) leaves the denominator (listed under `missing`);
 * "not applicable / no opinion" (`na`) is non-numeric and so missing in scores.
 */
import type { DerivedVariable } from '../../analysis/definitions.js';
import { polyvalenceJson, TIME_ALLOCATION_ITEMS } from './questionnaire.js';

const TIME_ITEMS = TIME_ALLOCATION_ITEMS.map((i) => `time_alloc.${i}`);

/** The opinion matrix (J1): one row per ANAS proposal, P1 to P5 in questionnaire order. */
const PROPOSAL_MATRIX = 'prop_agree';

/** Row names of the opinion matrix, read from the questionnaire, in its order (row i is proposal i + 1). */
export const PROPOSAL_AGREEMENT_ROWS: readonly string[] = (() => {
  const matrix = (polyvalenceJson.pages ?? []).flatMap((p) => p.elements ?? []).find((e) => e.name === PROPOSAL_MATRIX);
  const rows = Array.isArray(matrix?.rows) ? (matrix.rows as { value: string }[]) : [];
  if (rows.length !== 5) throw new Error(`questionnaire: "${PROPOSAL_MATRIX}" must have one row per ANAS proposal (5), found ${rows.length}`);
  return rows.map((r) => String(r.value));
})();

/** Name of the derived 0/1 variable "agrees (4–5) with this proposal". */
export function agreementVariable(row: string): string {
  return `agree_${row}`;
}

/** Numeric working-time ratio of each `fte` band (blueprint A12). */
export const FTE_NUMERIC: Readonly<Record<string, number>> = { fte_100: 1, fte_90: 0.9, fte_80: 0.8, fte_50_79: 0.65, fte_lt50: 0.4 };

/** `share_<item>`: the item's percentage rescaled so the six items sum to exactly 100. */
function timeShare(item: string): DerivedVariable {
  return { kind: 'ratio', name: `share_${item}`, num: `time_alloc.${item}`, den: 'time_alloc_total', factor: 100 };
}

export const polyvalenceDerived: DerivedVariable[] = [
  // Workload (B) and FTE (A12).
  { kind: 'map', name: 'fte_num', column: 'fte', mapping: { ...FTE_NUMERIC } },
  { kind: 'ratio', name: 'caseload_per_fte', num: 'caseload_active', den: 'fte_num' },
  { kind: 'ratio', name: 'new_requests_per_fte', num: 'new_requests_week', den: 'fte_num' },
  { kind: 'compare', name: 'delay_gt30', column: 'delay_first_appt_days', op: '>', value: 30 },
  { kind: 'sum', name: 'time_alloc_total', columns: TIME_ITEMS },
  ...TIME_ALLOCATION_ITEMS.map(timeShare),
  { kind: 'compare', name: 'overtime_any', column: 'overtime_hours_week', op: '>=', value: 1 },
  { kind: 'in', name: 'unmet_followups_frequent', column: 'unmet_followups', values: ['often', 'very_often'] },
  { kind: 'in', name: 'covering_vacant_any', column: 'covering_vacant_sector', values: ['partly', 'fully'] },

  // Reception (C) — P4.
  { kind: 'in', name: 'reception_nonts_decides', column: 'appt_decision', values: ['secretariat_criteria', 'platform'], missing: ['dk'] },
  { kind: 'in', name: 'reception_reason_required', column: 'reason_required', values: ['often', 'always'], missing: ['dk'] },
  { kind: 'in', name: 'pre_questionnaire_any', column: 'pre_questionnaire', values: ['yes_all', 'yes_some'], missing: ['dk'] },
  { kind: 'in', name: 'preset_answers_frequent', column: 'preset_answers', values: ['often', 'very_often'], missing: ['dk'] },
  { kind: 'in', name: 'refusals_repeated', column: 'refusals_3m', values: ['several', 'frequent'], missing: ['dk'] },
  // 0–5; only for respondents who could answer all five components (no "don't know").
  {
    kind: 'sum',
    name: 'reception_filter_score',
    columns: ['reception_nonts_decides', 'reception_reason_required', 'pre_questionnaire_any', 'preset_answers_frequent', 'refusals_repeated'],
  },

  // Mandatory contracts (D) — P1.
  { kind: 'in', name: 'rsa_referent_any', column: 'rsa_referent', values: ['yes_main', 'yes_some'], missing: ['dk'] },
  { kind: 'in', name: 'contract_in_support', column: 'contract_setting', values: ['same_interviews', 'mostly_same'] },
  {
    kind: 'meanOf',
    name: 'aide_contrainte_index',
    minItems: 3,
    items: [
      { column: 'aide_contrainte.ac_dispositif_sets_content' },
      { column: 'aide_contrainte.ac_fear_losing_benefit' },
      { column: 'aide_contrainte.ac_report_noncompliance' },
      { column: 'aide_contrainte.ac_refusal_possible', reverse: 6 },
    ],
  },

  // IP evaluations (E) — P2.
  { kind: 'in', name: 'ip_by_polyvalence', column: 'ip_eval_org', values: ['polyvalence_only', 'mixed'], missing: ['dk'] },
  { kind: 'ratio', name: 'ip_evals_per_fte', num: 'ip_eval_count_12m', den: 'fte_num' },
  { kind: 'in', name: 'ip_known_half_plus', column: 'ip_eval_known_families', values: ['about_half', 'most', 'all'] },
  {
    kind: 'meanOf',
    name: 'ip_trust_concern_index',
    minItems: 2,
    items: [{ column: 'ip_trust.ipt_avoid_contact' }, { column: 'ip_trust.ipt_withhold_info' }, { column: 'ip_trust.ipt_role_confusion' }],
  },

  // Collective work (F) — P3.
  { kind: 'in', name: 'isic_active', column: 'isic_12m', values: ['led', 'co_led'] },
  { kind: 'in', name: 'isic_trained', column: 'isic_training_continuing', values: ['yes_lt3y', 'yes_3y_plus'] },

  // Team (G) — P5.
  {
    kind: 'meanOf',
    name: 'interchangeability_index',
    minItems: 2,
    items: [{ column: 'team_views.tv_interchangeable' }, { column: 'team_views.tv_complementarity', reverse: 6 }],
  },
  { kind: 'in', name: 'generic_post', column: 'post_title', values: ['generic_ts', 'grade_ase', 'mission_based'], missing: ['dk'] },
  {
    kind: 'sum',
    name: 'social_professions_count',
    columns: ['as', 'cesf', 'es', 'me', 'eje', 'tisf'].map((p) => `team_professions.${p}`),
  },
  { kind: 'compare', name: 'multi_prof_team', column: 'social_professions_count', op: '>=', value: 2 },

  // Practice (H) — rural vs urban.
  {
    kind: 'meanOf',
    name: 'generalist_index',
    // The blueprint sets no minimum for this index; 3 of 4, as for aide_contrainte_index.
    minItems: 3,
    items: [
      { column: 'practice_freq.pf_all_topics' },
      { column: 'practice_freq.pf_global_assessment' },
      { column: 'practice_freq.pf_long_term' },
      { column: 'practice_freq.pf_firefighting', reverse: 6 },
    ],
  },

  // Burnout (I): CBI work-related score, 0–100, ≥ 4 of 7 items (blueprint §I).
  {
    kind: 'meanOf',
    name: 'cbi_work_score',
    minItems: 4,
    items: [
      ...['cbi_w1', 'cbi_w2', 'cbi_w3'].map((r) => ({ column: `cbi_work_a.${r}` })),
      ...['cbi_w4', 'cbi_w5', 'cbi_w6'].map((r) => ({ column: `cbi_work_b.${r}` })),
      { column: 'cbi_work_b.cbi_w7', reverse: 100 },
    ],
  },
  { kind: 'compare', name: 'cbi_work_high', column: 'cbi_work_score', op: '>=', value: 50 },
  // Intention to leave (I): "not sure yet" is an answer, not missing — it counts as not leaving.
  { kind: 'in', name: 'intent_leave_any', column: 'intent_leave', values: ['yes_other_social_post', 'yes_leave_profession'] },

  // Opinions (J1): agreement (4 or 5) with each proposal; "no opinion" leaves the denominator.
  ...PROPOSAL_AGREEMENT_ROWS.map((row): DerivedVariable => ({
    kind: 'in', name: agreementVariable(row), column: `${PROPOSAL_MATRIX}.${row}`, values: [4, 5], missing: ['na'],
  })),
];
