/**
 * A campaign's population margins read for the weighting column of its questionnaire's
 * analysis plan, shared by the CLI (`report`) and the organisers' national report page.
 */
import { MarginsCsvError, parseMarginsCsv } from '../analysis/returns.js';
import { buildCodebook } from '../survey/codebook.js';
import type { Locale, QuestionnaireDefinition } from '../survey/types.js';
import { planFor } from './plans.js';

/**
 * Parses margins CSV text for the plan's weighting column.
 * @returns The population per code, or undefined without text or without weighting in the plan.
 * @throws Error "margins: …" (in the given language) when the CSV is not valid margins.
 */
export function planMargins(definition: QuestionnaireDefinition, text: string | undefined, locale: Locale): ReadonlyMap<string, number> | undefined {
  const weighting = planFor(definition).weighting;
  if (text === undefined || !weighting) return undefined;
  const column = weighting.column;
  try {
    return parseMarginsCsv(text, { codeColumn: column, knownCodes: buildCodebook(definition).columns.find((c) => c.name === column)?.choices?.map((c) => c.value) });
  } catch (err) {
    if (err instanceof MarginsCsvError) throw new Error(`margins: ${err.describe(locale)}`);
    throw err;
  }
}
