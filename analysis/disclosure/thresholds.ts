/**
 * Disclosure thresholds of a campaign (blueprint §5): how many respondents a published
 * group needs, the smallest count a published cell may show, and the k of the
 * k-anonymity check of microdata. Every output states the thresholds it applied.
 */
import { DISCLOSURE_THRESHOLD, type BilingualText } from '../../survey/types.js';

/** The three thresholds disclosure control applies. */
export interface DisclosureThresholds {
  /** A group (a département, a cross of quasi-identifiers) is published only with at least this many respondents. */
  minGroup: number;
  /** A count from 1 to minCell − 1 is never shown. */
  minCell: number;
  /** Every combination of quasi-identifiers in released microdata is shared by at least k records. */
  k: number;
}

/** Defaults: groups of 10, cells of 5 (the notice's promise), k = 5. */
export const DEFAULT_DISCLOSURE_THRESHOLDS: Readonly<DisclosureThresholds> = Object.freeze({
  minGroup: 10,
  minCell: DISCLOSURE_THRESHOLD,
  k: DISCLOSURE_THRESHOLD,
});

/** Largest accepted value of any threshold: beyond it nothing a survey of this size yields could be published. */
export const MAX_THRESHOLD = 1000;

/** Thrown when thresholds are invalid; `problems` has one bilingual sentence per problem. */
export class DisclosureThresholdsError extends Error {
  constructor(readonly problems: BilingualText[]) {
    super(problems.map((p) => p.en).join('; '));
    this.name = 'DisclosureThresholdsError';
  }
}

const NAMES: readonly (keyof DisclosureThresholds)[] = ['minGroup', 'minCell', 'k'];

/**
 * Checks thresholds given in part or in full (missing ones take the defaults).
 * None may go under the notice's promise (DISCLOSURE_THRESHOLD) or above MAX_THRESHOLD,
 * and a group may not be smaller than a cell.
 * @param input An object with any of `minGroup`, `minCell`, `k` (whole numbers).
 * @returns The complete thresholds.
 * @throws DisclosureThresholdsError listing every problem.
 */
export function validateThresholds(input: unknown): DisclosureThresholds {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new DisclosureThresholdsError([{ fr: 'les seuils doivent être un objet {minGroup, minCell, k}', en: 'thresholds must be an object {minGroup, minCell, k}' }]);
  }
  const obj = input as Record<string, unknown>;
  const problems: BilingualText[] = [];
  for (const key of Object.keys(obj)) {
    if (!(NAMES as readonly string[]).includes(key)) problems.push({ fr: `seuil inconnu « ${key} » (attendus : minGroup, minCell, k)`, en: `unknown threshold "${key}" (expected: minGroup, minCell, k)` });
  }
  const out: DisclosureThresholds = { ...DEFAULT_DISCLOSURE_THRESHOLDS };
  for (const key of NAMES) {
    const v = obj[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < DISCLOSURE_THRESHOLD || v > MAX_THRESHOLD) {
      problems.push({
        fr: `${key} doit être un nombre entier de ${DISCLOSURE_THRESHOLD} à ${MAX_THRESHOLD} (la notice promet qu’aucun chiffre ne vient de moins de ${DISCLOSURE_THRESHOLD} personnes), reçu ${JSON.stringify(v)}`,
        en: `${key} must be a whole number from ${DISCLOSURE_THRESHOLD} to ${MAX_THRESHOLD} (the notice promises no figure comes from fewer than ${DISCLOSURE_THRESHOLD} people), got ${JSON.stringify(v)}`,
      });
      continue;
    }
    out[key] = v;
  }
  if (!problems.length && out.minGroup < out.minCell) {
    problems.push({
      fr: `minGroup (${out.minGroup}) ne peut pas être inférieur à minCell (${out.minCell})`,
      en: `minGroup (${out.minGroup}) cannot be smaller than minCell (${out.minCell})`,
    });
  }
  if (problems.length) throw new DisclosureThresholdsError(problems);
  return out;
}

/**
 * The sentence every output carries to state the thresholds it applied.
 * @param t The thresholds applied.
 */
export function thresholdsStatement(t: DisclosureThresholds): BilingualText {
  return {
    fr: `Contrôle de la divulgation : un groupe n’est publié qu’avec au moins ${t.minGroup} répondant·es ; aucun effectif de 1 à ${t.minCell - 1} n’est affiché, ni aucune case qui permettrait de le recalculer ; les microdonnées diffusées sont ${t.k}-anonymes sur les quasi-identifiants.`,
    en: `Disclosure control: a group is published only with at least ${t.minGroup} respondents; no count from 1 to ${t.minCell - 1} is shown, nor any cell that would let one be worked out; released microdata are ${t.k}-anonymous on the quasi-identifiers.`,
  };
}
