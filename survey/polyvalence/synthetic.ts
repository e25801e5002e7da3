/**
 * Seeded generator of synthetic respondents to the polyvalence questionnaire.
 *
 * It serves demos, tests and benchmarks: answers look like real ones (département sizes,
 * rural/urban mix, correlated answers, item non-response, a few refusals and ineligible
 * people) and carry known, built-in differences so that the analysis has something to
 * find:
 * - urban respondents report more reception filtering at the secretariat and are more
 *   often RSA referents with contracts made inside support (mandatory contracts);
 * - rural respondents describe a more generalist practice (higher generalist index and
 *   practice axis), smaller teams and longer home-visit journeys;
 * - where IP evaluations are done by the polyvalence team itself, trust concerns are higher;
 * - organisational facts (reception rules, IP organisation, post titles) are drawn per
 *   département, so départements differ, with some disagreement between colleagues.
 * Every generated answer is valid against the questionnaire (checked by the tests).
 */
import { randomLcg, randomNormal } from 'd3-random';
import { COLLECTIVITIES } from './collectivities.js';
import { FTE_NUMERIC } from './derived.js';
import { POPULATION_K, TERRITORY_MIX, settlementProfile } from './synthetic-profiles.js';

export interface SyntheticAnswer {
  /** A UUID-shaped id, deterministic for a given seed. */
  id: string;
  /** Day of submission (YYYY-MM-DD), spread over the campaign's weeks. */
  submittedOn: string;
  data: Record<string, unknown>;
}

export interface GenerateOptions {
  n: number;
  seed?: number;
  /** First day of the simulated campaign (YYYY-MM-DD); answers spread over 6 weeks. */
  startDay?: string;
}

type Territory = 'urban' | 'periurban' | 'rural';

interface DeptOrganisation {
  /** Propensity of the département's reception to filter at the secretariat (0–1). */
  filtering: number;
  /** Dominant IP evaluation organisation. */
  ipOrg: 'polyvalence_only' | 'specialised_only' | 'mixed';
  /** Propensity to give generic post titles (0–1). */
  genericPosts: number;
  /** Propensity to make polyvalence social workers RSA referents (0–1). */
  rsaReferents: number;
  /** Whether the département has written unconditional reception down. */
  unconditionalWritten: boolean;
}

class Rng {
  readonly uniform: () => number;
  private readonly gauss: () => number;

  constructor(seed: number) {
    this.uniform = randomLcg(seed);
    this.gauss = randomNormal.source(this.uniform)(0, 1);
  }

  chance(p: number): boolean {
    return this.uniform() < p;
  }

  normal(mean: number, sd: number): number {
    return mean + sd * this.gauss();
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.uniform() * (max - min + 1));
  }

  /** Picks a key with probability proportional to its weight. */
  pick<T extends string | number>(weights: readonly (readonly [T, number])[]): T {
    const total = weights.reduce((s, [, w]) => s + Math.max(0, w), 0);
    let u = this.uniform() * total;
    for (const [value, w] of weights) {
      u -= Math.max(0, w);
      if (u < 0) return value;
    }
    return weights[weights.length - 1][0];
  }

  /** Picks `k` distinct items. */
  sample<T>(items: readonly T[], k: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < k && pool.length) out.push(pool.splice(Math.floor(this.uniform() * pool.length), 1)[0]);
    return out;
  }

  uuid(): string {
    const hex = Array.from({ length: 32 }, () => Math.floor(this.uniform() * 16).toString(16));
    hex[12] = '4';
    hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
    const s = hex.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/** A 1..5 Likert value around `mean`, or `na` with probability `naRate`. */
function likert(rng: Rng, mean: number, naRate = 0.03): number | 'na' {
  if (rng.chance(naRate)) return 'na';
  return clamp(Math.round(rng.normal(mean, 0.9)), 1, 5);
}

/** A CBI point value (0..100 by 25) around `mean` points. */
function cbi(rng: Rng, mean: number): number {
  return clamp(Math.round(rng.normal(mean, 22) / 25), 0, 4) * 25;
}

function organisationOf(rng: Rng, profile: string): DeptOrganisation {
  const urbanish = profile === 'metro' || profile === 'urban';
  return {
    filtering: clamp(rng.normal(urbanish ? 0.55 : 0.35, 0.15), 0.05, 0.95),
    ipOrg: rng.pick([['polyvalence_only', 0.4], ['specialised_only', 0.3], ['mixed', 0.3]] as const),
    genericPosts: clamp(rng.normal(0.4, 0.2), 0.05, 0.9),
    rsaReferents: clamp(rng.normal(urbanish ? 0.6 : 0.4, 0.15), 0.05, 0.95),
    unconditionalWritten: rng.chance(0.4),
  };
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Integer percentages over the six activities, summing to 100 ± 2 (as people round). */
function timeAllocation(rng: Rng, t: Territory, rsaMain: boolean, ipShare: number): Record<string, number> {
  const base: Record<string, number> = {
    isap: t === 'rural' ? 42 : 36,
    admin: 24,
    ip: ipShare,
    rsa: rsaMain ? 14 : 4,
    collective: t === 'rural' ? 6 : 4,
    other: 12,
  };
  const raw = Object.fromEntries(Object.entries(base).map(([k, v]) => [k, Math.max(0, v * Math.exp(rng.normal(0, 0.3)))]));
  const total = Object.values(raw).reduce((s, v) => s + v, 0);
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(raw)) out[k] = Math.round((v / total) * 100);
  const drift = rng.pick([[0, 0.8], [-2, 0.05], [-1, 0.05], [1, 0.05], [2, 0.05]] as const);
  const sum = Object.values(out).reduce((s, v) => s + v, 0);
  out.isap = Math.max(0, out.isap + (100 - sum) + drift);
  return out;
}

/**
 * Generates `n` synthetic answers, deterministically for a given seed.
 * @returns Answers in submission order, each with id, day and SurveyJS data.
 */
export function generateAnswers({ n, seed = 20261123, startDay = '2026-10-05' }: GenerateOptions): SyntheticAnswer[] {
  if (!Number.isInteger(n) || n < 0) throw new Error(`n must be a non-negative integer, got ${n}`);
  const rng = new Rng(seed);
  const depts = COLLECTIVITIES.map((c) => ({
    code: c.code,
    region: c.region,
    profile: settlementProfile(c.code),
    // Response propensity varies between départements (diffusion differs).
    weight: (POPULATION_K[c.code] ?? 100) * Math.exp(rng.normal(0, 0.35)),
  }));
  const orgs = new Map(depts.map((d) => [d.code, organisationOf(rng, d.profile)]));
  const deptWeights = depts.map((d) => [d.code, d.weight] as const);
  const byCode = new Map(depts.map((d) => [d.code, d]));

  const out: SyntheticAnswer[] = [];
  for (let i = 0; i < n; i++) {
    // Answers arrive fast at launch and after each reminder.
    const day = addDays(startDay, Math.min(41, Math.floor(-Math.log(1 - rng.uniform()) * 9) + (rng.chance(0.3) ? 14 : 0)));
    const dept = byCode.get(rng.pick(deptWeights))!;
    out.push({ id: rng.uuid(), submittedOn: day, data: respondent(rng, dept, orgs.get(dept.code)!) });
  }
  return out;
}

function respondent(rng: Rng, dept: { code: string; region: string; profile: string }, org: DeptOrganisation): Record<string, unknown> {
  if (rng.chance(0.02)) return { consent: 'no' };
  const eligible = rng.pick([['yes', 0.96], ['manager', 0.03], ['other', 0.01]] as const);
  if (eligible !== 'yes') return { consent: 'yes', eligible };
  const d: Record<string, unknown> = { consent: 'yes', eligible: 'yes' };

  // A. Profile and territory.
  const mix = TERRITORY_MIX[dept.profile as keyof typeof TERRITORY_MIX];
  const t: Territory = rng.pick([['urban', mix.urban], ['periurban', mix.periurban], ['rural', mix.rural]] as const);
  const urban = t === 'urban';
  const rural = t === 'rural';
  if (rng.chance(0.03)) {
    d.dept_code = 'region_only';
    d.region_code = rng.chance(0.1) ? 'prefer_not' : dept.region;
  } else {
    d.dept_code = dept.code;
  }
  d.employer_type = rng.pick([['collectivity', 0.92], ['ccas_delegation', 0.05], ['association_delegation', 0.015], ['other', 0.015]] as const);
  if (d.employer_type === 'other') d['employer_type-Comment'] = 'Syndicat intercommunal';
  d.structure_type = rng.pick([['cms', 0.3], ['mds', 0.35], ['ut_site', 0.12], ['antenne', rural ? 0.15 : 0.05], ['ccas_mairie', 0.05], ['other', 0.02]] as const);
  if (d.structure_type === 'other') d['structure_type-Comment'] = 'Pôle solidarité';
  const concrete = urban
    ? rng.pick([['urban_dense', dept.profile === 'metro' ? 0.8 : 0.45], ['urban_intermediate', dept.profile === 'metro' ? 0.2 : 0.55]] as const)
    : t;
  if (rng.chance(0.08)) {
    d.territory_type = 'mixed';
    d.territory_majority = concrete;
  } else {
    d.territory_type = concrete;
  }
  // The form's calculated value, as the browser would submit it (the tests check it
  // against the questionnaire's own expression).
  d.territory_3 = t;
  d.communes_band = rng.pick(urban
    ? [['part_commune', 0.55], ['one_commune', 0.3], ['c2_5', 0.1], ['dk', 0.05]] as const
    : rural
      ? [['c2_5', 0.05], ['c6_15', 0.35], ['c16plus', 0.55], ['dk', 0.05]] as const
      : [['one_commune', 0.1], ['c2_5', 0.4], ['c6_15', 0.4], ['c16plus', 0.05], ['dk', 0.05]] as const);
  d.qpv_on_sector = rng.pick(urban ? [['yes', 0.6], ['no', 0.3], ['dk', 0.1]] as const : [['yes', 0.1], ['no', 0.8], ['dk', 0.1]] as const);
  d.home_visit_travel = rng.pick(urban
    ? [['lt10', 0.55], ['m10_20', 0.35], ['m20_40', 0.05], ['no_visits', 0.05]] as const
    : rural
      ? [['m10_20', 0.2], ['m20_40', 0.5], ['gt40', 0.28], ['no_visits', 0.02]] as const
      : [['lt10', 0.15], ['m10_20', 0.5], ['m20_40', 0.3], ['gt40', 0.03], ['no_visits', 0.02]] as const);
  d.profession = rng.pick([['as', 0.78], ['cesf', 0.12], ['es', 0.08], ['other', 0.02]] as const);
  if (d.profession === 'other') d['profession-Comment'] = rng.pick([['Moniteur-éducateur', 1], ['Conseillère en insertion', 1]] as const);
  d.seniority_polyvalence = rng.pick([['lt2', 0.15], ['y2_5', 0.2], ['y5_10', 0.2], ['y10_20', 0.25], ['y20plus', 0.2]] as const);
  d.fte = rng.pick([['fte_100', 0.7], ['fte_90', 0.07], ['fte_80', 0.15], ['fte_50_79', 0.06], ['fte_lt50', 0.02]] as const);
  const fteNum = FTE_NUMERIC[d.fte as string];

  // B. Workload: urban caseloads are larger per FTE.
  const caseloadPerFte = clamp(rng.normal(urban ? 92 : rural ? 70 : 80, 22), 10, 400);
  if (rng.chance(0.9)) d.caseload_active = Math.round(clamp(caseloadPerFte * fteNum, 0, 600));
  if (rng.chance(0.85)) d.new_requests_week = Math.round(clamp(rng.normal(urban ? 6 : 4, 2.5), 0, 100));
  if (rng.chance(0.85)) d.delay_first_appt_days = Math.round(clamp(Math.exp(rng.normal(urban ? 2.8 : 2.4, 0.6)), 0, 365));
  const rsaReferent = rng.pick([
    ['yes_main', org.rsaReferents * (urban ? 0.8 : 0.45)],
    ['yes_some', 0.25],
    ['no', (1 - org.rsaReferents) * 0.9],
    ['dk', 0.02],
  ] as const);
  const ipOrg = rng.chance(0.8) ? org.ipOrg : rng.pick([['polyvalence_only', 1], ['specialised_only', 1], ['mixed', 1], ['dk', 0.3]] as const);
  const ipShare = ipOrg === 'polyvalence_only' ? 14 : ipOrg === 'mixed' ? 8 : ipOrg === 'dk' ? 5 : 2;
  d.time_alloc = timeAllocation(rng, t, rsaReferent === 'yes_main', ipShare);
  if (rng.chance(0.8)) d.overtime_hours_week = Math.round(clamp(rng.normal(urban ? 3 : 2, 2), 0, 40) * 2) / 2;
  const strain = (urban ? 0.4 : 0) + (caseloadPerFte - 80) / 40;
  d.unmet_followups = rng.pick([['never', 0.1], ['rarely', 0.2], ['sometimes', 0.35], ['often', 0.25 + 0.1 * strain], ['very_often', 0.1 + 0.05 * strain]] as const);
  d.covering_vacant_sector = rng.pick([['no', 0.6], ['partly', 0.3], ['fully', rural ? 0.12 : 0.08]] as const);

  // C. Reception: filtering is organisational (département) and more urban.
  const filter = clamp(org.filtering + (urban ? 0.15 : rural ? -0.1 : 0) + rng.normal(0, 0.08), 0.02, 0.98);
  d.reception_first_contact = rng.pick([['secretariat', 0.35 + filter * 0.3], ['ts_permanence', (1 - filter) * 0.4], ['reception_team', 0.1], ['phone_platform', filter * 0.15], ['online', 0.03], ['varies', 0.07]] as const);
  d.appt_decision = rng.pick([
    ['always_offered', (1 - filter) * 0.6],
    ['secretariat_criteria', filter * 0.55],
    ['ts_on_screening', 0.15],
    ['manager', 0.04],
    ['platform', filter * 0.12],
    ['varies', 0.06],
    ['dk', 0.02],
  ] as const);
  d.reason_required = rng.pick([['never', (1 - filter) * 0.35], ['rarely', (1 - filter) * 0.25], ['sometimes', 0.2], ['often', filter * 0.3], ['always', filter * 0.3], ['dk', 0.03]] as const);
  const criteriaVisible = ['secretariat_criteria', 'ts_on_screening', 'manager', 'platform', 'varies'].includes(d.appt_decision as string)
    || ['often', 'always'].includes(d.reason_required as string);
  if (criteriaVisible && rng.chance(0.9)) {
    if (rng.chance(0.08)) d.filter_criteria = ['dk'];
    else {
      const crit = rng.sample(['urgency', 'minors', 'residence', 'competence', 'admin_status', 'followed_elsewhere', 'rsa_other_referent', 'request_type'], rng.int(1, 4));
      if (rng.chance(0.04)) {
        crit.push('other');
        d['filter_criteria-Comment'] = 'Ordre d’arrivée';
      }
      d.filter_criteria = crit;
    }
  }
  d.pre_questionnaire = rng.pick([['yes_all', filter * 0.3], ['yes_some', filter * 0.35], ['no', 1 - filter * 0.6], ['dk', 0.05]] as const);
  d.preset_answers = rng.pick([['never', (1 - filter) * 0.35], ['rarely', 0.25], ['sometimes', 0.2], ['often', filter * 0.2], ['very_often', filter * 0.08], ['dk', 0.05]] as const);
  if (['sometimes', 'often', 'very_often'].includes(d.preset_answers as string) && rng.chance(0.9)) {
    d.preset_topics = rng.sample(['shelter', 'financial_aid', 'benefits_access', 'digital', 'foreigners', 'food_aid', 'energy_debt'], rng.int(1, 3));
  }
  d.refusals_3m = rng.pick([['never', (1 - filter) * 0.6], ['once_twice', 0.2], ['several', filter * 0.2], ['frequent', filter * 0.08], ['dk', 0.08]] as const);
  if (['once_twice', 'several', 'frequent'].includes(d.refusals_3m as string) && rng.chance(0.9)) {
    d.refusal_reasons = rng.sample(['no_solution', 'outside_competence', 'outside_sector', 'saturation', 'followed_elsewhere', 'admin_status'], rng.int(1, 3));
  }
  d.unconditional_written = rng.chance(0.7) ? (org.unconditionalWritten ? 'yes' : 'no') : 'dk';

  // D. Mandatory contracts: referents who contract inside support report more constraint.
  d.rsa_referent = rsaReferent;
  let insideSupport = false;
  if (rsaReferent === 'yes_main' || rsaReferent === 'yes_some') {
    if (rng.chance(0.8)) d.rsa_share_caseload = Math.round(clamp(rng.normal(rsaReferent === 'yes_main' ? 45 : 12, 12), 0, 100));
    if (rng.chance(0.8)) d.contracts_per_month = Math.round(clamp(rng.normal(rsaReferent === 'yes_main' ? 8 : 2, 3), 0, 80));
    d.contract_type = rng.pick([['cer', 0.3], ['contrat_engagement', 0.3], ['both', 0.35], ['dk', 0.05]] as const);
    d.contract_setting = rng.pick([['same_interviews', urban ? 0.45 : 0.3], ['mostly_same', 0.25], ['separate_time', 0.2], ['separate_professional', 0.15]] as const);
    insideSupport = ['same_interviews', 'mostly_same'].includes(d.contract_setting as string);
  }
  const constraint = 2.4 + (insideSupport ? 0.8 : 0) + (urban ? 0.3 : 0);
  const ac: Record<string, unknown> = {};
  for (const row of ['ac_dispositif_sets_content', 'ac_fear_losing_benefit', 'ac_report_noncompliance']) if (rng.chance(0.95)) ac[row] = likert(rng, constraint);
  if (rng.chance(0.95)) ac.ac_refusal_possible = likert(rng, 6 - constraint);
  if (Object.keys(ac).length) d.aide_contrainte = ac;

  // E. IP evaluations: concern is higher where polyvalence evaluates.
  d.ip_eval_org = ipOrg;
  if (ipOrg !== 'specialised_only' && rng.chance(0.9)) {
    const count = Math.round(clamp(rng.normal(ipOrg === 'polyvalence_only' ? 12 : ipOrg === 'mixed' ? 6 : 3, 4), 0, 150));
    d.ip_eval_count_12m = count;
    if (count > 0) d.ip_eval_known_families = rng.pick([['none', 0.1], ['few', 0.35], ['about_half', 0.25], ['most', 0.25], ['all', 0.05]] as const);
  }
  const concern = ipOrg === 'polyvalence_only' ? 3.9 : ipOrg === 'mixed' ? 3.4 : 2.8;
  d.ip_trust = {
    ipt_avoid_contact: likert(rng, concern),
    ipt_withhold_info: likert(rng, concern),
    ipt_role_confusion: likert(rng, concern - 0.2),
    ipt_crowds_out: likert(rng, concern),
  };
  d.ip_families_ask_use = rng.pick([['never', 0.2], ['rarely', 0.3], ['sometimes', 0.3], ['often', 0.15], ['very_often', 0.05]] as const);

  // F. Collective work: training goes with activity, caseload gets in the way.
  d.isic_training_continuing = rng.pick([['yes_lt3y', 0.15], ['yes_3y_plus', 0.15], ['no_not_offered', 0.55], ['no_declined', 0.15]] as const);
  const trained = String(d.isic_training_continuing).startsWith('yes');
  const pActive = logistic(-1.2 + (trained ? 1.1 : 0) + (rural ? 0.3 : 0) - (caseloadPerFte - 80) / 40);
  d.isic_12m = rng.chance(pActive) ? rng.pick([['led', 0.5], ['co_led', 0.5]] as const) : rng.pick([['participated', 0.35], ['no', 0.65]] as const);
  if (d.isic_12m !== 'no' && rng.chance(0.95)) {
    d.isic_types = rng.sample(['group_users', 'info_collective', 'territorial_diagnosis', 'partner_project', 'participation'], rng.int(1, 2));
  }
  if (rng.chance(0.04)) d.isic_obstacles = ['none'];
  else d.isic_obstacles = ['time_caseload', ...rng.sample(['no_management_support', 'no_training', 'no_budget', 'no_premises', 'partner_silos', 'not_counted'], rng.int(0, 2))].slice(0, rng.chance(0.85) ? 3 : 2);
  d.isic_training_initial = rng.pick([['very_well', 0.1], ['fairly', 0.35], ['poorly', 0.35], ['not_at_all', 0.2]] as const);
  d.isic_training_manager = rng.pick([['yes', 0.25], ['no', 0.25], ['dk', 0.5]] as const);

  // G. Team: rural teams are smaller and less multi-professional.
  const team = ['as', 'secretariat'];
  for (const [p, prob] of [['cesf', rural ? 0.4 : 0.65], ['es', rural ? 0.25 : 0.45], ['me', 0.1], ['eje', 0.15], ['tisf', 0.3], ['insertion', 0.35], ['psychologue', 0.3], ['puericultrice', 0.5], ['medecin_pmi', 0.4], ['sage_femme', 0.3], ['numerique', 0.2]] as const) {
    if (rng.chance(prob)) team.push(p);
  }
  if (d.profession !== 'as' && d.profession !== 'other' && !team.includes(d.profession as string)) team.push(d.profession as string);
  d.team_professions = team;
  d.team_size_band = rng.pick(rural ? [['t1_3', 0.35], ['t4_7', 0.45], ['t8_12', 0.15], ['t13plus', 0.05]] as const : [['t1_3', 0.1], ['t4_7', 0.35], ['t8_12', 0.35], ['t13plus', 0.2]] as const);
  d.post_title = rng.chance(0.75)
    ? (rng.chance(org.genericPosts) ? rng.pick([['generic_ts', 0.6], ['grade_ase', 0.3], ['mission_based', 0.1]] as const) : 'profession_named')
    : rng.pick([['profession_named', 1], ['generic_ts', 1], ['grade_ase', 0.5], ['dk', 0.3]] as const);
  const multi = team.filter((p) => ['as', 'cesf', 'es', 'me', 'eje', 'tisf'].includes(p)).length >= 2;
  d.same_missions = multi
    ? rng.pick([['identical', 0.35], ['mostly_identical', 0.3], ['partly_diff', 0.2], ['clearly_diff', 0.15]] as const)
    : 'single_profession';
  const interchangeable = d.post_title === 'profession_named' ? 2.6 : 3.4;
  d.team_views = {
    tv_interchangeable: likert(rng, interchangeable),
    tv_complementarity: likert(rng, 6 - interchangeable),
    tv_outside_training: likert(rng, d.profession === 'as' ? 2.6 : 3.4),
  };

  // H. Practice: rural practice is more generalist; urban practice wears more.
  const generalist = rural ? 3.9 : t === 'periurban' ? 3.5 : 3.0;
  d.practice_axis = clamp(Math.round(rng.normal(rural ? 5.2 : t === 'periurban' ? 4.6 : 3.9, 1.2)), 1, 7);
  d.practice_freq = {
    pf_all_topics: likert(rng, generalist + 0.2),
    pf_global_assessment: likert(rng, generalist),
    pf_long_term: likert(rng, generalist - 0.1),
    pf_firefighting: likert(rng, 6 - generalist),
  };
  d.worked_both = rng.pick([['urban_then_rural', 0.1], ['rural_then_urban', 0.08], ['alternating', 0.07], ['no', 0.75]] as const);
  if (d.worked_both !== 'no') d.same_job = clamp(Math.round(rng.normal(2.1, 0.9)), 1, 5);
  const wear = urban ? 3.9 : 3.4;
  d.work_views = {
    wv_dispositif_wear: likert(rng, wear),
    wv_meaning: likert(rng, 4.1 - (insideSupport ? 0.3 : 0)),
    wv_quality_impeded: likert(rng, 3.6 + strain * 0.2),
    wv_recognition: likert(rng, 2.4),
  };
  d.intent_leave = rng.pick([['no', 0.45], ['unsure', 0.3], ['yes_other_social_post', 0.17], ['yes_leave_profession', 0.08]] as const);

  // I. CBI: urban respondents report more work-related burnout.
  const burnout = (urban ? 52 : rural ? 42 : 46) + strain * 4;
  d.cbi_work_a = { cbi_w1: cbi(rng, burnout + 10), cbi_w2: cbi(rng, burnout), cbi_w3: cbi(rng, burnout + 5) };
  d.cbi_work_b = { cbi_w4: cbi(rng, burnout + 8), cbi_w5: cbi(rng, burnout - 8), cbi_w6: cbi(rng, burnout - 10), cbi_w7: cbi(rng, 100 - burnout) };

  // J. Opinions, membership, channel, comments.
  const member = rng.pick([['yes', 0.15], ['former', 0.12], ['no', 0.73]] as const);
  const agree = member === 'yes' ? 4.3 : 3.8;
  d.prop_agree = {
    p1_separate_contracts: likert(rng, agree - 0.2, 0.06),
    p2_ip_specialised: likert(rng, agree - 0.3, 0.06),
    p3_isic_training: likert(rng, agree - 0.4, 0.06),
    p4_unconditional_reception: likert(rng, agree, 0.04),
    p5_no_interchangeability: likert(rng, agree - 0.1, 0.06),
  };
  d.anas_member = member;
  d.recruitment_channel = member === 'yes'
    ? rng.pick([['anas', 0.7], ['colleague', 0.15], ['social_media', 0.15]] as const)
    : rng.pick([['anas', 0.15], ['union', 0.15], ['colleague', 0.3], ['employer', 0.15], ['social_media', 0.2], ['school', 0.03], ['other', 0.02]] as const);
  if (d.recruitment_channel === 'other') d['recruitment_channel-Comment'] = 'Réunion de service';
  if (rng.chance(0.12)) {
    d.comment_general = rural
      ? 'En rural, les trajets prennent une part importante du temps ; on connaît tout le monde et on traite toutes les demandes.'
      : 'Les dispositifs se multiplient et le temps d’accompagnement diminue.';
  }
  if (rng.chance(0.05)) d.comment_example = 'Une personne est venue pour un dossier et nous avons pu construire un accompagnement global sur plusieurs mois.';
  return d;
}
