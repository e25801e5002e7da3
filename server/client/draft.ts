/**
 * Answers in progress kept in this browser: saved at every change with the page
 * reached, restored when the page is opened again, erased once the server has stored
 * the answer or when the respondent asks.
 *
 * Kept free of React and of the DOM so that it runs under vitest with a real Model.
 */
import type { SurveyModel } from 'survey-core';
import { readJson, removeKey, writeJson, type KeyValueStorage } from './browser-storage.js';

/** What is kept for one campaign. */
export interface LocalDraft {
  data: Record<string, unknown>;
  /** Name of the page the respondent was on. */
  page?: string;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Keeps only the values the questionnaire can hold: a question's value, or the text of
 * its "other" choice. Anything else (a value saved by an older version of the form, a
 * draft tampered with) is dropped rather than sent with the answer.
 */
export function restorableData(model: SurveyModel, data: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isPlainObject(data)) return out;
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined || value === null) continue;
    const name = key.endsWith('-Comment') ? key.slice(0, -'-Comment'.length) : key;
    if (model.getQuestionByValueName(name) || model.getQuestionByName(name)) out[key] = value;
  }
  return out;
}

/**
 * The page to reopen answers that came without one (from another device): the last
 * visible page holding an answer, so the respondent goes on where they stopped.
 */
export function furthestAnsweredPage(model: SurveyModel): string | undefined {
  let found: string | undefined;
  for (const page of model.visiblePages) {
    if (page.questions.some((q) => q.isVisible && !q.isEmpty())) found = page.name;
  }
  return found;
}

/**
 * Puts answers into the model and opens the given page (or the furthest answered one).
 * @returns False when there was nothing to restore.
 */
export function loadAnswers(model: SurveyModel, data: unknown, pageName?: string): boolean {
  const values = restorableData(model, data);
  if (Object.keys(values).length === 0) return false;
  model.data = values;
  const target = model.visiblePages.find((p) => p.name === (pageName ?? furthestAnsweredPage(model)));
  if (target) model.currentPage = target;
  return true;
}

export interface DraftKeeper {
  /** True when answers in progress were found in this browser and put back in the form. */
  readonly restored: boolean;
  /** Saves now (after answers were put in the form by code, which fires no change event). */
  save(): void;
  /** Erases the kept answers (the form itself is left to the caller). */
  erase(): void;
  /** Stops saving (after completion); what is kept stays until `erase`. */
  stop(): void;
}

/**
 * Restores the kept answers into `model`, then saves them at every change.
 * @param storage The browser's storage (or `undefined`: nothing is kept).
 * @param key Where this campaign's answers are kept (`storageKeys(id).draft`).
 */
export function keepDraft(model: SurveyModel, storage: KeyValueStorage | undefined, key: string): DraftKeeper {
  const kept = readJson(storage, key);
  let restored = false;
  if (isPlainObject(kept)) restored = loadAnswers(model, kept.data, typeof kept.page === 'string' ? kept.page : undefined);
  if (!restored) removeKey(storage, key);

  let active = true;
  const save = () => {
    if (!active || model.state !== 'running') return;
    // Calculated values are left out: the form computes them again.
    const draft: LocalDraft = { data: restorableData(model, model.data), page: model.currentPage?.name };
    if (Object.keys(draft.data).length === 0) removeKey(storage, key);
    else writeJson(storage, key, draft);
  };
  model.onValueChanged.add(save);
  model.onCurrentPageChanged.add(save);

  return {
    restored,
    save,
    erase() {
      removeKey(storage, key);
    },
    stop() {
      active = false;
      model.onValueChanged.remove(save);
      model.onCurrentPageChanged.remove(save);
    },
  };
}
