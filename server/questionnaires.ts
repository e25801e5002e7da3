/**
 * Questionnaire versions ready to serve: definition, validator and codebook, built once
 * per id+version and reused for every request (building a survey-core Model costs tens
 * of milliseconds). A stored id+version never changes (the store refuses it), so the
 * cache never needs invalidating.
 */
import { buildCodebook } from '../survey/codebook.js';
import type { Codebook, QuestionnaireDefinition } from '../survey/types.js';
import { createAnswerValidator, type AnswerValidator } from '../survey/validate.js';
import type { AnswerStore, Campaign } from './store/types.js';

export interface PreparedQuestionnaire {
  def: QuestionnaireDefinition;
  validate: AnswerValidator;
  codebook: Codebook;
}

export interface QuestionnaireCache {
  /** The prepared questionnaire, or `undefined` when the store does not hold it. */
  get(id: string, version: string): Promise<PreparedQuestionnaire | undefined>;
}

/**
 * Creates a cache of prepared questionnaires read from a store.
 * Concurrent first requests share one build.
 */
export function createQuestionnaireCache(store: AnswerStore): QuestionnaireCache {
  const cache = new Map<string, Promise<PreparedQuestionnaire | undefined>>();
  return {
    get(id, version) {
      const key = JSON.stringify([id, version]);
      let entry = cache.get(key);
      if (!entry) {
        entry = (async () => {
          const def = await store.getQuestionnaire(id, version);
          if (!def) return undefined;
          return { def, validate: createAnswerValidator(def), codebook: buildCodebook(def) };
        })();
        cache.set(key, entry);
        // Do not remember failures or absences: a later request may succeed.
        entry.then(
          (v) => {
            if (!v) cache.delete(key);
          },
          () => cache.delete(key),
        );
      }
      return entry;
    },
  };
}

/**
 * The prepared questionnaire version a campaign runs.
 * @throws when the store does not hold it: a campaign is only created on a stored version,
 *   so this is a damaged store, reported to the operator, never to the client.
 */
export async function campaignQuestionnaire(cache: QuestionnaireCache, campaign: Campaign): Promise<PreparedQuestionnaire> {
  const prepared = await cache.get(campaign.questionnaireId, campaign.questionnaireVersion);
  if (!prepared) throw new Error(`Campaign ${campaign.id}: questionnaire ${campaign.questionnaireId}@${campaign.questionnaireVersion} is missing from the store`);
  return prepared;
}
