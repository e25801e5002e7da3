/**
 * The crash test's load client: workers that submit distinct valid polyvalence answers to
 * one or several servers, each with a fresh version 4 UUID, as the respondent page does.
 * A failed attempt (connection refused or reset, time-out, 5xx) is retried with the same
 * id and body until the server acknowledges it (201 `stored`, or 200 `already_stored`
 * when an earlier attempt reached the disk but its response was lost). Any other answer
 * from the server is a bug of the set-up (422, 429…) and stops the load.
 */
import { randomUUID } from 'node:crypto';

/** How a submission ended. */
export type Acknowledgement = 'stored' | 'already_stored';

export interface LoadOptions {
  /** Base URLs of the servers; attempts go to them in turn, so a retry goes to the next one. */
  urls: string[];
  campaignId: string;
  /** Concurrent workers, each with one submission in flight. */
  workers: number;
  /** Answer data to submit, used in turn (valid polyvalence answers). */
  bodies: Record<string, unknown>[];
  /** Pause before a retry (default 200 ms). */
  retryDelayMs?: number;
  /** Time after which an attempt is abandoned as failed (default 15 s). */
  attemptTimeoutMs?: number;
  /** After `stop()`, how long a worker keeps retrying its last answer before giving up (default 60 s). */
  drainTimeoutMs?: number;
}

export interface LoadResult {
  /** Every id the server acknowledged, with how. */
  acknowledged: Map<string, Acknowledgement>;
  /** Which of the bodies each submitted id carried (its index in `bodies`). */
  bodyOf: Map<string, number>;
  /** Ids submitted but never acknowledged (only when the drain time ran out). */
  abandoned: Set<string>;
  /** Attempts made, successful or not. */
  attempts: number;
  /** Failed attempts, each followed by a retry with the same id. */
  failedAttempts: number;
  /** Answers that needed more than one attempt. */
  retriedAnswers: number;
  /** Attempts answered with a 5xx status (retried too): a server error, not a crash. */
  serverErrors: number;
}

export interface LoadClient {
  /** Resolves once every worker has finished its answer in flight. */
  stop(): Promise<LoadResult>;
  /** Acknowledged answers so far. */
  acknowledgedCount(): number;
  /** The ids acknowledged so far. */
  acknowledgedIds(): string[];
  /** The set-up error that stopped a worker, if any (so that a run can end early). */
  failure(): Error | undefined;
  /** Ends the workers after their current attempt, without draining (when the run failed). */
  abort(): Promise<void>;
}

/** A server reply that retrying cannot fix: the test set-up is wrong. */
export class LoadSetupError extends Error {}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Starts the workers at once.
 * @throws LoadSetupError (from `stop()`) when a server refused an answer for a reason other than being down.
 */
export function startLoad(options: LoadOptions): LoadClient {
  if (options.urls.length === 0 || options.bodies.length === 0 || options.workers < 1) {
    throw new RangeError('startLoad needs at least one URL, one answer body and one worker');
  }
  const retryDelayMs = options.retryDelayMs ?? 200;
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 15_000;
  const drainTimeoutMs = options.drainTimeoutMs ?? 60_000;
  const result: LoadResult = { acknowledged: new Map(), bodyOf: new Map(), abandoned: new Set(), attempts: 0, failedAttempts: 0, retriedAnswers: 0, serverErrors: 0 };
  let stopping = false;
  let drainDeadline = Infinity;
  let fatal: Error | undefined;
  let next = 0;
  let turn = 0;

  /** One attempt: the acknowledgement, or undefined when it failed in a retryable way. */
  async function attempt(id: string, body: string): Promise<Acknowledgement | undefined> {
    const url = `${options.urls[turn++ % options.urls.length]}/api/campaigns/${encodeURIComponent(options.campaignId)}/answers`;
    result.attempts++;
    let res: Response;
    try {
      res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, signal: AbortSignal.timeout(attemptTimeoutMs) });
    } catch {
      return undefined; // refused, reset or timed out: the server is down or was killed.
    }
    let text = '';
    try {
      text = await res.text();
    } catch {
      return undefined; // killed while sending the response.
    }
    if (res.status >= 500) {
      result.serverErrors++;
      return undefined;
    }
    if (res.status === 201) return 'stored';
    if (res.status === 200 && (JSON.parse(text) as { status?: string }).status === 'already_stored') return 'already_stored';
    throw new LoadSetupError(`the server answered ${res.status} to answer ${id}: ${text.slice(0, 300)}`);
  }

  async function worker(): Promise<void> {
    while (!stopping && !fatal) {
      const id = randomUUID();
      const index = next++ % options.bodies.length;
      result.bodyOf.set(id, index);
      const body = JSON.stringify({ id, data: options.bodies[index] });
      let tries = 0;
      for (;;) {
        tries++;
        let ack: Acknowledgement | undefined;
        try {
          ack = await attempt(id, body);
        } catch (e) {
          fatal ??= e as Error;
          result.abandoned.add(id);
          return;
        }
        if (ack) {
          result.acknowledged.set(id, ack);
          if (tries > 1) result.retriedAnswers++;
          break;
        }
        result.failedAttempts++;
        if (Date.now() >= drainDeadline) {
          result.abandoned.add(id);
          return;
        }
        await sleep(retryDelayMs);
      }
    }
  }

  const running = Array.from({ length: options.workers }, () => worker());
  return {
    acknowledgedCount: () => result.acknowledged.size,
    acknowledgedIds: () => [...result.acknowledged.keys()],
    failure: () => fatal,
    async abort() {
      stopping = true;
      drainDeadline = 0;
      await Promise.all(running);
    },
    async stop() {
      stopping = true;
      drainDeadline = Date.now() + drainTimeoutMs;
      await Promise.all(running);
      if (fatal) throw fatal;
      return result;
    },
  };
}
