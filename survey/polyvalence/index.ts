import type { QuestionnaireDefinition } from '../types.js';
import { polyvalenceJson } from './questionnaire.js';

/** Identifier of the polyvalence questionnaire: the polyvalence indicators apply only to it. */
export const POLYVALENCE_ID = 'polyvalence';

/**
 * The polyvalence questionnaire, blueprint draft v0.1. Bump `version` (and `date`) for any
 * change to questions or choices once a campaign has used it.
 */
export const polyvalence: QuestionnaireDefinition = {
  id: POLYVALENCE_ID,
  version: '0.1.0',
  date: '2026-11-23',
  json: polyvalenceJson,
};
