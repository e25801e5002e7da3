/**
 * The choice a respondent made in the server-rendered question after the notice (native
 * radio buttons, answerable before the bundle arrived), carried over into the questionnaire.
 */
import type { Model } from 'survey-core';
import { EARLY_QUESTION_INPUT, STATIC_NOTICE_ID } from '../html/respondent-shell.js';

/**
 * Sets the early choice, if any, into `model`: it is the respondent's latest action, so it
 * wins over a value restored from a draft.
 * @returns The question's name when a choice was carried over.
 */
export function takeEarlyAnswer(model: Model, doc: Document = document): string | undefined {
  const input = doc.querySelector<HTMLInputElement>(`#${STATIC_NOTICE_ID} input[name="${EARLY_QUESTION_INPUT}"]:checked`);
  const name = input?.closest<HTMLElement>('fieldset[data-question]')?.dataset.question;
  if (!input || !name) return undefined;
  const question = model.getQuestionByName(name) as { choices?: { value: unknown }[] } | null;
  // The server sent choice values as text; find the model's own (a number stays a number).
  const choice = question?.choices?.find((c) => String(c.value) === input.value);
  if (!choice) return undefined;
  model.setValue(name, choice.value);
  return name;
}

/** True when the keyboard focus is in the server-rendered notice (about to be removed). */
export function focusInEarlyNotice(doc: Document = document): boolean {
  return doc.activeElement?.closest(`#${STATIC_NOTICE_ID}`) != null;
}
