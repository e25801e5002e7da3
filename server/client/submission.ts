/**
 * Sending a completed questionnaire, so that nothing acknowledged is lost and nothing
 * unacknowledged is thanked:
 * - the complete page (the questionnaire's "merci") stays hidden until the server has
 *   answered 201/200; SurveyJS's `showSaveInProgress / showSaveSuccess / showSaveError`
 *   report the progress;
 * - one UUID per filled questionnaire, kept in the outbox with the answer (and the
 *   section and token of its link) and reused by every attempt, so the server stores it
 *   once, under the link it was completed under;
 * - offline, or when the network or the server fails, the answer waits in the outbox
 *   and is sent again when the connection returns, after a growing delay, or when the
 *   page is opened again;
 * - when the server refuses the answer, it stays in the model: the respondent goes back
 *   to the form when the server found it invalid.
 *
 * Kept free of React and of the DOM so that it runs under vitest with a real Model.
 */
import type { CompleteEvent, SurveyModel } from 'survey-core';
import type { LinkContext, PostAnswer, PostResult } from './api.js';
import type { Outbox } from './outbox.js';

export type SubmissionState =
  | { phase: 'editing' }
  | { phase: 'saving' }
  /** Waiting for the connection (`offline`) or for the next attempt after a failure. */
  | { phase: 'waiting'; offline: boolean; message: string }
  | { phase: 'saved' }
  | { phase: 'failed'; message: string; invalid: boolean; errors: { question: string; message: string }[] };

export interface Submission {
  /** The id sent with every attempt. */
  readonly id: string;
  getState(): SubmissionState;
  /** Registers a listener of state changes; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Sends the same answers again now, with the same id (while waiting, or after a refusal). */
  retry(): Promise<void>;
  /** Reopens the form on the first question the server refused, answers kept. */
  backToForm(): void;
  /**
   * Completes the form with the answer left in the outbox by a previous visit, and sends
   * it. Returns false when the outbox is empty.
   */
  resumeQueued(): boolean;
  /** Stops timers and listeners (when the page goes away). */
  dispose(): void;
}

/** Whether the browser is connected, and when it comes back (`navigator.onLine`, `online`). */
export interface Connectivity {
  isOnline(): boolean;
  /** Calls `listener` when the connection returns; returns the unsubscribe function. */
  onOnline(listener: () => void): () => void;
}

/** The timer functions, injectable for tests. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SubmissionOptions {
  /** Makes the submission id (default `newSubmissionId`). */
  newId?: () => string;
  /** Where a completed answer waits for the server; without it nothing survives a reload. */
  outbox?: Outbox;
  /** Default: always online, never notified. */
  connectivity?: Connectivity;
  timers?: Timers;
  /** Delays between automatic attempts; the last one repeats (default 5 s up to 5 min). */
  retryDelaysMs?: number[];
  /** Called once the server acknowledged the answer (to erase what the browser kept). */
  onSaved?: () => void;
  /** Text shown while waiting for the connection (read at each use, for the language switch). */
  offlineMessage?: () => string;
  /** Section and invitation token of the page's link, sent with the answer. */
  link?: LinkContext;
}

/** Default delays between automatic attempts: soon at first, then every five minutes. */
export const RETRY_DELAYS_MS = [5_000, 15_000, 30_000, 60_000, 120_000, 300_000];

/**
 * A random (version 4) UUID. `crypto.randomUUID` exists only on https pages and
 * localhost; a survey served on a local network over plain http still needs ids.
 */
export function newSubmissionId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
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

const alwaysOnline: Connectivity = { isOnline: () => true, onOnline: () => () => {} };
const globalTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof globalThis.setTimeout>),
};

/**
 * Wires a survey model to the server.
 * @param model The questionnaire model (its complete page is hidden until acknowledged).
 * @param post Sends one answer (see `answerPoster`).
 * @param options Outbox, connectivity, timers and id maker (all injectable for tests).
 */
export function attachSubmission(model: SurveyModel, post: PostAnswer, options: SubmissionOptions = {}): Submission {
  const outbox = options.outbox;
  const connectivity = options.connectivity ?? alwaysOnline;
  const timers = options.timers ?? globalTimers;
  const delays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
  const offlineMessage = options.offlineMessage ?? (() => '');
  // An answer left waiting by a previous visit keeps its id: it may already be stored.
  const queued = outbox?.read();
  const id = queued?.id ?? (options.newId ?? newSubmissionId)();
  // ...and the link it was completed under, whatever link opened the page this time.
  const link: LinkContext = queued ? (queued.link ?? {}) : (options.link ?? {});
  const queue = () => outbox?.write({ id, data: model.data as Record<string, unknown>, link });

  let state: SubmissionState = { phase: 'editing' };
  let lastOptions: CompleteEvent | undefined;
  let attempts = 0;
  let timer: unknown;
  let disposed = false;
  const listeners = new Set<() => void>();
  const set = (s: SubmissionState) => {
    state = s;
    for (const l of listeners) l();
  };

  model.showCompletePage = false;

  const cancelTimer = () => {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
  };

  /** Waits for the connection, or for the next attempt after a failure. */
  function wait(message?: string) {
    const offline = !connectivity.isOnline();
    const text = offline || !message ? offlineMessage() : message;
    lastOptions?.showSaveError(text);
    set({ phase: 'waiting', offline, message: text });
    cancelTimer();
    const delay = delays[Math.min(attempts, delays.length - 1)];
    attempts++;
    timer = timers.setTimeout(() => {
      timer = undefined;
      void send();
    }, delay);
  }

  async function send(): Promise<void> {
    if (disposed || state.phase === 'saving' || state.phase === 'saved' || !lastOptions) return;
    cancelTimer();
    const options = lastOptions;
    const data = model.data as Record<string, unknown>;
    if (!connectivity.isOnline()) return wait();
    set({ phase: 'saving' });
    options.showSaveInProgress();
    let result: PostResult;
    try {
      result = await post({ id, data, ...link });
    } catch (e) {
      result = { ok: false, kind: 'failed', message: e instanceof Error ? e.message : String(e) };
    }
    if (disposed) return;
    if (result.ok) {
      outbox?.clear();
      model.showCompletePage = true;
      options.showSaveSuccess();
      set({ phase: 'saved' });
      notifySaved();
      return;
    }
    if (result.kind === 'failed') return wait(result.message);
    // The server refused: sending the same answer again would be refused again.
    outbox?.clear();
    options.showSaveError(result.message);
    set({ phase: 'failed', message: result.message, invalid: result.kind === 'invalid', errors: result.kind === 'invalid' ? result.errors : [] });
  }

  function notifySaved() {
    try {
      options.onSaved?.();
    } catch (e) {
      // Erasing the browser's copy must not hide that the answer is stored.
      console.error(e);
    }
  }

  model.onComplete.add((_sender, completeOptions) => {
    lastOptions = completeOptions;
    attempts = 0;
    // Kept before the first attempt: a tab closed mid-request still sends it next time.
    queue();
    void send();
  });

  const stopOnline = connectivity.onOnline(() => {
    if (state.phase === 'waiting') void send();
  });

  return {
    id,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async retry() {
      if (state.phase !== 'failed' && state.phase !== 'waiting') return;
      if (state.phase === 'failed' && !state.invalid) queue();
      await send();
    },
    backToForm() {
      if (state.phase !== 'failed') return;
      const errors = state.errors;
      model.clear(false, false);
      set({ phase: 'editing' });
      const first = errors.map((e) => questionOfError(model, e.question)).find((q) => q !== undefined);
      if (first) model.focusQuestion(first);
    },
    resumeQueued() {
      if (!queued || state.phase !== 'editing') return false;
      model.data = queued.data;
      model.doComplete();
      return true;
    },
    dispose() {
      disposed = true;
      cancelTimer();
      stopOnline();
    },
  };
}
