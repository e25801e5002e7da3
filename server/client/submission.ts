/**
 * Sending a completed questionnaire, so that nothing acknowledged is lost and nothing
 * unacknowledged is thanked:
 * - the complete page (the questionnaire's "merci") stays hidden until the server has
 *   answered 201/200; SurveyJS's `showSaveInProgress / showSaveSuccess / showSaveError`
 *   report the progress;
 * - one UUID per filled questionnaire, reused by every retry, so the server stores it once;
 * - on failure the answers stay in the model: the respondent retries, or goes back to the
 *   form when the server found an answer invalid.
 *
 * Kept free of React and of the DOM so that it runs under vitest with a real Model.
 */
import type { CompleteEvent, SurveyModel } from 'survey-core';
import type { PostAnswer, PostResult } from './api.js';

export type SubmissionState =
  | { phase: 'editing' }
  | { phase: 'saving' }
  | { phase: 'saved' }
  | { phase: 'failed'; message: string; invalid: boolean; errors: { question: string; message: string }[] };

export interface Submission {
  /** The id sent with every attempt. */
  readonly id: string;
  getState(): SubmissionState;
  /** Registers a listener of state changes; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Sends the same answers again, with the same id (after a network or server failure). */
  retry(): Promise<void>;
  /** Reopens the form on the first question the server refused, answers kept. */
  backToForm(): void;
}

/** Question of the model named by a server error (`q`, `q.row`, `q-Comment`). */
export function questionOfError(model: SurveyModel, name: string): string | undefined {
  for (const candidate of [name, name.split('.')[0], name.replace(/-Comment$/, '')]) {
    if (model.getQuestionByName(candidate)) return candidate;
  }
  return undefined;
}

/** Title of the question named by a server error, in the model's current language. */
export function questionTitle(model: SurveyModel, name: string): string {
  const q = questionOfError(model, name);
  return q ? model.getQuestionByName(q).title : name;
}

/**
 * Wires a survey model to the server.
 * @param model The questionnaire model (its complete page is hidden until acknowledged).
 * @param post Sends one answer (see `answerPoster`).
 * @param newId Makes the submission id (default `crypto.randomUUID`).
 */
export function attachSubmission(model: SurveyModel, post: PostAnswer, newId: () => string = () => crypto.randomUUID()): Submission {
  const id = newId();
  let state: SubmissionState = { phase: 'editing' };
  let lastOptions: CompleteEvent | undefined;
  const listeners = new Set<() => void>();
  const set = (s: SubmissionState) => {
    state = s;
    for (const l of listeners) l();
  };

  model.showCompletePage = false;

  async function send(options: CompleteEvent): Promise<void> {
    if (state.phase === 'saving' || state.phase === 'saved') return;
    lastOptions = options;
    set({ phase: 'saving' });
    options.showSaveInProgress();
    let result: PostResult;
    try {
      result = await post({ id, data: model.data as Record<string, unknown> });
    } catch (e) {
      result = { ok: false, kind: 'failed', message: e instanceof Error ? e.message : String(e) };
    }
    if (result.ok) {
      model.showCompletePage = true;
      options.showSaveSuccess();
      set({ phase: 'saved' });
      return;
    }
    options.showSaveError(result.message);
    set({ phase: 'failed', message: result.message, invalid: result.kind === 'invalid', errors: result.kind === 'invalid' ? result.errors : [] });
  }

  model.onComplete.add((_sender, options) => {
    void send(options);
  });

  return {
    id,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async retry() {
      if (state.phase !== 'failed' || !lastOptions) return;
      await send(lastOptions);
    },
    backToForm() {
      if (state.phase !== 'failed') return;
      const errors = state.errors;
      model.clear(false, false);
      set({ phase: 'editing' });
      const first = errors.map((e) => questionOfError(model, e.question)).find((q) => q !== undefined);
      if (first) model.focusQuestion(first);
    },
  };
}
