/**
 * The polyvalence campaign a command works on: the one given with --campaign, or the only
 * polyvalence campaign of the store. Mixing several (the synthetic demo with a real one,
 * say) would publish figures that belong to none of them.
 */
import { campaignThresholds } from '../server/campaigns.js';
import type { AnswerStore, Campaign, StoredAnswer } from '../server/store/types.js';
import type { DisclosureThresholds } from '../analysis/disclosure/thresholds.js';
import { polyvalence, POLYVALENCE_ID } from '../survey/polyvalence/index.js';
import type { QuestionnaireDefinition } from '../survey/types.js';
import { UsageError } from './args.js';

export interface PolyvalenceCampaign {
  campaign: Campaign;
  definition: QuestionnaireDefinition;
  disclosure: DisclosureThresholds;
  answers: StoredAnswer[];
}

/**
 * Finds the campaign, without reading its answers.
 * @param what What needs the polyvalence questionnaire, for the error message (e.g. "the national report").
 * @throws UsageError when the store holds several polyvalence campaigns and none is named;
 *   Error when there is none, the named one does not exist or runs another questionnaire.
 */
export async function findPolyvalenceCampaign(store: AnswerStore, campaignId: string | undefined, what: string): Promise<Omit<PolyvalenceCampaign, 'answers'>> {
  let id = campaignId;
  if (id === undefined) {
    const candidates = (await store.listCampaigns()).filter((c) => c.questionnaireId === POLYVALENCE_ID);
    if (candidates.length === 0) throw new Error('no polyvalence campaign in this database');
    if (candidates.length > 1) throw new UsageError(`this database holds ${candidates.length} polyvalence campaigns (${candidates.map((c) => c.id).join(', ')}): choose one with --campaign`);
    id = candidates[0].id;
  }
  const campaign = await store.getCampaign(id);
  if (!campaign) throw new Error(`no campaign "${id}" in this database`);
  if (campaign.questionnaireId !== POLYVALENCE_ID) {
    throw new Error(`campaign "${campaign.id}" runs questionnaire "${campaign.questionnaireId}": ${what} needs the polyvalence questionnaire`);
  }
  const definition = (await store.getQuestionnaire(campaign.questionnaireId, campaign.questionnaireVersion)) ?? polyvalence;
  return { campaign, definition, disclosure: campaignThresholds(campaign) };
}

/**
 * Finds the campaign (as findPolyvalenceCampaign) and reads all its answers into memory.
 * @param what What needs the polyvalence questionnaire, for the error message.
 */
export async function readPolyvalenceCampaign(store: AnswerStore, campaignId: string | undefined, what: string): Promise<PolyvalenceCampaign> {
  const found = await findPolyvalenceCampaign(store, campaignId, what);
  const answers: StoredAnswer[] = [];
  for await (const a of store.iterateAnswers({ campaignId: found.campaign.id })) answers.push(a);
  return { ...found, answers };
}
