/**
 * Questionnaire versions ready to serve: definition, validator (compiled when possible) and codebook, built once
 * per id+version and reused for every request (building a survey-core Model costs tens
 * of milliseconds). A stored id+version never changes (the store refuses it), so the
 * cache never needs invalidating.
 */
import { buildCodebook } from '../survey/codebook.js';
import type { Codebook, QuestionnaireDefinition } from '../survey/types.js';
import type { AnswerValidator } from '../survey/validate.js';
import { createFastAnswerValidator } from '../survey/validator/compile.js';
import type { AnswerStore, Campaign } from './store/types.js';

export interface PreparedQuestionnaire {
  def: QuestionnaireDefinition;
  validate: AnswerValidator;
  /** True when `validate` is the compiled validator, false when the questionnaire needs survey-core's. */
  compiledValidator: boolean;
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
          // The compiled validator when the questionnaire allows it (microseconds an answer), survey-core's otherwise.
          const validator = createFastAnswerValidator(def);
          if (!validator.compiled) console.warn(`Questionnaire ${id}@${version}: answers validated by survey-core (slower), because of ${validator.construct}`);
          return { def, validate: validator.validate, compiledValidator: validator.compiled, codebook: buildCodebook(def) };
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
