/**
 * Which analysis plan a questionnaire is reported with. The plans themselves live
 * beside their questionnaires in survey/.
 */
import type { AnalysisPlan, PopulationCondition } from '../analysis/definitions.js';
import { POLYVALENCE_ID } from '../survey/polyvalence/index.js';
import { polyvalencePlan } from '../survey/polyvalence/indicators.js';
import type { QuestionnaireDefinition } from '../survey/types.js';

const PLANS: Record<string, AnalysisPlan> = { [POLYVALENCE_ID]: polyvalencePlan };

/**
 * The analysis plan of a questionnaire.
 * @throws When no plan is known for the questionnaire's id.
 */
export function planFor(definition: QuestionnaireDefinition): AnalysisPlan {
  const plan = Object.hasOwn(PLANS, definition.id) ? PLANS[definition.id] : undefined;
  if (!plan) throw new Error(`No analysis plan for questionnaire "${definition.id}"; known: ${Object.keys(PLANS).join(', ')}`);
  return plan;
}

/**
 * Conditions for an answer to count as complete in the live returns: the population of
 * the questionnaire's analysis plan (for polyvalence: consent = yes and eligible = yes,
 * so refusals and screened-out answers are stored but not complete); none for a
 * questionnaire without a plan, whose stored answers are all finished forms.
 */
export function completionConditions(definition: QuestionnaireDefinition): PopulationCondition[] {
  return Object.hasOwn(PLANS, definition.id) ? [...PLANS[definition.id].population] : [];
}
