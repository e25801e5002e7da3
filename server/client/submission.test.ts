import { readFileSync } from 'node:fs';
import { Model } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { registerCustomProperties } from '../../survey/properties.js';
import type { QuestionnaireDefinition } from '../../survey/types.js';
import type { PostAnswer, PostResult } from './api.js';
import { memoryStorage } from './browser-storage.js';
import { storageOutbox } from './outbox.js';
import { attachSubmission, newSubmissionId, questionOfError, questionTitle, RETRY_DELAYS_MS } from './submission.js';

const mini = JSON.parse(readFileSync(new URL('../../test/fixtures/mini-questionnaire.json', import.meta.url), 'utf8')) as QuestionnaireDefinition;

/** A post function whose answers the test decides, one per call. */
function scriptedPost(results: PostResult[]) {
  const calls: { id: string; data: Record<string, unknown> }[] = [];
  const post: PostAnswer = async (body) => {
    calls.push(structuredClone(body));
    const r = results.shift();
    if (!r) throw new Error('unexpected call');
    return r;
  };
  return { post, calls };
}

function filledModel() {
  registerCustomProperties();
  const model = new Model(mini.json);
  model.data = { consent: 'yes', dept_code: '02D', team_size: 3 };
  return model;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Timers the test fires by hand: no real waiting, no timing in the assertions. */
function fakeTimers() {
  let next = 1;
  const queue = new Map<number, { fn: () => void; ms: number }>();
  return {
    setTimeout(fn: () => void, ms: number) {
      queue.set(next, { fn, ms });
      return next++;
    },
    clearTimeout(h: unknown) {
      queue.delete(h as number);
    },
    /** Delays of the timers not yet fired. */
    pending: () => [...queue.values()].map((t) => t.ms),
    /** Fires every pending timer. */
    async fire() {
      const due = [...queue.entries()];
      queue.clear();
      for (const [, t] of due) t.fn();
      await settle();
    },
  };
}

/** A connection the test turns off and on. */
function fakeConnectivity(online = true) {
  const listeners = new Set<() => void>();
  return {
    isOnline: () => online,
    onOnline(l: () => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    async set(value: boolean) {
      online = value;
      if (value) for (const l of listeners) l();
      await settle();
    },
  };
}

describe('attachSubmission', () => {
  it('shows the complete page only once the server acknowledged', async () => {
    const model = filledModel();
    let release!: (r: PostResult) => void;
    const post: PostAnswer = () => new Promise((resolve) => (release = resolve));
    const sub = attachSubmission(model, post, { newId: () => 'id-1' });
    model.doComplete();
    expect(model.state).toBe('completed');
    expect(sub.getState().phase).toBe('saving');
    expect(model.completedState).toBe('saving');
    expect(model.showCompletePage).toBe(false);
    release({ ok: true, status: 'stored' });
    await settle();
    expect(sub.getState().phase).toBe('saved');
    expect(model.showCompletePage).toBe(true);
    expect(model.completedState).toBe('success');
  });

  it('keeps the answers after a failure and retries with the same id', async () => {
    const model = filledModel();
    const { post, calls } = scriptedPost([
      { ok: false, kind: 'failed', message: 'Connexion perdue' },
      { ok: true, status: 'already_stored' },
    ]);
    const timers = fakeTimers();
    const sub = attachSubmission(model, post, { newId: () => 'id-2', timers });
    const seen: string[] = [];
    sub.subscribe(() => seen.push(sub.getState().phase));
    model.doComplete();
    await settle();
    expect(sub.getState()).toMatchObject({ phase: 'waiting', message: 'Connexion perdue', offline: false });
    expect(model.completedState).toBe('error');
    expect(model.completedStateText).toBe('Connexion perdue');
    expect(model.showCompletePage).toBe(false);
    await sub.retry();
    expect(sub.getState().phase).toBe('saved');
    expect(timers.pending()).toEqual([]);
    expect(calls.map((c) => c.id)).toEqual(['id-2', 'id-2']);
    expect(calls[1].data).toEqual(calls[0].data);
    expect(calls[0].data).toMatchObject({ consent: 'yes', dept_code: '02D', team_size: 3 });
    expect(seen).toEqual(['saving', 'waiting', 'saving', 'saved']);
  });

  it('returns to the form on an invalid answer, answers kept, and sends the correction with the same id', async () => {
    const model = filledModel();
    const { post, calls } = scriptedPost([
      { ok: false, kind: 'invalid', message: 'La réponse est invalide : team_size : doit être au plus 50', errors: [{ question: 'team_size', message: 'doit être au plus 50' }] },
      { ok: true, status: 'stored' },
    ]);
    const sub = attachSubmission(model, post, { newId: () => 'id-3' });
    model.doComplete();
    await settle();
    expect(sub.getState()).toMatchObject({ phase: 'failed', invalid: true });
    sub.backToForm();
    expect(model.state).toBe('running');
    expect(sub.getState().phase).toBe('editing');
    expect(model.data).toMatchObject({ consent: 'yes', dept_code: '02D', team_size: 3 });
    expect(model.currentPage.name).toBe('p1');
    model.setValue('team_size', 4);
    model.doComplete();
    await settle();
    expect(sub.getState().phase).toBe('saved');
    expect(calls.map((c) => [c.id, c.data.team_size])).toEqual([
      ['id-3', 3],
      ['id-3', 4],
    ]);
  });

  it('turns a thrown error into a failure that is retried', async () => {
    const model = filledModel();
    const sub = attachSubmission(model, async () => {
      throw new Error('boom');
    }, { timers: fakeTimers() });
    model.doComplete();
    await settle();
    expect(sub.getState()).toMatchObject({ phase: 'waiting', message: 'boom' });
    expect(sub.id).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('offline and retries', () => {
  const OFFLINE = 'Hors ligne : votre réponse sera envoyée au retour de la connexion.';

  it('queues the answer while offline, and sends it once when the connection returns', async () => {
    const model = filledModel();
    const storage = memoryStorage();
    const outbox = storageOutbox(storage, 'outbox');
    const net = fakeConnectivity(false);
    const timers = fakeTimers();
    const { post, calls } = scriptedPost([{ ok: true, status: 'stored' }]);
    let saved = 0;
    const sub = attachSubmission(model, post, { newId: () => 'id-off', outbox, connectivity: net, timers, offlineMessage: () => OFFLINE, onSaved: () => saved++ });
    model.doComplete();
    await settle();
    expect(calls).toEqual([]);
    expect(sub.getState()).toEqual({ phase: 'waiting', offline: true, message: OFFLINE });
    expect(model.showCompletePage).toBe(false);
    expect(outbox.read()).toEqual({ id: 'id-off', data: model.data });
    // A periodic check while still offline sends nothing.
    await timers.fire();
    expect(calls).toEqual([]);
    await net.set(true);
    expect(calls.map((c) => c.id)).toEqual(['id-off']);
    expect(sub.getState().phase).toBe('saved');
    expect(model.showCompletePage).toBe(true);
    expect(outbox.read()).toBeUndefined();
    expect(saved).toBe(1);
    // Later events change nothing: the answer is stored once.
    await net.set(true);
    await timers.fire();
    expect(calls).toHaveLength(1);
  });

  it('retries after network failures with growing delays, always with the same id', async () => {
    const model = filledModel();
    const timers = fakeTimers();
    const failures: PostResult[] = Array.from({ length: RETRY_DELAYS_MS.length + 1 }, () => ({ ok: false, kind: 'failed', message: 'réseau' }));
    const { post, calls } = scriptedPost([...failures, { ok: true, status: 'already_stored' }]);
    const sub = attachSubmission(model, post, { newId: () => 'id-net', timers });
    model.doComplete();
    await settle();
    const delays: number[] = [];
    while (sub.getState().phase === 'waiting') {
      delays.push(...timers.pending());
      await timers.fire();
    }
    expect(delays).toEqual([...RETRY_DELAYS_MS, RETRY_DELAYS_MS[RETRY_DELAYS_MS.length - 1]]);
    expect(sub.getState().phase).toBe('saved');
    expect(new Set(calls.map((c) => c.id))).toEqual(new Set(['id-net']));
  });

  it('sends the answer left in the outbox by an earlier visit, with its id', async () => {
    const storage = memoryStorage();
    const first = filledModel();
    const net = fakeConnectivity(false);
    attachSubmission(first, scriptedPost([]).post, { newId: () => 'id-kept', outbox: storageOutbox(storage, 'outbox'), connectivity: net, timers: fakeTimers() }).dispose();
    first.doComplete();
    await settle();

    // The page is opened again: a fresh model, the same browser storage.
    registerCustomProperties();
    const again = new Model(mini.json);
    const { post, calls } = scriptedPost([{ ok: true, status: 'already_stored' }]);
    const sub = attachSubmission(again, post, { newId: () => 'id-new', outbox: storageOutbox(storage, 'outbox'), timers: fakeTimers() });
    expect(sub.id).toBe('id-kept');
    expect(sub.resumeQueued()).toBe(true);
    await settle();
    expect(calls).toEqual([{ id: 'id-kept', data: first.data }]);
    expect(sub.getState().phase).toBe('saved');
    expect(again.showCompletePage).toBe(true);
    expect(storage.keys()).toEqual([]);
    expect(sub.resumeQueued()).toBe(false);
  });

  it('sends an answer with the section and token of its link, and a queued one with those it was completed under', async () => {
    const storage = memoryStorage();
    const first = filledModel();
    const sectionLink = { section: 'anas-01', token: 'T'.repeat(22) };
    const offline = scriptedPost([]);
    attachSubmission(first, offline.post, { newId: () => 'id-linked', outbox: storageOutbox(storage, 'outbox'), connectivity: fakeConnectivity(false), timers: fakeTimers(), link: sectionLink }).dispose();
    first.doComplete();
    await settle();

    // Opened again by another link (the general one, say): the queued answer keeps its own.
    registerCustomProperties();
    const again = new Model(mini.json);
    const { post, calls } = scriptedPost([{ ok: true, status: 'stored' }]);
    const sub = attachSubmission(again, post, { outbox: storageOutbox(storage, 'outbox'), timers: fakeTimers(), link: { section: 'anas-99' } });
    sub.resumeQueued();
    await settle();
    expect(calls).toEqual([{ id: 'id-linked', data: first.data, ...sectionLink }]);

    const fresh = filledModel();
    const direct = scriptedPost([{ ok: true, status: 'stored' }]);
    attachSubmission(fresh, direct.post, { newId: () => 'id-direct', timers: fakeTimers(), link: { section: 'anas-02' } });
    fresh.doComplete();
    await settle();
    expect(direct.calls).toEqual([{ id: 'id-direct', data: fresh.data, section: 'anas-02' }]);
  });

  it('drops the queued answer when the server refuses it, and keeps it on a retry', async () => {
    const model = filledModel();
    const storage = memoryStorage();
    const outbox = storageOutbox(storage, 'outbox');
    const { post } = scriptedPost([
      { ok: false, kind: 'refused', message: 'Cette enquête est close.' },
      { ok: false, kind: 'failed', message: 'réseau' },
    ]);
    const sub = attachSubmission(model, post, { newId: () => 'id-r', outbox, timers: fakeTimers() });
    model.doComplete();
    await settle();
    expect(sub.getState()).toMatchObject({ phase: 'failed', invalid: false, message: 'Cette enquête est close.' });
    expect(outbox.read()).toBeUndefined();
    await sub.retry();
    expect(sub.getState().phase).toBe('waiting');
    expect(outbox.read()?.id).toBe('id-r');
  });

  it('stops retrying once disposed', async () => {
    const model = filledModel();
    const timers = fakeTimers();
    const { post, calls } = scriptedPost([{ ok: false, kind: 'failed', message: 'réseau' }]);
    const sub = attachSubmission(model, post, { timers });
    model.doComplete();
    await settle();
    sub.dispose();
    expect(timers.pending()).toEqual([]);
    await timers.fire();
    expect(calls).toHaveLength(1);
  });
});

describe('newSubmissionId', () => {
  it('makes version 4 UUIDs, also where crypto.randomUUID is missing (plain http)', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(newSubmissionId()).toMatch(uuid);
    const original = crypto.randomUUID;
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      const ids = new Set(Array.from({ length: 50 }, () => newSubmissionId()));
      expect(ids.size).toBe(50);
      for (const id of ids) expect(id).toMatch(uuid);
    } finally {
      Object.defineProperty(crypto, 'randomUUID', { value: original, configurable: true });
    }
  });
});

describe('questionOfError', () => {
  it('maps server error names to questions', () => {
    const model = filledModel();
    expect(questionOfError(model, 'views.meaning')).toBe('views');
    expect(questionOfError(model, 'topics-Comment')).toBe('topics');
    expect(questionOfError(model, 'team_size')).toBe('team_size');
    expect(questionOfError(model, '(answer)')).toBeUndefined();
    model.locale = 'fr';
    expect(questionTitle(model, 'team_size')).toBe("Taille de l'équipe");
    model.locale = 'en';
    expect(questionTitle(model, 'views.meaning')).toBe('How far do you agree?');
    expect(questionTitle(model, '(answer)')).toBe('(answer)');
  });
});
