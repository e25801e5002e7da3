import { polyvalence } from './polyvalence/index.js';
import type { QuestionnaireDefinition } from './types.js';

/** Questionnaires shipped with the toolkit, saved into every store at start-up. */
export const BUILTIN_QUESTIONNAIRES: readonly QuestionnaireDefinition[] = [polyvalence];
