/**
 * How the polyvalence survey's quasi-identifiers are released in microdata (blueprint §5),
 * declared as data: the key set checked for k-anonymity with each one's generalisation
 * ladder (the blueprint's key set), those whose rare categories are merged, the weak ones
 * released as they are, and those never released.
 * release-rules.test.ts checks them against the codebook: every quasi-identifier has a
 * rule and every ladder maps every value.
 */
import type { ReleaseRules } from '../../analysis/disclosure/k-anonymity.js';
import { COLLECTIVITIES } from './collectivities.js';

/** Value of `dept_code` for respondents who gave their region only. */
const REGION_ONLY = 'region_only';

export const polyvalenceReleaseRules: ReleaseRules = {
  keys: [
    {
      column: 'dept_code',
      ladder: [
        {
          id: 'region',
          label: { fr: 'département → région', en: 'département → region' },
          map: { ...Object.fromEntries(COLLECTIVITIES.map((c) => [c.code, c.region])), [REGION_ONLY]: REGION_ONLY },
        },
      ],
    },
    { column: 'region_code', ladder: [] },
    {
      column: 'profession',
      ladder: [
        {
          id: 'as_non_as',
          label: { fr: 'profession → AS / non-AS', en: 'profession → AS / non-AS' },
          map: { as: 'as', cesf: 'non_as', es: 'non_as', other: 'non_as' },
        },
      ],
    },
    {
      column: 'seniority_polyvalence',
      ladder: [
        {
          id: '3_bands',
          label: { fr: 'ancienneté → 3 tranches (< 5 ans, 5 à 20 ans, 20 ans et plus)', en: 'seniority → 3 bands (< 5, 5–20, 20+ years)' },
          map: { lt2: 'lt5', y2_5: 'lt5', y5_10: 'y5_20', y10_20: 'y5_20', y20plus: 'y20plus' },
        },
      ],
    },
    { column: 'territory_3', ladder: [] },
    {
      column: 'team_size_band',
      ladder: [
        {
          id: '2_bands',
          label: { fr: 'taille d’équipe → 2 tranches (1 à 7, 8 et plus)', en: 'team size → 2 bands (1–7, 8+)' },
          map: { t1_3: 't1_7', t4_7: 't1_7', t8_12: 't8plus', t13plus: 't8plus' },
        },
      ],
    },
  ],
  // Weak to medium: outside the key set, but rare categories (e.g. CCAS delegation) are merged.
  mergeRare: [
    { column: 'employer_type', into: 'other', label: { fr: 'employeurs rares → autre', en: 'rare employers → other' } },
    { column: 'structure_type', into: 'other', label: { fr: 'lieux de rattachement rares → autre', en: 'rare sites → other' } },
  ],
  asIs: ['fte', 'anas_member', 'recruitment_channel'],
  dropped: [
    ...['territory_type', 'territory_majority', 'communes_band', 'qpv_on_sector', 'home_visit_travel'].map((question) => ({
      question,
      replacedBy: 'territory_3',
      reason: { fr: 'seul territory_3 décrit le territoire dans les fichiers diffusés', en: 'only territory_3 describes the territory in released files' },
    })),
    {
      question: 'team_professions',
      replacedBy: 'multi_prof_team',
      reason: { fr: 'la composition de l’équipe identifie ; seule l’équipe pluriprofessionnelle (oui/non) est diffusée', en: 'team composition identifies; only the multi-professional team flag is released' },
    },
  ],
};
