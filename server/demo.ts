/**
 * The demo set-up: built-in questionnaires saved in the store, and a campaign filled
 * with synthetic respondents, so that a fresh install shows something real.
 */
import { BUILTIN_QUESTIONNAIRES } from '../survey/builtin.js';
import { polyvalence } from '../survey/polyvalence/index.js';
import { generateAnswers } from '../survey/polyvalence/synthetic.js';
import { syntheticMarginsCsv } from '../survey/polyvalence/synthetic-profiles.js';
import type { AnswerStore, Campaign } from './store/types.js';

export const DEMO_CAMPAIGN_ID = 'demo';

/** Saves the built-in questionnaires (idempotent). */
export async function saveBuiltinQuestionnaires(store: AnswerStore): Promise<void> {
  for (const def of BUILTIN_QUESTIONNAIRES) await store.saveQuestionnaire(def);
}

/**
 * Returns the campaign, creating it on the polyvalence questionnaire when it does not exist.
 * @param title Title shown to respondents and organisers.
 */
export async function ensurePolyvalenceCampaign(store: AnswerStore, id: string, title: string): Promise<Campaign> {
  await saveBuiltinQuestionnaires(store);
  const existing = await store.getCampaign(id);
  if (existing) return existing;
  return store.createCampaign({
    id,
    title,
    questionnaireId: polyvalence.id,
    questionnaireVersion: polyvalence.version,
    status: 'open',
  });
}

export interface SeedResult {
  campaign: Campaign;
  inserted: number;
}

/**
 * Stores `n` synthetic answers in a polyvalence campaign (created when missing).
 * The generator's answers are valid by construction (its tests validate them), so they
 * are not run through the validator again here: that would cost ~15 ms each.
 */
export async function seedSynthetic(store: AnswerStore, options: { n: number; seed?: number; campaignId: string; title?: string }): Promise<SeedResult> {
  const campaign = await ensurePolyvalenceCampaign(store, options.campaignId, options.title ?? 'Enquête de démonstration (réponses synthétiques)');
  if (campaign.questionnaireId !== polyvalence.id) {
    throw new Error(`Campaign "${campaign.id}" runs questionnaire "${campaign.questionnaireId}": synthetic respondents exist only for "${polyvalence.id}"`);
  }
  let inserted = 0;
  for (const a of generateAnswers({ n: options.n, seed: options.seed })) {
    const r = await store.insertAnswer({
      id: a.id,
      campaignId: campaign.id,
      questionnaireId: campaign.questionnaireId,
      questionnaireVersion: campaign.questionnaireVersion,
      submittedOn: a.submittedOn,
      data: a.data,
    });
    if (r.stored) inserted++;
  }
  return { campaign, inserted };
}

/**
 * Creates the demo campaign, with synthetic population margins for its live returns, and
 * fills it with `n` synthetic answers if it is empty.
 */
export async function ensureDemo(store: AnswerStore, n = 600): Promise<SeedResult> {
  const campaign = await ensurePolyvalenceCampaign(store, DEMO_CAMPAIGN_ID, 'Enquête de démonstration (réponses synthétiques)');
  if ((await store.getMargins(campaign.id)) === undefined) await store.saveMargins(campaign.id, syntheticMarginsCsv());
  if ((await store.countAnswers(campaign.id)) > 0) return { campaign, inserted: 0 };
  return seedSynthetic(store, { n, campaignId: campaign.id, seed: 20261123 });
}
