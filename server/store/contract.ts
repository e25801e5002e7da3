/**
 * The behaviour every AnswerStore must have, as one vitest suite run against each
 * implementation (`sqlite.test.ts`, `postgres.test.ts`), so SQLite and PostgreSQL cannot
 * drift apart. Store-specific checks (pragmas, storage order) stay in those files.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QuestionnaireDefinition } from '../../survey/types.js';
import type { Migration } from './sqlite-migrations.js';
import { StoreError, type AnswerStore, type NewCampaign, type StoredAnswer } from './types.js';

/** One table of a database, read with SQL outside the store. */
export interface TableDump {
  name: string;
  columns: { name: string; type: string }[];
  /** Every row, values as text (`null` for NULL), sorted by their values column by column. */
  rows: Record<string, string | null>[];
}

/** A database the contract can run against, created afresh for each test. */
export interface StoreTarget {
  /**
   * Opens a store on this database, not yet migrated. Each call is another connection,
   * like another server instance; `destroy()` closes whatever is still open.
   */
  open(): AnswerStore;
  /** Every table of the database (the store's and any other), with all its rows. */
  dump(): Promise<TableDump[]>;
  /** The migrations this store applies, in order. */
  migrations: readonly Migration[];
  /** Closes every store opened on it and removes the database. */
  destroy(): Promise<void>;
}

const mini = JSON.parse(readFileSync(new URL('../../test/fixtures/mini-questionnaire.json', import.meta.url), 'utf8')) as QuestionnaireDefinition;

/** SHA-256 hex of a text: stands for the hash of a token, a resume code or a session id. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function answer(over: Partial<StoredAnswer> = {}): StoredAnswer {
  return {
    id: randomUUID(),
    campaignId: 'mini-2026',
    questionnaireId: 'mini',
    questionnaireVersion: '1',
    submittedOn: '2026-11-02',
    data: { consent: 'yes', dept_code: '01D' },
    ...over,
  };
}

const singleUse: NewCampaign = { id: 'inv', title: 'Invitations', questionnaireId: 'mini', questionnaireVersion: '1', status: 'open', invitationMode: 'single_use' };

/** An array nested `depth` levels deep, built without recursion. */
function nested(depth: number): unknown[] {
  let v: unknown[] = [];
  for (let i = 1; i < depth; i++) v = [v];
  return v;
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iterable) out.push(x);
  return out;
}

async function rejection(p: Promise<unknown>): Promise<StoreError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StoreError);
  return err as StoreError;
}

function table(dump: TableDump[], name: string): TableDump {
  const t = dump.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name} in the dump (tables: ${dump.map((x) => x.name).join(', ')})`);
  return t;
}

/** Orders dump values as the database would: numbers as numbers, other text by code unit. */
function compareValues(x: string | null, y: string | null): number {
  if (x === y) return 0;
  if (x === null) return -1;
  if (y === null) return 1;
  const numeric = /^-?\d+(\.\d+)?$/;
  if (numeric.test(x) && numeric.test(y)) return Number(x) - Number(y);
  return x < y ? -1 : 1;
}

/** The rows sorted by one column, ties kept in dump order. */
function sortedBy(rows: Record<string, string | null>[], column: string): Record<string, string | null>[] {
  return rows
    .map((r, i) => ({ r, i }))
    .sort((x, y) => compareValues(x.r[column], y.r[column]) || x.i - y.i)
    .map(({ r }) => r);
}

/** Positions, in `order`, of the items of `seq`: the order seen through another column. */
function ranks<T>(seq: T[], order: T[]): number[] {
  return seq.map((x) => order.indexOf(x));
}

/**
 * Registers the contract's `describe` blocks for one store.
 * @param name Shown in the test names, e.g. `SQLite`.
 * @param createTarget Makes a fresh, empty database for one test.
 */
export function storeContract(name: string, createTarget: () => Promise<StoreTarget>): void {
  describe(`${name} store contract`, () => {
    let target: StoreTarget;
    let store: AnswerStore;

    beforeEach(async () => {
      target = await createTarget();
      store = target.open();
      await store.migrate();
      await store.saveQuestionnaire(mini);
      await store.createCampaign({ id: 'mini-2026', title: 'Mini 2026', questionnaireId: 'mini', questionnaireVersion: '1', status: 'open' });
    });

    afterEach(async () => {
      await store.close();
      await target.destroy();
    });

    describe('migrations', () => {
      it('records every migration once, on the day, however often migrate() runs', async () => {
        await store.migrate();
        await store.migrate();
        const rows = table(await target.dump(), 'schema_migrations').rows;
        expect(rows.map((r) => Number(r.version)).sort((a, b) => a - b)).toEqual(target.migrations.map((m) => m.version));
        for (const r of rows) expect(r.applied_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(await store.countAnswers('mini-2026')).toBe(0);
      });

      it('lets two instances migrate a fresh database at the same time', async () => {
        const fresh = await createTarget();
        try {
          const [a, b] = [fresh.open(), fresh.open()];
          await Promise.all([a.migrate(), b.migrate()]);
          await a.saveQuestionnaire(mini);
          expect(await b.listQuestionnaires()).toHaveLength(1);
          const rows = table(await fresh.dump(), 'schema_migrations').rows;
          expect(rows.map((r) => Number(r.version)).sort((x, y) => x - y)).toEqual(fresh.migrations.map((m) => m.version));
        } finally {
          await fresh.destroy();
        }
      });
    });

    describe('questionnaires', () => {
      it('saves idempotently and refuses a different JSON under the same id+version', async () => {
        // Same content with keys in another order is the same questionnaire.
        const reordered = { json: mini.json, date: mini.date, version: mini.version, id: mini.id };
        await store.saveQuestionnaire(reordered);
        expect(await store.listQuestionnaires()).toEqual([{ id: 'mini', version: '1', date: '2026-11-01' }]);
        const changed = structuredClone(mini);
        changed.json.title = 'Changed';
        const err = await rejection(store.saveQuestionnaire(changed));
        expect(err.code).toBe('conflict');
        expect(err.message).toMatch(/mini@1.*new version/);
        expect(await store.getQuestionnaire('mini', '1')).toEqual(mini);
        expect(JSON.stringify(await store.getQuestionnaire('mini', '1'))).toBe(JSON.stringify(mini));
        expect(await store.getQuestionnaire('mini', '2')).toBeUndefined();
      });

      it('refuses a malformed definition', async () => {
        const err = await rejection(store.saveQuestionnaire({ ...mini, version: '2', date: 'tomorrow' }));
        expect(err.message).toMatch(/date/);
        expect(await store.listQuestionnaires()).toHaveLength(1);
      });

      it('lists versions by id, date and version', async () => {
        await store.saveQuestionnaire({ ...mini, version: '2', date: '2027-01-10' });
        await store.saveQuestionnaire({ ...mini, id: 'a-first', version: '1' });
        expect((await store.listQuestionnaires()).map((q) => `${q.id}@${q.version}`)).toEqual(['a-first@1', 'mini@1', 'mini@2']);
      });
    });

    describe('campaigns', () => {
      it('creates, reads, lists and changes status', async () => {
        const c = await store.createCampaign({
          id: 'mini-pilot',
          title: 'Pilote',
          questionnaireId: 'mini',
          questionnaireVersion: '1',
          opensOn: '2026-10-01',
          closesOn: '2026-10-31',
          status: 'open',
        });
        expect(c).toEqual({
          id: 'mini-pilot',
          title: 'Pilote',
          questionnaireId: 'mini',
          questionnaireVersion: '1',
          opensOn: '2026-10-01',
          closesOn: '2026-10-31',
          status: 'open',
          invitationMode: 'open',
          sections: [],
        });
        expect(await store.getCampaign('mini-pilot')).toEqual(c);
        await store.setCampaignStatus('mini-pilot', 'closed');
        expect((await store.getCampaign('mini-pilot'))?.status).toBe('closed');
        expect((await store.listCampaigns()).map((x) => x.id)).toEqual(['mini-2026', 'mini-pilot']);
        expect(await store.getCampaign('nope')).toBeUndefined();
        expect((await rejection(store.setCampaignStatus('nope', 'closed'))).code).toBe('not_found');
        expect((await rejection(store.setCampaignStatus('mini-pilot', 'paused' as 'open'))).code).toBe('invalid');
      });

      it('keeps the invitation mode and the sections, in their order', async () => {
        const sections = [
          { id: 'anas-69', label: 'ANAS Rhône' },
          { id: 'anas-01', label: 'ANAS Ain' },
        ];
        const c = await store.createCampaign({ ...singleUse, sections });
        expect(c).toMatchObject({ invitationMode: 'single_use', sections });
        expect(await store.getCampaign('inv')).toEqual(c);
      });

      it.each(['Mini', 'mini 2026', 'mini/2026', '-mini', 'mini-', '', 'é', 'a'.repeat(65), '../admin'])('refuses the campaign id %j', async (id) => {
        const err = await rejection(store.createCampaign({ id, title: 'X', questionnaireId: 'mini', questionnaireVersion: '1', status: 'open' }));
        expect(err.code).toBe('invalid');
        expect(err.message).toMatch(/campaign id/i);
      });

      it('refuses a duplicate id, a bad status or mode, inverted dates, bad sections and a missing questionnaire', async () => {
        const base = { title: 'X', questionnaireId: 'mini', questionnaireVersion: '1' };
        expect((await rejection(store.createCampaign({ ...base, id: 'mini-2026', status: 'open' }))).code).toBe('conflict');
        expect((await rejection(store.createCampaign({ ...base, id: 'b', status: 'paused' as 'open' }))).code).toBe('invalid');
        expect((await rejection(store.createCampaign({ ...base, id: 'b', status: 'open', invitationMode: 'email' as 'open' }))).message).toMatch(/single_use/);
        expect((await rejection(store.createCampaign({ ...base, id: 'c', status: 'open', opensOn: '2026-12-01', closesOn: '2026-11-01' }))).message).toMatch(/after/);
        const dup = [
          { id: 's', label: 'S' },
          { id: 's', label: 'T' },
        ];
        expect((await rejection(store.createCampaign({ ...base, id: 'd', status: 'open', sections: dup }))).message).toMatch(/twice/);
        expect((await rejection(store.createCampaign({ ...base, id: 'd', status: 'open', sections: [{ id: 'Bad Id', label: 'S' }] }))).message).toMatch(/section id/);
        expect((await rejection(store.createCampaign({ ...base, id: 'd', status: 'open', sections: [{ id: 's', label: ' ' }] }))).message).toMatch(/label/);
        const missing = await rejection(store.createCampaign({ ...base, id: 'e', questionnaireVersion: '9', status: 'open' }));
        expect(missing.code).toBe('not_found');
        expect((await store.listCampaigns()).map((c) => c.id)).toEqual(['mini-2026']);
      });

      it('updates title, dates, status and sections; null clears a date', async () => {
        const sections = [{ id: 'anas-69', label: 'ANAS Rhône' }];
        const c = await store.updateCampaign('mini-2026', { title: 'Mini 2026 bis', opensOn: '2026-11-01', closesOn: '2026-12-31', sections });
        expect(c).toEqual({
          id: 'mini-2026',
          title: 'Mini 2026 bis',
          questionnaireId: 'mini',
          questionnaireVersion: '1',
          opensOn: '2026-11-01',
          closesOn: '2026-12-31',
          status: 'open',
          invitationMode: 'open',
          sections,
        });
        const d = await store.updateCampaign('mini-2026', { closesOn: null, status: 'closed' });
        expect(d.closesOn).toBeUndefined();
        expect(d).toMatchObject({ opensOn: '2026-11-01', status: 'closed', sections });
        expect(await store.getCampaign('mini-2026')).toEqual(d);
        expect(await store.updateCampaign('mini-2026', {})).toEqual(d);
      });

      it('refuses updates it cannot apply, and changes nothing', async () => {
        const before = await store.updateCampaign('mini-2026', { opensOn: '2026-11-01' });
        expect((await rejection(store.updateCampaign('nope', { title: 'X' }))).code).toBe('not_found');
        expect((await rejection(store.updateCampaign('mini-2026', { closesOn: '2026-10-01' }))).message).toMatch(/after/);
        const fixed = await rejection(store.updateCampaign('mini-2026', { questionnaireVersion: '2', invitationMode: 'single_use' } as object));
        expect(fixed.message).toMatch(/questionnaireVersion, invitationMode cannot be changed/);
        expect((await rejection(store.updateCampaign('mini-2026', { title: '' }))).code).toBe('invalid');
        expect((await rejection(store.updateCampaign('mini-2026', { opensOn: '1 nov' }))).code).toBe('invalid');
        expect((await rejection(store.updateCampaign('mini-2026', { sections: 'anas' as unknown as [] }))).code).toBe('invalid');
        expect(await store.getCampaign('mini-2026')).toEqual(before);
      });
      it('keeps disclosure thresholds set at creation or by an update; null goes back to the defaults', async () => {
        const base = { title: 'X', questionnaireId: 'mini', questionnaireVersion: '1', status: 'open' as const };
        const c = await store.createCampaign({ ...base, id: 'strict', disclosure: { minGroup: 20, minCell: 8, k: 10 } });
        expect(c.disclosure).toEqual({ minGroup: 20, minCell: 8, k: 10 });
        expect(await store.getCampaign('strict')).toEqual(c);
        expect((await store.getCampaign('mini-2026'))?.disclosure).toBeUndefined();
        const d = await store.updateCampaign('mini-2026', { disclosure: { minGroup: 12, minCell: 6, k: 7 } });
        expect(d.disclosure).toEqual({ minGroup: 12, minCell: 6, k: 7 });
        // Other changes keep the thresholds.
        expect((await store.updateCampaign('mini-2026', { title: 'Autre' })).disclosure).toEqual({ minGroup: 12, minCell: 6, k: 7 });
        expect((await store.listCampaigns()).find((x) => x.id === 'mini-2026')?.disclosure).toEqual({ minGroup: 12, minCell: 6, k: 7 });
        const e = await store.updateCampaign('mini-2026', { disclosure: null });
        expect(e.disclosure).toBeUndefined();
        expect(await store.getCampaign('mini-2026')).toEqual(e);
      });

      it('refuses thresholds under the notice’s promise, incomplete or malformed, and changes nothing', async () => {
        const base = { title: 'X', questionnaireId: 'mini', questionnaireVersion: '1', status: 'open' as const };
        const low = await rejection(store.createCampaign({ ...base, id: 'lax', disclosure: { minGroup: 10, minCell: 3, k: 5 } }));
        expect(low.code).toBe('invalid');
        expect(low.message).toMatch(/minCell must be a whole number from 5/);
        expect((await rejection(store.createCampaign({ ...base, id: 'lax', disclosure: { minGroup: 10 } as never }))).message).toMatch(/lacks minCell, k/);
        expect((await rejection(store.createCampaign({ ...base, id: 'lax', disclosure: 'strict' as never }))).code).toBe('invalid');
        expect(await store.getCampaign('lax')).toBeUndefined();
        const before = await store.updateCampaign('mini-2026', { disclosure: { minGroup: 15, minCell: 5, k: 5 } });
        const bad = await rejection(store.updateCampaign('mini-2026', { title: 'Y', disclosure: { minGroup: 6, minCell: 8, k: 5 } }));
        expect(bad.code).toBe('invalid');
        expect(bad.message).toMatch(/minGroup \(6\) cannot be smaller than minCell \(8\)/);
        expect((await rejection(store.updateCampaign('mini-2026', { disclosure: { minGroup: 10, minCell: 5, k: 5, extra: 1 } as never }))).message).toMatch(/unknown threshold "extra"/);
        expect(await store.getCampaign('mini-2026')).toEqual(before);
      });
    });

    describe('answers', () => {
      it('stores an answer once: a second insert with the same id stores nothing', async () => {
        const a = answer();
        expect(await store.insertAnswer(a)).toEqual({ stored: true });
        expect(await store.insertAnswer({ ...a, data: { consent: 'no' } })).toEqual({ stored: false });
        expect(await store.insertAnswer({ ...a, id: a.id.toUpperCase() })).toEqual({ stored: false });
        expect(await store.countAnswers('mini-2026')).toBe(1);
        expect(await store.hasAnswer(a.id.toUpperCase())).toBe(true);
        expect(await store.hasAnswer(randomUUID())).toBe(false);
        expect(await store.hasAnswer('not-a-uuid')).toBe(false);
        const [got] = await collect(store.iterateAnswers());
        expect(got).toEqual(a);
      });

      it('stores the same answer once when two instances receive it at once', async () => {
        const other = target.open();
        await other.migrate();
        const a = answer();
        const results = await Promise.all([store.insertAnswer(a), other.insertAnswer(a), store.insertAnswer(a), other.insertAnswer(a)]);
        expect(results.filter((r) => r.stored)).toHaveLength(1);
        expect(await store.countAnswers('mini-2026')).toBe(1);
      });

      it('refuses answers it cannot store faithfully, and stores nothing', async () => {
        expect((await rejection(store.insertAnswer(answer({ id: 'not-a-uuid' })))).message).toMatch(/UUID/);
        // Time-based UUIDs (version 1 with a MAC address, version 7) would store the time of
        // the answer to the millisecond, and order answers by it.
        for (const id of ['c232ab00-9414-11ec-b3c8-9f6bdeced846', '017f22e2-79b0-7cc3-98c4-dc0c0c07398f']) {
          expect((await rejection(store.insertAnswer(answer({ id })))).message).toMatch(/random \(version 4\) UUID/);
          expect(await store.hasAnswer(id)).toBe(false);
        }
        expect((await rejection(store.insertAnswer(answer({ campaignId: 'unknown' })))).code).toBe('not_found');
        expect((await rejection(store.insertAnswer(answer({ questionnaireVersion: '2' })))).message).toMatch(/collects mini@1/);
        expect((await rejection(store.insertAnswer(answer({ submittedOn: '2026-11-02T10:14:00Z' })))).message).toMatch(/YYYY-MM-DD/);
        expect((await rejection(store.insertAnswer(answer({ submittedOn: '2026-02-30' })))).code).toBe('invalid');
        expect((await rejection(store.insertAnswer(answer({ data: [] as unknown as Record<string, unknown> })))).message).toMatch(/JSON object/);
        expect((await rejection(store.insertAnswer(answer({ data: { remarks: 'a\u0000b' } })))).message).toMatch(/NUL/);
        expect((await rejection(store.insertAnswer(answer({ data: { remarks: 'a\ud800b' } })))).message).toMatch(/Unicode/);
        expect((await rejection(store.insertAnswer(answer({ data: { ['k\u0000']: 1 } })))).code).toBe('invalid');
        expect((await rejection(store.insertAnswer(answer({ section: 'anas-69' })))).message).toMatch(/no section "anas-69"/);
        expect((await rejection(store.insertAnswer(answer({ section: 'Jean Dupont' })))).code).toBe('invalid');
        expect(await store.countAnswers('mini-2026')).toBe(0);
      });

      it('refuses nesting deeper than it can write back, as invalid rather than a crash', async () => {
        // JSON.parse accepts this nesting; JSON.stringify would overflow the stack on it.
        expect((await rejection(store.insertAnswer(answer({ data: { remarks: nested(100_000) } })))).message).toMatch(/nested more than 64 levels/);
        expect((await rejection(store.insertAnswer(answer({ data: { remarks: nested(64) } })))).code).toBe('invalid');
        expect(await store.countAnswers('mini-2026')).toBe(0);
        const a = answer({ data: { remarks: nested(63) } });
        expect(await store.insertAnswer(a)).toEqual({ stored: true });
        expect(await collect(store.iterateAnswers())).toEqual([a]);
      });

      it('keeps text, numbers, nesting and odd keys exactly', async () => {
        const a = answer({
          data: {
            remarks: 'Accès « difficile » 🚗\n\t=1+1, ligne 2',
            team_size: 7,
            share: 0.1,
            big: 12345678901234,
            negative: -3.5e-7,
            topics: ['housing', 'other'],
            views: { meaning: 'na' },
            empty: '',
            ['__proto__']: 'x',
            constructor: { a: null },
          },
        });
        // As the server's JSON.parse gives them: `__proto__` is an own key like any other.
        a.data = JSON.parse(JSON.stringify(a.data)) as Record<string, unknown>;
        expect(Object.keys(a.data)).toContain('__proto__');
        await store.insertAnswer(a);
        const [got] = await collect(store.iterateAnswers());
        expect(JSON.stringify(Object.entries(got.data).sort())).toBe(JSON.stringify(Object.entries(a.data).sort()));
      });

      it('keeps the local section of the link', async () => {
        await store.updateCampaign('mini-2026', { sections: [{ id: 'anas-69', label: 'ANAS Rhône' }] });
        const a = answer({ section: 'anas-69' });
        const b = answer();
        await store.insertAnswer(a);
        await store.insertAnswer(b);
        const got = await collect(store.iterateAnswers());
        expect(got.find((x) => x.id === a.id)).toEqual(a);
        expect(got.find((x) => x.id === b.id)).toEqual(b);
        expect('section' in got.find((x) => x.id === b.id)!).toBe(false);
      });

      it('iterates in (day, id) order across pages, filtered by campaign or questionnaire', async () => {
        await store.createCampaign({ id: 'other', title: 'Other', questionnaireId: 'mini', questionnaireVersion: '1', status: 'open' });
        const days = ['2026-11-03', '2026-11-01', '2026-11-02'];
        const inserted: StoredAnswer[] = [];
        for (let i = 0; i < 11; i++) {
          const a = answer({ submittedOn: days[i % 3], data: { consent: 'yes', team_size: i } });
          inserted.push(a);
          await store.insertAnswer(a);
        }
        await store.insertAnswer(answer({ campaignId: 'other' }));
        const expected = [...inserted].sort((x, y) => (x.submittedOn + x.id < y.submittedOn + y.id ? -1 : 1));

        for (const pageSize of [1, 3, 11, 500]) {
          expect(await collect(store.iterateAnswers({ campaignId: 'mini-2026' }, { pageSize }))).toEqual(expected);
        }
        expect(await collect(store.iterateAnswers({}, { pageSize: 4 }))).toHaveLength(12);
        expect(await collect(store.iterateAnswers({ questionnaireId: 'mini' }, { pageSize: 5 }))).toHaveLength(12);
        expect(await collect(store.iterateAnswers({ campaignId: 'other', questionnaireId: 'mini' }, { pageSize: 5 }))).toHaveLength(1);
        expect(await collect(store.iterateAnswers({ questionnaireId: 'other-questionnaire' }))).toEqual([]);
        await expect(collect(store.iterateAnswers({}, { pageSize: 0 }))).rejects.toThrow(/pageSize/);

        // By id alone, for reports that hash their data snapshot as the answers stream by.
        const byId = [...inserted].sort((x, y) => (x.id < y.id ? -1 : 1));
        for (const pageSize of [1, 3, 11, 500]) {
          expect(await collect(store.iterateAnswers({ campaignId: 'mini-2026' }, { pageSize, order: 'id' }))).toEqual(byId);
        }
        expect(await collect(store.iterateAnswers({ questionnaireId: 'mini' }, { pageSize: 5, order: 'id' }))).toHaveLength(12);
        await expect(collect(store.iterateAnswers({}, { order: 'random' as 'id' }))).rejects.toThrow(/order must be "day" or "id"/);
      });

      it('gives answers back in (day, random id) order, not in the order they arrived', async () => {
        // Ids made in decreasing order and sent in that order: the store must not follow it.
        const ids = Array.from({ length: 12 }, () => randomUUID()).sort().reverse();
        for (const id of ids) await store.insertAnswer(answer({ id }));
        const got = (await collect(store.iterateAnswers({ campaignId: 'mini-2026' }, { pageSize: 5 }))).map((a) => a.id);
        expect(got).toEqual([...ids].reverse());
        expect(got).not.toEqual(ids);
      });

      it('reads lazily: the first page is served before later pages are queried', async () => {
        for (let i = 0; i < 5; i++) await store.insertAnswer(answer());
        const iterator = store.iterateAnswers({ campaignId: 'mini-2026' }, { pageSize: 2 })[Symbol.asyncIterator]();
        expect((await iterator.next()).done).toBe(false);
        // An answer arriving after iteration started sorts after the current page when its day is later.
        await store.insertAnswer(answer({ submittedOn: '2026-12-31' }));
        let n = 1;
        while (!(await iterator.next()).done) n++;
        expect(n).toBe(6);
      });

      it('keeps everything when the store is closed and opened again', async () => {
        const a = answer();
        await store.insertAnswer(a);
        await store.saveMargins('mini-2026', 'dept_code,population\n01D,120\n');
        await store.close();
        store = target.open();
        await store.migrate();
        expect(await store.getCampaign('mini-2026')).toMatchObject({ id: 'mini-2026', status: 'open' });
        expect(await collect(store.iterateAnswers())).toEqual([a]);
        expect(await store.getMargins('mini-2026')).toBe('dept_code,population\n01D,120\n');
      });

      it('has no column that could identify a respondent', async () => {
        const answers = table(await target.dump(), 'answers');
        expect(answers.columns.map((c) => c.name).sort()).toEqual(['campaign_id', 'data', 'id', 'questionnaire_id', 'questionnaire_version', 'section', 'submitted_on']);
      });
    });

    describe('single-use invitations', () => {
      const tokens = Array.from({ length: 4 }, (_, i) => sha256(`token ${i}`));

      beforeEach(async () => {
        await store.createCampaign(singleUse);
        await store.createInvitations('inv', tokens);
      });

      it('consumes a token with the answer: once, and never for a failed answer', async () => {
        const a = answer({ campaignId: 'inv' });
        // Refused answers leave their token unused.
        expect((await rejection(store.insertAnswer({ ...a, questionnaireVersion: '2' }, { invitationTokenHash: tokens[0] }))).code).toBe('invalid');
        expect((await rejection(store.insertAnswer({ ...a, data: { x: '\u0000' } }, { invitationTokenHash: tokens[0] }))).code).toBe('invalid');
        expect(await store.countInvitations('inv')).toEqual({ issued: 4, used: 0 });

        expect(await store.insertAnswer(a, { invitationTokenHash: tokens[0] })).toEqual({ stored: true });
        expect(await store.countInvitations('inv')).toEqual({ issued: 4, used: 1 });
        const reused = await rejection(store.insertAnswer(answer({ campaignId: 'inv' }), { invitationTokenHash: tokens[0] }));
        expect(reused.code).toBe('conflict');
        expect(reused.message).toMatch(/already been used/);
        // Upper-case hex is the same hash.
        expect((await rejection(store.insertAnswer(answer({ campaignId: 'inv' }), { invitationTokenHash: tokens[0].toUpperCase() }))).code).toBe('conflict');
        expect(await store.countAnswers('inv')).toBe(1);
      });

      it('tells whether a token can still be used, without using it', async () => {
        expect(await store.invitationState('inv', tokens[0])).toBe('unused');
        expect(await store.invitationState('inv', tokens[0].toUpperCase())).toBe('unused');
        expect(await store.countInvitations('inv')).toEqual({ issued: 4, used: 0 });
        await store.insertAnswer(answer({ campaignId: 'inv' }), { invitationTokenHash: tokens[0] });
        expect(await store.invitationState('inv', tokens[0])).toBe('used');
        expect(await store.invitationState('inv', tokens[1])).toBe('unused');
        expect(await store.invitationState('inv', sha256('made up'))).toBe('unknown');
        expect(await store.invitationState('other-campaign', tokens[1])).toBe('unknown');
        expect(await store.invitationState('inv', 'not a hash')).toBe('unknown');
      });

      it('acknowledges a retry of a stored answer without touching any token', async () => {
        const a = answer({ campaignId: 'inv' });
        await store.insertAnswer(a, { invitationTokenHash: tokens[0] });
        expect(await store.insertAnswer(a, { invitationTokenHash: tokens[0] })).toEqual({ stored: false });
        expect(await store.insertAnswer(a, { invitationTokenHash: tokens[1] })).toEqual({ stored: false });
        expect(await store.insertAnswer(a)).toEqual({ stored: false });
        expect(await store.countInvitations('inv')).toEqual({ issued: 4, used: 1 });
        // tokens[1] is still good.
        expect(await store.insertAnswer(answer({ campaignId: 'inv' }), { invitationTokenHash: tokens[1] })).toEqual({ stored: true });
      });

      it('refuses an unknown token, a token of another campaign, a missing token, and a token on an open campaign', async () => {
        expect((await rejection(store.insertAnswer(answer({ campaignId: 'inv' }), { invitationTokenHash: sha256('made up') }))).code).toBe('not_found');
        await store.createCampaign({ ...singleUse, id: 'inv-2' });
        await store.createInvitations('inv-2', [sha256('other campaign')]);
        expect((await rejection(store.insertAnswer(answer({ campaignId: 'inv' }), { invitationTokenHash: sha256('other campaign') }))).code).toBe('not_found');
        expect((await rejection(store.insertAnswer(answer({ campaignId: 'inv' })))).message).toMatch(/only through a single-use invitation/);
        expect((await rejection(store.insertAnswer(answer(), { invitationTokenHash: tokens[0] }))).message).toMatch(/open links/);
        expect((await rejection(store.insertAnswer(answer({ campaignId: 'inv' }), { invitationTokenHash: 'secret-token' }))).message).toMatch(/SHA-256/);
        expect(await store.countInvitations('inv')).toEqual({ issued: 4, used: 0 });
        expect(await store.countInvitations('inv-2')).toEqual({ issued: 1, used: 0 });
        expect(await store.countAnswers('inv')).toBe(0);
      });

      it('issues tokens only to single-use campaigns, all of a batch or none', async () => {
        expect((await rejection(store.createInvitations('mini-2026', [sha256('x')]))).message).toMatch(/open links/);
        expect((await rejection(store.createInvitations('nope', [sha256('x')]))).code).toBe('not_found');
        expect((await rejection(store.createInvitations('inv', [sha256('x'), 'abc']))).message).toMatch(/#2 must be a SHA-256/);
        expect((await rejection(store.createInvitations('inv', [sha256('x'), sha256('x')]))).code).toBe('conflict');
        expect((await rejection(store.createInvitations('inv', [sha256('new'), tokens[3]]))).code).toBe('conflict');
        expect(await store.countInvitations('inv')).toEqual({ issued: 4, used: 0 });
        await store.createInvitations('inv', [sha256('new')]);
        await store.createInvitations('inv', []);
        expect(await store.countInvitations('inv')).toEqual({ issued: 5, used: 0 });
        expect(await store.countInvitations('mini-2026')).toEqual({ issued: 0, used: 0 });
      });

      it('lets exactly one of two instances use the same token at once', async () => {
        const other = target.open();
        await other.migrate();
        for (const token of tokens) {
          const results = await Promise.allSettled([
            store.insertAnswer(answer({ campaignId: 'inv' }), { invitationTokenHash: token }),
            other.insertAnswer(answer({ campaignId: 'inv' }), { invitationTokenHash: token }),
          ]);
          expect(results.filter((r) => r.status === 'fulfilled' && r.value.stored)).toHaveLength(1);
          const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
          expect(refused).toHaveLength(1);
          expect(refused[0].reason).toMatchObject({ code: 'conflict' });
        }
        expect(await store.countAnswers('inv')).toBe(4);
        expect(await store.countInvitations('inv')).toEqual({ issued: 4, used: 4 });
      });

      it('stores an answer sent twice at once once, and uses one token', async () => {
        const other = target.open();
        await other.migrate();
        const a = answer({ campaignId: 'inv' });
        const results = await Promise.all([store.insertAnswer(a, { invitationTokenHash: tokens[0] }), other.insertAnswer(a, { invitationTokenHash: tokens[1] })]);
        expect(results.filter((r) => r.stored)).toHaveLength(1);
        expect(await store.countAnswers('inv')).toBe(1);
        expect(await store.countInvitations('inv')).toEqual({ issued: 4, used: 1 });
        // The same answer sent twice at once with its one token: stored once, acknowledged twice.
        const b = answer({ campaignId: 'inv' });
        const again = await Promise.all([store.insertAnswer(b, { invitationTokenHash: tokens[2] }), other.insertAnswer(b, { invitationTokenHash: tokens[2] })]);
        expect(again.map((r) => r.stored).sort()).toEqual([false, true]);
        expect(await store.countInvitations('inv')).toEqual({ issued: 4, used: 2 });
      });

      it('cannot link a used token to the answer it produced: no shared value, no order, no time', async () => {
        // Tokens are used in the reverse of their hash order, answers sent in yet another
        // order of their ids, all on one day: any column that followed the order of use
        // would show up below.
        const n = 12;
        const hashes = Array.from({ length: n + 3 }, (_, i) => sha256(`link ${i}`)).sort();
        await store.createInvitations('inv', [...hashes].reverse());
        const used = hashes.slice(3).reverse(); // used[k] is the k-th token used
        const ids: string[] = Array.from({ length: n }, () => randomUUID()).sort();
        const sent = ids.map((_, k) => ids[(5 * k + 3) % n]); // sent[k] is the k-th answer stored
        for (let k = 0; k < n; k++) {
          expect(await store.insertAnswer(answer({ id: sent[k], campaignId: 'inv' }), { invitationTokenHash: used[k] })).toEqual({ stored: true });
        }
        await store.createSession({ idHash: sha256('session'), expiresAt: Date.now() + 3_600_000 });
        await store.saveDraft({ codeHash: sha256('resume code'), campaignId: 'inv', data: { consent: 'yes' }, expiresOn: '2026-12-01' });

        const dump = await target.dump();
        const invitations = table(dump, 'invitations');
        const answers = table(dump, 'answers');
        expect(invitations.columns.map((c) => c.name).sort()).toEqual(['campaign_id', 'token_hash', 'used']);

        // No shared value: token hashes live only in the invitations table, answer ids only
        // in the answers table, and neither table holds any value of the other but the campaign.
        const everyOtherValue = (except: string) =>
          dump.filter((t) => t.name !== except).flatMap((t) => t.rows.flatMap((r) => Object.values(r).filter((v): v is string => v !== null)));
        for (const v of everyOtherValue('invitations')) for (const h of hashes) expect(v.includes(h)).toBe(false);
        for (const v of everyOtherValue('answers')) for (const id of ids) expect(v.toLowerCase().includes(id)).toBe(false);
        const answerValues = new Set(answers.rows.flatMap((r) => Object.entries(r).filter(([k]) => k !== 'campaign_id').map(([, v]) => v)));
        for (const row of invitations.rows) expect(answerValues.has(row.token_hash)).toBe(false);
        // The flag is a flag: two values at most, so it can carry nothing else.
        expect(new Set(invitations.rows.map((r) => r.used)).size).toBe(2);

        // No order: sorting the used tokens by any column of theirs gives neither the order
        // they were used in nor the order of the answers by any column of theirs.
        const usedRows = invitations.rows.filter((r) => used.includes(r.token_hash!));
        expect(usedRows).toHaveLength(n);
        const useOrder = used.map((_, k) => k);
        const answerOrders = answers.columns.map((c) => sortedBy(answers.rows, c.name).map((r) => sent.indexOf(r.id!.toLowerCase())));
        // Nor does any column of the answers follow the order they arrived in.
        answers.columns.forEach((c, i) => expect(answerOrders[i], `answers sorted by ${c.name}`).not.toEqual(useOrder));
        for (const c of invitations.columns) {
          const byColumn = sortedBy(usedRows, c.name).map((r) => used.indexOf(r.token_hash!));
          expect(byColumn, `invitations sorted by ${c.name}`).not.toEqual(useOrder);
          for (const order of answerOrders) expect(byColumn, `invitations sorted by ${c.name}`).not.toEqual(order);
        }
        // The store hands answers back by (day, random id), not in the order they came.
        const read = (await collect(store.iterateAnswers({ campaignId: 'inv' }))).map((a) => a.id);
        expect(read).toEqual(ids);
        expect(ranks(read, sent)).not.toEqual(useOrder);

        // No time: no time-typed column, no time of day, no epoch number, anywhere but an
        // organiser session's expiry.
        for (const t of dump) {
          for (const c of t.columns) {
            expect(`${t.name}.${c.name}: ${c.type}`).not.toMatch(/time|interval/i);
            if (t.name === 'admin_sessions' && c.name === 'expires_at') continue;
            for (const r of t.rows) {
              const v = r[c.name];
              if (v === null) continue;
              expect(v, `${t.name}.${c.name}`).not.toMatch(/\d{2}:\d{2}/);
              if (/^\d+$/.test(v)) expect(Number(v), `${t.name}.${c.name}`).toBeLessThan(1e9);
              if (/^\d{4}-\d{2}-\d{2}/.test(v)) expect(v, `${t.name}.${c.name}`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
            }
          }
        }
      });
    });

    describe('margins', () => {
      it('keeps one margins CSV per campaign, replaced by the next', async () => {
        expect(await store.getMargins('mini-2026')).toBeUndefined();
        await store.saveMargins('mini-2026', 'dept_code,population\n01D,120\n');
        await store.saveMargins('mini-2026', 'dept_code;population\r\n01D;130\r\n02D;95\r\n');
        expect(await store.getMargins('mini-2026')).toBe('dept_code;population\r\n01D;130\r\n02D;95\r\n');
        expect((await rejection(store.saveMargins('nope', 'a,b\n'))).code).toBe('not_found');
        expect((await rejection(store.saveMargins('mini-2026', ''))).code).toBe('invalid');
        expect((await rejection(store.saveMargins('mini-2026', 'a\u0000'))).code).toBe('invalid');
        expect(await store.getMargins('mini-2026')).toMatch(/02D;95/);
      });
    });

    describe('drafts', () => {
      const code = sha256('resume code');

      it('saves, replaces, resumes until its last day, and deletes', async () => {
        await store.saveDraft({ codeHash: code, campaignId: 'mini-2026', data: { consent: 'yes' }, expiresOn: '2026-11-10' });
        await store.saveDraft({ codeHash: code, campaignId: 'mini-2026', data: { consent: 'yes', team_size: 4 }, expiresOn: '2026-11-12' });
        const draft = { codeHash: code, campaignId: 'mini-2026', data: { consent: 'yes', team_size: 4 }, expiresOn: '2026-11-12' };
        expect(await store.getDraft(code, '2026-11-12')).toEqual(draft);
        expect(await store.getDraft(code.toUpperCase(), '2026-11-01')).toEqual(draft);
        expect(await store.getDraft(code, '2026-11-13')).toBeUndefined();
        expect(await store.getDraft(sha256('other'), '2026-11-01')).toBeUndefined();
        expect(await store.getDraft('ABCD-1234', '2026-11-01')).toBeUndefined();
        await store.deleteDraft(code);
        expect(await store.getDraft(code, '2026-11-01')).toBeUndefined();
        await store.deleteDraft(code);
      });

      it('purges drafts expired before a day and says how many', async () => {
        for (const [i, day] of ['2026-11-01', '2026-11-02', '2026-11-03'].entries()) {
          await store.saveDraft({ codeHash: sha256(`code ${i}`), campaignId: 'mini-2026', data: {}, expiresOn: day });
        }
        expect(await store.purgeExpiredDrafts('2026-11-03')).toBe(2);
        expect(await store.purgeExpiredDrafts('2026-11-03')).toBe(0);
        expect(await store.getDraft(sha256('code 2'), '2026-11-03')).toBeDefined();
        expect((await rejection(store.purgeExpiredDrafts('soon'))).code).toBe('invalid');
      });

      it('refuses a draft it cannot keep', async () => {
        const ok = { codeHash: code, campaignId: 'mini-2026', data: {}, expiresOn: '2026-11-10' };
        expect((await rejection(store.saveDraft({ ...ok, campaignId: 'nope' }))).code).toBe('not_found');
        expect((await rejection(store.saveDraft({ ...ok, codeHash: 'K7QX-93PA' }))).message).toMatch(/never the secret/);
        expect((await rejection(store.saveDraft({ ...ok, expiresOn: '2026-11-10T23:59' }))).code).toBe('invalid');
        expect((await rejection(store.saveDraft({ ...ok, data: 'x' as unknown as Record<string, unknown> }))).code).toBe('invalid');
        expect((await rejection(store.saveDraft({ ...ok, data: { a: nested(100_000) } }))).message).toMatch(/nested more than 64 levels/);
        expect(await store.getDraft(code, '2026-11-01')).toBeUndefined();
      });
    });

    describe('organiser sessions', () => {
      const id = sha256('session id');

      it('creates, reads until expiry, deletes; any instance sees them', async () => {
        const other = target.open();
        await other.migrate();
        await store.createSession({ idHash: id, expiresAt: 1_900_000_000_000 });
        expect(await other.getSession(id, 1_899_999_999_999)).toEqual({ idHash: id, expiresAt: 1_900_000_000_000 });
        expect(await other.getSession(id.toUpperCase(), 1_800_000_000_000)).toEqual({ idHash: id, expiresAt: 1_900_000_000_000 });
        await other.deleteSession(id);
        expect(await store.getSession(id, 1_800_000_000_000)).toBeUndefined();
        await store.deleteSession(id);
        await store.deleteSession('not a hash');
      });

      it('forgets a session once expired', async () => {
        await store.createSession({ idHash: id, expiresAt: 2_000 });
        expect(await store.getSession(id, 2_000)).toBeUndefined();
        // Expired means gone, even for a clock that went back.
        expect(await store.getSession(id, 1_000)).toBeUndefined();
        expect(table(await target.dump(), 'admin_sessions').rows).toEqual([]);
      });

      it('refuses a duplicate or malformed session', async () => {
        await store.createSession({ idHash: id, expiresAt: 2_000 });
        expect((await rejection(store.createSession({ idHash: id, expiresAt: 3_000 }))).code).toBe('conflict');
        expect((await rejection(store.createSession({ idHash: 'raw-session-id', expiresAt: 3_000 }))).code).toBe('invalid');
        expect((await rejection(store.createSession({ idHash: sha256('x'), expiresAt: 1.5 }))).code).toBe('invalid');
        expect(await store.getSession('raw-session-id', 1_000)).toBeUndefined();
      });
    });
  });
}
